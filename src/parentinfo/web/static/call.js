// parentinfo: the phone simulator's keypad. Without this file every key still works: each
// key button sends itself, and the keys field takes several keys typed at once.
(function () {
  "use strict";
  var form = document.querySelector("form[data-keypad]");
  if (!form) { return; }
  var field = form.querySelector("input[name=digits]");
  var wanted = parseInt(form.getAttribute("data-num-digits") || "0", 10);
  var finish = form.getAttribute("data-finish-on-key") || "";
  var sent = false;
  var send = function () {
    if (sent) { return; }
    sent = true;  // a second press while the call answers must not send twice
    form.submit();
  };
  // Keys are collected as on a phone: Twilio takes them when enough were pressed, or at
  // the finishing key (which is not sent).
  form.querySelectorAll("button[name=key]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var key = button.value;
      if (key === finish) { send(); return; }
      field.value += key;
      if (wanted && field.value.length >= wanted) { send(); }
    });
  });
})();
