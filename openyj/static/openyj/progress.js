/* Keeps a "working…" page up to date without reloading it.
 *
 * Every 2 seconds the page asks for itself again. While the work goes on, only the progress text
 * (a polite live region) is replaced, so a screen reader hears the news and nothing moves under the
 * reader's eyes (a <meta http-equiv="refresh"> would reload the whole page: WCAG 2.2.1). When the work
 * has finished, the answer is another page, and the browser goes to it. Without scripts the page has
 * a "refresh it" link.
 */
(function () {
  "use strict";
  var panel = document.querySelector("[data-openyj-progress]");
  if (!panel || !window.fetch || !window.DOMParser) { return; }
  var every = 2000;

  function poll() {
    window.fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        return response.text().then(function (text) { return { response: response, text: text }; });
      })
      .then(function (answer) {
        var next = new DOMParser().parseFromString(answer.text, "text/html").querySelector("[data-openyj-progress]");
        if (answer.response.redirected || !answer.response.ok || !next) {
          window.location.assign(answer.response.url);
          return;
        }
        var parts = ["[data-openyj-progress-text]", "[data-openyj-progress-warning]"];
        parts.forEach(function (selector) {
          var here = panel.querySelector(selector);
          var there = next.querySelector(selector);
          if (here && there && here.innerHTML !== there.innerHTML) { here.innerHTML = there.innerHTML; }
        });
        window.setTimeout(poll, every);
      })
      .catch(function () { window.setTimeout(poll, every * 3); });
  }

  window.setTimeout(poll, every);
})();
