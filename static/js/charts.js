/* Draw the plotly figures the page carries as JSON; a click on a bar opens the source line of its number.
   One chart per animation frame, in page order: the first is on screen as soon as it is drawn, not after all.
   A figure may carry `narrow`: what its traces change where the chart is narrower than NARROW pixels (a phone). */
(function () {
  "use strict";
  var NARROW = 560;
  function fitted(fig, width) {
    if (fig.narrow && width < NARROW) {
      (fig.narrow.data || []).forEach(function (change, i) {
        if (fig.data[i]) Object.assign(fig.data[i], change);
      });
    }
    return fig;
  }
  function draw(el) {
    var data = document.getElementById(el.dataset.plotly);
    if (!data || typeof Plotly === "undefined") return Promise.resolve();
    var fig = fitted(JSON.parse(data.textContent), el.clientWidth);
    if (!fig.data) return Promise.resolve();
    el.innerHTML = "";
    // No mode bar: the chart is one image to assistive technology (role="img", its summary as the label, the numbers
    // in the table below), and the bar's buttons would be keyboard stops inside it that a screen reader cannot name,
    // invisible until hovered and worded in English only; one of them uploads the chart to Plotly's cloud.
    var config = { responsive: true, displaylogo: false, displayModeBar: false };
    return Plotly.newPlot(el, fig.data, fig.layout, config).then(function () {
      // A User Timing mark when each chart is drawn: what `make bench-browser` reads (the first one's time).
      if (window.performance && performance.mark) performance.mark("chart-drawn");
      el.on("plotly_click", function (event) {
        var point = event.points && event.points[0];
        var url = point && point.customdata && point.customdata[0];
        if (url) window.location.href = url;
      });
    });
  }
  function nextFrame() {
    return new Promise(function (resolve) {
      window.requestAnimationFrame(function () { resolve(); });
    });
  }
  function start() {
    var charts = Array.prototype.slice.call(document.querySelectorAll("[data-plotly]"));
    charts.reduce(function (previous, el) {
      return previous.then(function () { return draw(el); }).then(nextFrame);
    }, Promise.resolve());
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
