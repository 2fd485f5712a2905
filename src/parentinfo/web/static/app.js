// parentinfo: small progressive enhancements; every page also works without this file.
(function () {
  "use strict";

  // The organisation switcher submits on change (its button stays for keyboard and no-JS use).
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });

  // On a phone the top bar is one line with a menu button (the CSS folds it at 40rem).
  var toggle = document.querySelector(".menu-toggle");
  var topbar = document.querySelector(".topbar");
  if (toggle && topbar) {
    toggle.hidden = false;
    topbar.classList.add("has-menu");
    toggle.addEventListener("click", function () {
      var open = topbar.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  // After a failed submit, move focus to the error summary so screen readers announce it.
  var summary = document.querySelector("[data-focus-on-load]");
  if (summary) { summary.focus(); }

  // Buttons that ask first ("Cancel this event?"): the question is in data-confirm.
  document.querySelectorAll("[data-confirm]").forEach(function (el) {
    el.addEventListener("click", function (event) {
      if (!window.confirm(el.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });

  // Live progress while sending: poll the JSON status and update the bar and the counts.
  var progress = document.querySelector("[data-progress-url]");
  if (progress) {
    var url = progress.getAttribute("data-progress-url");
    var bar = progress.querySelector("progress");
    var poll = function () {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (!data) { return; }
          if (bar) { bar.max = data.total || 1; bar.value = data.done; }
          Object.keys(data.counts || {}).forEach(function (key) {
            var cell = progress.querySelector('[data-count="' + key + '"]');
            if (cell) { cell.textContent = data.counts[key]; }
          });
          var label = progress.querySelector("[data-progress-label]");
          if (label) { label.textContent = data.done + " / " + data.total; }
          if (data.done < data.total) { window.setTimeout(poll, 1000); }
          else {
            var done = progress.querySelector("[data-progress-done]");
            if (done) { done.hidden = false; }
          }
        })
        .catch(function () { window.setTimeout(poll, 3000); });
    };
    poll();
  }
})();
