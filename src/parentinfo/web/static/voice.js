// parentinfo: record a prompt of the phone call in the browser, listen, keep or record again.
//
// Twilio's <Play> plays WAV but not the webm/ogg MediaRecorder makes, so the take is decoded
// (decodeAudioData, resampled to 16 kHz by the AudioContext) and written as a 16-bit PCM
// mono WAV here, before upload. Listening plays the decoded take through Web Audio, so the
// page needs no blob: URL (the Content-Security-Policy allows only 'self').
(function () {
  "use strict";

  var root = document.getElementById("voice-recorder");
  var texts = document.getElementById("recorder-texts");
  if (!root || !texts) { return; }
  if (!navigator.mediaDevices || !window.MediaRecorder || !window.AudioContext) { return; }
  root.hidden = false;
  var errorBox = root.querySelector("[data-recorder-error]");
  var maxSeconds = parseInt(root.getAttribute("data-max-seconds"), 10) || 120;
  var RATE = 16000;

  function say(key) { return texts.getAttribute("data-" + key) || ""; }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = !message;
  }

  // Float samples of every channel → one 16-bit PCM mono WAV file.
  function toWav(buffer) {
    var frames = buffer.length;
    var channels = buffer.numberOfChannels;
    var mono = new Float32Array(frames);
    for (var c = 0; c < channels; c++) {
      var data = buffer.getChannelData(c);
      for (var i = 0; i < frames; i++) { mono[i] += data[i] / channels; }
    }
    var bytes = new ArrayBuffer(44 + frames * 2);
    var view = new DataView(bytes);
    function text(offset, s) { for (var k = 0; k < s.length; k++) { view.setUint8(offset + k, s.charCodeAt(k)); } }
    text(0, "RIFF"); view.setUint32(4, 36 + frames * 2, true); text(8, "WAVE");
    text(12, "fmt "); view.setUint32(16, 16, true); view.setUint16(20, 1, true);
    view.setUint16(22, 1, true); view.setUint32(24, buffer.sampleRate, true);
    view.setUint32(28, buffer.sampleRate * 2, true); view.setUint16(32, 2, true);
    view.setUint16(34, 16, true); text(36, "data"); view.setUint32(40, frames * 2, true);
    for (var j = 0; j < frames; j++) {
      var s = Math.max(-1, Math.min(1, mono[j]));
      view.setInt16(44 + j * 2, s < 0 ? s * 0x8000 : s * 0x7fff, true);
    }
    return new Blob([bytes], { type: "audio/wav" });
  }

  function Recorder(box) {
    var panel = box.querySelector("[data-recorder]");
    var buttons = {};
    panel.querySelectorAll("button[data-action]").forEach(function (b) {
      buttons[b.getAttribute("data-action")] = b;
    });
    var status = panel.querySelector("[data-recorder-status]");
    var context = null, media = null, chunks = [], take = null, wav = null, timer = null;
    panel.hidden = false;

    function show(names) {
      Object.keys(buttons).forEach(function (name) { buttons[name].hidden = names.indexOf(name) < 0; });
    }

    function audioContext() {
      if (!context) { context = new AudioContext({ sampleRate: RATE }); }
      return context;
    }

    function start() {
      showError("");
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
        chunks = [];
        media = new MediaRecorder(stream);
        media.ondataavailable = function (e) { if (e.data && e.data.size) { chunks.push(e.data); } };
        media.onstop = function () {
          stream.getTracks().forEach(function (t) { t.stop(); });
          new Blob(chunks, { type: media.mimeType }).arrayBuffer()
            .then(function (raw) { return audioContext().decodeAudioData(raw); })
            .then(function (decoded) {
              take = decoded;
              wav = toWav(decoded);
              status.textContent = say("ready");
              show(["listen", "keep", "again"]);
            })
            .catch(function (err) { showError(String(err)); show(["record"]); });
        };
        media.start();
        status.textContent = say("recording");
        show(["stop"]);
        timer = window.setTimeout(stop, maxSeconds * 1000);  // never longer than we accept
      }).catch(function () { showError(say("no-microphone")); });
    }

    function stop() {
      window.clearTimeout(timer);
      if (media && media.state !== "inactive") { media.stop(); }
    }

    function listen() {
      var ctx = audioContext();
      var source = ctx.createBufferSource();
      source.buffer = take;
      source.connect(ctx.destination);
      ctx.resume().then(function () { source.start(); });
      panel.setAttribute("data-listened", "true");
    }

    function keep() {
      show([]);
      status.textContent = say("saving");
      fetch(box.getAttribute("data-upload-url"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "audio/wav", "Accept": "application/json", "x-csrftoken": csrfToken() },
        body: wav
      }).then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      }).then(function (result) {
        if (result.ok) {
          status.textContent = say("saved");
          window.location.reload();
          return;
        }
        var errors = result.body.errors || [];
        showError(errors.length ? errors[0].message : result.body.detail);
        show(["listen", "keep", "again"]);
        status.textContent = "";
      }).catch(function (err) { showError(String(err)); show(["listen", "keep", "again"]); });
    }

    buttons.record.addEventListener("click", start);
    buttons.again.addEventListener("click", start);
    buttons.stop.addEventListener("click", stop);
    buttons.listen.addEventListener("click", listen);
    buttons.keep.addEventListener("click", keep);
  }

  document.querySelectorAll("[data-upload-url]").forEach(function (box) { Recorder(box); });
})();
