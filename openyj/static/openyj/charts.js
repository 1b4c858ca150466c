/* Draws every chart on the page from its Vega-Lite spec.
 *
 * Specs sit in <script type="application/json"> data blocks (allowed by the strict CSP because they
 * never execute). Vega runs with its expression interpreter (ast: true) so no eval is needed, and
 * vega-embed's injected stylesheet is switched off (no inline styles). Each chart has a table of
 * the same figures beside it, so nothing is lost when scripts do not run.
 */
(function () {
  "use strict";
  function draw() {
    if (typeof window.vegaEmbed !== "function") { return; }
    var holders = document.querySelectorAll(".openyj-chart[data-spec]");
    Array.prototype.forEach.call(holders, function (holder) {
      var source = document.getElementById(holder.getAttribute("data-spec"));
      if (!source) { return; }
      var spec;
      try { spec = JSON.parse(source.textContent); } catch (e) { return; }
      window.vegaEmbed(holder, spec, {
        actions: false, ast: true, renderer: "svg", defaultStyle: false, tooltip: false
      }).then(function () {
        holder.setAttribute("data-rendered", "true");
      }).catch(function (error) {
        holder.setAttribute("data-error", String(error));
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
}());
