/* Draw the plotly figures the page carries as JSON; a click on a bar opens the source line of its number. */
(function () {
  "use strict";
  function draw(el) {
    var data = document.getElementById(el.dataset.plotly);
    if (!data || typeof Plotly === "undefined") return;
    var fig = JSON.parse(data.textContent);
    if (!fig.data) return;
    el.innerHTML = "";
    Plotly.newPlot(el, fig.data, fig.layout, { responsive: true, displaylogo: false }).then(function () {
      el.on("plotly_click", function (event) {
        var point = event.points && event.points[0];
        var url = point && point.customdata && point.customdata[0];
        if (url) window.location.href = url;
      });
    });
  }
  function start() {
    document.querySelectorAll("[data-plotly]").forEach(draw);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
