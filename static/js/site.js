/* Behaviour of every page, kept out of the HTML so the Content-Security-Policy allows no inline script. */
(function () {
  "use strict";
  function start() {
    // The language menu switches as soon as a language is picked; without JavaScript its button does.
    var language = document.getElementById("language");
    if (language && language.form) {
      language.addEventListener("change", function () {
        language.form.submit();
      });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
