// Draw every chart on the page from its Vega-Lite spec, kept in a JSON data block beside it
// (<script type="application/json">), so that no inline script is needed. Expressions are
// interpreted, not compiled, so the Content-Security-Policy needs no 'unsafe-eval'.
(function () {
  "use strict";
  function draw(root) {
    root.querySelectorAll("[data-chart-spec]").forEach(function (target) {
      if (target.dataset.drawn) { return; }
      var source = document.getElementById(target.dataset.chartSpec);
      if (!source) { return; }
      target.dataset.drawn = "1";
      var spec = JSON.parse(source.textContent);
      window.vegaEmbed(target, spec, {
        actions: false, renderer: "svg", ast: true, defaultStyle: false,
        expr: window.vegaInterpreter.expressionInterpreter,
        formatLocale: spec.usermeta && spec.usermeta.formatLocale,
        timeFormatLocale: spec.usermeta && spec.usermeta.timeFormatLocale
      }).then(function (result) {
        var svg = target.querySelector("svg");
        if (svg) {
          svg.setAttribute("role", "img");
          svg.setAttribute("aria-label", target.dataset.chartLabel || "");
          // One image named by its label: Vega's marks inside are hidden from assistive technology,
          // whose users read the same numbers in the table beside the chart.
          Array.prototype.forEach.call(svg.children, function (child) { child.setAttribute("aria-hidden", "true"); });
        }
      }).catch(function (error) { target.textContent = target.dataset.chartError || String(error); });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSettle", function (event) { draw(event.target); });
})();
