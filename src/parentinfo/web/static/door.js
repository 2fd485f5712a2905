// The door on a phone: search as you type, tap to check in or undo, walk-ins, a live
// headcount, and check-ins that survive a dropped connection.
//
// Every tap becomes an operation with its own id (client_id) in a queue kept in
// localStorage. The queue is sent to the sync route whenever the phone is online; the
// server merges duplicates by client_id, so sending the same queue twice is harmless.
// The server applies or refuses each operation on its own. A refused one leaves the
// queue for a second list, also kept in localStorage, shown with the server's reason
// until the volunteer fixes it (walk-ins go back into the form), tries again, or drops it.
(function () {
  "use strict";

  var list = document.getElementById("door-list");
  if (!list) { return; }
  var eventId = list.getAttribute("data-event");
  var syncUrl = list.getAttribute("data-sync-url");
  var queueKey = "parentinfo-door-queue-" + eventId;
  var refusedKey = "parentinfo-door-refused-" + eventId;
  var BATCH = 100; // operations per request, well under the server's limit
  var msg = document.getElementById("door-messages").dataset;
  var names = JSON.parse(msg.languageNames || "{}");
  var state = document.getElementById("sync-state");
  var sending = false;
  var loginNeeded = false;

  // ---- the queue -------------------------------------------------------------------
  function loadQueue() {
    try { return JSON.parse(window.localStorage.getItem(queueKey)) || []; }
    catch (e) { return []; }
  }
  function saveQueue(queue) { window.localStorage.setItem(queueKey, JSON.stringify(queue)); }
  function loadRefused() {
    try { return JSON.parse(window.localStorage.getItem(refusedKey)) || []; }
    catch (e) { return []; }
  }
  function saveRefused(refused) {
    window.localStorage.setItem(refusedKey, JSON.stringify(refused));
    showRefused();
  }
  function newId() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function enqueue(op) {
    op.client_id = newId();
    op.at = new Date().toISOString();
    var queue = loadQueue();
    queue.push(op);
    saveQueue(queue);
    showState();
    flush();
    return op;
  }

  // ---- what the page shows ---------------------------------------------------------
  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/ł/g, "l").replace(/Ł/g, "l").replace(/ß/g, "ss").replace(/đ/g, "d")
      .toLowerCase();
  }
  function rows() { return Array.prototype.slice.call(list.querySelectorAll(".door-item")); }
  function rowFor(invitationId) { return list.querySelector('[data-invitation="' + invitationId + '"]'); }
  function partyOf(row) {
    var size = parseInt(row.querySelector(".party input").value, 10);
    return size >= 1 && size <= 20 ? size : 1;
  }

  function headcount() {
    var total = 0;
    var perLanguage = {};
    rows().forEach(function (row) {
      if (!row.classList.contains("is-in")) { return; }
      var size = partyOf(row);
      total += size;
      var code = row.getAttribute("data-language");
      if (code) { perLanguage[code] = (perLanguage[code] || 0) + size; } // a headcount has none
    });
    document.querySelector("[data-total]").textContent = total;
    var holder = document.querySelector("[data-per-language]");
    holder.textContent = "";
    Object.keys(perLanguage).sort().forEach(function (code) {
      var span = document.createElement("span");
      span.textContent = (names[code] || code) + ": " + perLanguage[code] + " ";
      holder.appendChild(span);
    });
  }

  function markPending() {
    var pending = {};
    loadQueue().forEach(function (op) { if (op.invitation_id) { pending[op.invitation_id] = true; } });
    rows().forEach(function (row) {
      var id = row.getAttribute("data-invitation");
      row.classList.toggle("pending", !!pending[id] || row.hasAttribute("data-client"));
    });
  }

  function showState(text) {
    var waiting = loadQueue().length;
    var offline = !navigator.onLine;
    state.setAttribute("data-state", offline || loginNeeded ? "offline" : "online");
    if (text) { state.textContent = text; }
    else if (loginNeeded) { state.innerHTML = ""; state.appendChild(loginLink()); }
    else if (offline) { state.textContent = msg.offline + (waiting ? " " + msg.waiting + " " + waiting : ""); }
    else if (waiting) { state.textContent = (sending ? msg.sending : msg.waiting) + " " + waiting; }
    else { state.textContent = msg.online; }
    markPending();
  }
  function loginLink() {
    var link = document.createElement("a");
    link.href = "/login?next=" + encodeURIComponent(window.location.pathname);
    link.textContent = msg.login;
    return link;
  }

  // ---- what the server refused ---------------------------------------------------------
  var refusedBox = document.getElementById("door-refused");
  var refusedList = document.getElementById("door-refused-list");

  function describe(op) {
    if (!op || typeof op !== "object") { return msg.unreadable; }
    if (op.kind === "walk_in") {
      return (op.name || msg.noName) + " (" + msg.walkIn + ", " + (op.party_size || 1) + ")";
    }
    var row = op.invitation_id ? rowFor(op.invitation_id) : null;
    var name = (row && row.getAttribute("data-name")) || msg.noName;
    return name + ": " + (op.kind === "undo" ? msg.undone : msg.checkedIn);
  }

  function button(text, action, index) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "small";
    b.textContent = text;
    b.setAttribute("data-action", action);
    b.setAttribute("data-index", index);
    return b;
  }

  function showRefused() {
    var refused = loadRefused();
    refusedList.textContent = "";
    refused.forEach(function (entry, index) {
      var item = document.createElement("li");
      item.className = "door-refused-item";
      var what = document.createElement("strong");
      what.textContent = describe(entry.op);
      var why = document.createElement("span");
      why.className = "reason";
      why.textContent = entry.detail || "";
      item.appendChild(what);
      item.appendChild(why);
      if (entry.op && entry.op.kind === "walk_in") { item.appendChild(button(msg.fix, "fix", index)); }
      if (entry.op && typeof entry.op === "object") { item.appendChild(button(msg.retry, "retry", index)); }
      item.appendChild(button(msg.drop, "drop", index));
      refusedList.appendChild(item);
    });
    refusedBox.hidden = refused.length === 0;
  }

  function fillWalkIn(op) {
    var form = document.getElementById("walk-in-form");
    ["name", "mobile", "email", "party_size", "language"].forEach(function (field) {
      if (form.elements[field] && op[field] !== undefined && op[field] !== null) { form.elements[field].value = op[field]; }
    });
    form.querySelectorAll('input[name="consent_channels"]').forEach(function (box) {
      box.checked = (op.consent_channels || []).indexOf(box.value) !== -1;
    });
    document.getElementById("walk-in").open = true;
    form.elements.name.focus();
  }

  refusedList.addEventListener("click", function (event) {
    var b = event.target.closest("button");
    if (!b) { return; }
    var refused = loadRefused();
    var index = parseInt(b.getAttribute("data-index"), 10);
    var entry = refused[index];
    if (!entry) { return; }
    refused.splice(index, 1);
    saveRefused(refused);
    var action = b.getAttribute("data-action");
    if (action === "fix") { fillWalkIn(entry.op); }
    else if (action === "retry") {
      var queue = loadQueue();
      queue.push(entry.op); // the same client_id: should it have been saved after all, it merges
      saveQueue(queue);
      flush();
    }
    showState();
  });

  // ---- taps ---------------------------------------------------------------------------
  function checkIn(row) {
    row.classList.add("is-in");
    enqueue({ kind: "check_in", invitation_id: parseInt(row.getAttribute("data-invitation"), 10), party_size: partyOf(row) });
    announce(row, msg.checkedIn);
  }
  function undo(row) {
    var clientId = row.getAttribute("data-client");
    if (clientId) { // a walk-in made offline and not sent yet: forget it
      saveQueue(loadQueue().filter(function (op) { return op.client_id !== clientId; }));
      row.parentNode.removeChild(row);
    } else {
      row.classList.remove("is-in");
      enqueue({ kind: "undo", invitation_id: parseInt(row.getAttribute("data-invitation"), 10) });
    }
    announce(row, msg.undone);
  }
  function announce(row, what) {
    headcount();
    var name = row.getAttribute("data-name") || msg.noName;
    showState(name + ": " + what + " (" + partyOf(row) + ")");
    window.setTimeout(function () { showState(); }, 2500);
  }

  list.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) { return; }
    var row = button.closest(".door-item");
    if (button.classList.contains("checkin")) { checkIn(row); }
    else if (button.classList.contains("undo")) { undo(row); }
  });
  list.addEventListener("change", function (event) {
    var row = event.target.closest(".door-item");
    if (row && row.classList.contains("is-in") && !row.hasAttribute("data-client")) {
      checkIn(row); // a new party size for someone already in
    }
  });

  // ---- search as you type ------------------------------------------------------------
  var search = document.getElementById("door-search");
  search.addEventListener("input", function () {
    // Every word typed must occur in the name, or in the server's folded form of it
    // (data-fold: "elena" finds Елена, "kozlowska" Kozłowska), whatever the alphabet.
    var words = fold(search.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    rows().forEach(function (row) {
      var haystack = fold(row.getAttribute("data-name")) + " " + (row.getAttribute("data-fold") || "");
      var hit = words.every(function (word) { return haystack.indexOf(word) !== -1; });
      row.hidden = !hit;
      if (hit) { shown += 1; }
    });
    document.getElementById("door-empty").hidden = shown > 0;
  });

  // ---- walk-ins while offline ----------------------------------------------------------
  var walkIn = document.getElementById("walk-in-form");
  walkIn.addEventListener("submit", function (event) {
    if (navigator.onLine && !loginNeeded) { return; } // online: the server checks the form
    event.preventDefault();
    var data = new FormData(walkIn);
    var fields = {
      kind: "walk_in",
      name: (data.get("name") || "").trim(),
      language: data.get("language") || "",
      mobile: data.get("mobile") || null,
      email: data.get("email") || null,
      party_size: parseInt(data.get("party_size"), 10) || 1,
      consent_channels: data.getAll("consent_channels")
    };
    // The form's rule, as the server applies it: nothing filled in is a headcount, which
    // has no language; a name alone is a named walk-in that gets no messages.
    if (!fields.name && !fields.mobile && !fields.email && !fields.consent_channels.length) {
      fields.language = "";
    }
    var op = enqueue(fields);
    var row = document.createElement("li");
    row.className = "door-item is-in pending";
    row.setAttribute("data-client", op.client_id);
    row.setAttribute("data-name", op.name);
    row.setAttribute("data-language", op.language);
    row.innerHTML = '<div class="who"><strong></strong><span class="muted"></span></div>' +
      '<div class="party"><input type="number" min="1" max="20" readonly></div>' +
      '<button type="button" class="undo"></button>';
    row.querySelector("strong").textContent = op.name || msg.noName;
    row.querySelector(".muted").textContent =
      (op.language ? (names[op.language] || op.language) + " · " : "") + msg.walkIn;
    row.querySelector("input").value = op.party_size;
    row.querySelector("input").setAttribute("aria-label", op.name || msg.noName);
    row.querySelector("button").textContent = msg.undo;
    list.insertBefore(row, list.firstChild);
    walkIn.reset();
    announce(row, msg.checkedIn);
  });

  // ---- sending ---------------------------------------------------------------------------
  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function applyState(data, stillQueued) {
    var busy = {};
    stillQueued.forEach(function (op) { if (op.invitation_id) { busy[op.invitation_id] = true; } });
    data.rows.forEach(function (item) {
      var row = rowFor(item.invitation_id);
      if (!row || busy[item.invitation_id]) { return; }
      row.classList.toggle("is-in", item.checked_in);
      var input = row.querySelector(".party input");
      if (document.activeElement !== input) { input.value = item.party_size; }
    });
    headcount();
  }

  function flush() {
    if (sending || !navigator.onLine) { showState(); return; }
    var batch = loadQueue().slice(0, BATCH);
    sending = true;
    showState();
    fetch(syncUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "x-csrftoken": csrfToken() },
      body: JSON.stringify({ operations: batch })
    }).then(function (response) {
      if (response.status === 401 || response.status === 403) { loginNeeded = true; return null; }
      if (!response.ok) { return null; }
      loginNeeded = false;
      return response.json();
    }).then(function (data) {
      sending = false;
      if (!data) { showState(); return; }
      // One result per operation, in the batch's order: each one is settled on its own.
      var settled = batch.slice(0, data.results.length);
      var done = {};
      var refused = loadRefused();
      settled.forEach(function (op, index) {
        var result = data.results[index];
        if (op && op.client_id) { done[op.client_id] = true; }
        if (!result.ok) { refused.push({ op: op, status_code: result.status_code, detail: result.detail }); }
      });
      var unnamed = settled.filter(function (op) { return !(op && op.client_id); }).length;
      var left = loadQueue().filter(function (op) {
        if (op && op.client_id) { return !done[op.client_id]; }
        if (unnamed > 0) { unnamed -= 1; return false; } // an unreadable entry, settled above
        return true;
      });
      saveQueue(left);
      saveRefused(refused);
      list.querySelectorAll("[data-client]").forEach(function (row) {
        if (done[row.getAttribute("data-client")]) { row.parentNode.removeChild(row); }
      });
      applyState(data, left);
      showState();
      if (left.length) { flush(); return; }
      if (data.reload) { window.location.reload(); }
    }).catch(function () {
      sending = false; // the connection dropped: keep everything, try again later
      showState();
    });
  }

  window.addEventListener("online", flush);
  window.addEventListener("offline", function () { showState(); });
  // Retry what is waiting, and pick up the other phones' check-ins now and then.
  var ticks = 0;
  window.setInterval(function () {
    ticks += 1;
    if (loadQueue().length || ticks % 4 === 0) { flush(); }
  }, 5000);

  headcount();
  showRefused();
  showState();
  if (loadQueue().length) { flush(); }
})();
