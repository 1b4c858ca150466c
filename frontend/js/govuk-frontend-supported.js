// Runs as a tiny external, synchronous script straight after <body> opens
// (no inline scripts: the Content-Security-Policy forbids them). It marks the
// page as able to run GOV.UK Frontend's JavaScript before anything is drawn,
// so components styled for JavaScript do not flash in their no-JS state.
document.body.className +=
  ' js-enabled' +
  ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '')
