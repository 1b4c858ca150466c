// The idle time-out warning: openyj/templates/includes/timeout_warning.html.
//
// The server ends a session after a period without requests (SESSION_COOKIE_AGE,
// restarted by every request). This warns the user before that happens, as the
// GOV.UK/HMRC timeout-warning pattern does:
//   - the warning is a modal <dialog> (focus moves into it and stays there; Escape
//     counts as "Stay signed in", as in HMRC's pattern);
//   - the visible countdown is not announced every second: a polite live region
//     says the time left once a minute, and every 15 seconds in the last minute;
//   - "Stay signed in" asks the server for a keep-alive page, which restarts its
//     clock; if the session has already ended, the browser goes to the sign-in page;
//   - at the end the browser signs out (a POST, as the Sign out button does) and
//     shows the "You have been signed out" page.
// No inline script: the settings come from data- attributes (the CSP forbids inline code).

function plural (count, word) {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

function describe (seconds) {
  if (seconds >= 60) {
    const minutes = Math.ceil(seconds / 60)
    return plural(minutes, 'minute')
  }
  return plural(seconds, 'second')
}

export class TimeoutWarning {
  constructor (dialog) {
    this.dialog = dialog
    this.timeout = Number(dialog.dataset.timeoutSeconds)
    this.warning = Number(dialog.dataset.warningSeconds)
    this.keepAliveUrl = dialog.dataset.keepAliveUrl
    this.countdown = dialog.querySelector('[data-timeout-countdown]')
    this.announcement = dialog.querySelector('[data-timeout-announcement]')
    this.signOutForm = document.getElementById('openyj-timed-out')
    if (!(this.timeout > 0) || typeof dialog.showModal !== 'function' || !this.signOutForm) {
      return
    }
    dialog.querySelector('[data-timeout-stay]').addEventListener('click', () => this.stay())
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault()
      this.stay()
    })
    this.start()
  }

  start () {
    this.endsAt = Date.now() + this.timeout * 1000
    clearTimeout(this.warningTimer)
    clearInterval(this.ticker)
    this.warningTimer = setTimeout(() => this.warn(), Math.max(0, this.timeout - this.warning) * 1000)
  }

  secondsLeft () {
    return Math.max(0, Math.round((this.endsAt - Date.now()) / 1000))
  }

  warn () {
    this.lastAnnounced = null
    this.tick()
    this.dialog.showModal()
    this.ticker = setInterval(() => this.tick(), 1000)
  }

  tick () {
    const left = this.secondsLeft()
    if (left <= 0) {
      clearInterval(this.ticker)
      this.signOutForm.submit()
      return
    }
    this.countdown.textContent = describe(left)
    const step = left > 60 ? 60 : 15
    const bucket = Math.ceil(left / step)
    if (bucket !== this.lastAnnounced) {
      this.lastAnnounced = bucket
      this.announcement.textContent = `You will be signed out in ${describe(left)}.`
    }
  }

  async stay () {
    clearInterval(this.ticker)
    let response
    try {
      response = await fetch(this.keepAliveUrl, { credentials: 'same-origin', cache: 'no-store' })
    } catch {
      response = null
    }
    if (!response || !response.ok || response.redirected) {
      // The session has ended (or the server cannot be reached): go and sign in again.
      window.location.reload()
      return
    }
    this.dialog.close()
    this.start()
  }
}

export function initTimeoutWarning () {
  for (const dialog of document.querySelectorAll('[data-module="openyj-timeout-warning"]')) {
    // eslint-disable-next-line no-new
    new TimeoutWarning(dialog)
  }
}
