/* Behaviour of every page, kept out of the HTML so the Content-Security-Policy allows no inline script. */
(function () {
  "use strict";
  // A form that takes seconds to answer (several files read and checked) and says so: `data-busy-text` on the form.
  // Once submitted it is aria-busy, its button disabled (no second submission) and worded as the busy text, which
  // its `data-busy-status` live region also announces.
  function markBusy(form) {
    var button = form.querySelector("button[type=submit], button:not([type])");
    var status = form.querySelector("[data-busy-status]");
    form.setAttribute("aria-busy", "true");
    if (button) {
      button.dataset.idleText = button.textContent;
      button.textContent = form.dataset.busyText;
      button.disabled = true;
    }
    if (status) status.textContent = form.dataset.busyText;
  }
  function markIdle(form) {
    var button = form.querySelector("button[type=submit], button:not([type])");
    var status = form.querySelector("[data-busy-status]");
    form.removeAttribute("aria-busy");
    if (button && button.dataset.idleText !== undefined) {
      button.textContent = button.dataset.idleText;
      button.disabled = false;
    }
    if (status) status.textContent = "";
  }
  function start() {
    // The language menu switches as soon as a language is picked; without JavaScript its button does.
    var language = document.getElementById("language");
    if (language && language.form) {
      language.addEventListener("change", function () {
        language.form.submit();
      });
    }
    var busy = document.querySelectorAll("form[data-busy-text]");
    busy.forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!event.defaultPrevented) markBusy(form);
      });
    });
    // Back to the page from the next one: the browser may show it as it was left, busy; it is ready again.
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) busy.forEach(markIdle);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
