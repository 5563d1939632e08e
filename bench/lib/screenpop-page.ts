/**
 * What `npm run bench:screenpop` puts into the pages it drives, from the outside: Playwright init
 * scripts that run before the app's own code, so the product carries no benchmark hooks.
 *
 * The scripts are plain JavaScript in strings on purpose. A function handed to Playwright is sent
 * to the page as its source text, and under tsx (esbuild with keepNames) that text calls a
 * `__name` helper that exists only in Node; bench/ is also type-checked without the DOM library.
 * Every clock here is the page's `performance.now()`: milliseconds since the page's navigation
 * started, one monotonic clock per page.
 */

/**
 * One call as the agent's page saw it, from the INVITE to the saved nummer; null until it happened.
 * The screen pop belongs to the agent who answers: while the call rings the case column shows the
 * ringing call with its context (no klantcontact yet), and the klantcontact opens at Opnemen.
 */
export interface ScreenPopReading {
  /** A SIP message starting with `INVITE ` arrived on a WebSocket (first one after `arm()`). */
  invite: number | null
  /** `[data-testid=ringing-call]` (the ringing call with its number and context) in the document. */
  ringing: number | null
  /** The first animation frame after `ringing` (the frame that paints it). */
  ringingFrame: number | null
  /** A click on the button Opnemen (or Alt+O) after the ringing call was shown. */
  answer: number | null
  /** The klantcontact's first field (Naam klant) in the document after that. */
  field: number | null
  /** The first focusin on that field after the answer. */
  focus: number | null
  focusFrame: number | null
  /** A click on a button "Opslaan" (or Ctrl+S / Cmd+S) after the focus. */
  save: number | null
  /** `[data-testid=klantcontactnummer]` in the document with digits, after the save. */
  nummer: number | null
  nummerFrame: number | null
  /** Its digits. */
  nummerText: string | null
  /**
   * The caller's picture (`[data-klantbeeld]`) turned `complete` or `error` after the INVITE, having
   * been absent or `loading` since; and the first animation frame after that (the frame that paints
   * it). Only a call from a number the register may know shows a picture.
   */
  klantbeeld: number | null
  klantbeeldFrame: number | null
  /** Which of the two it turned. */
  klantbeeldOutcome: 'complete' | 'error' | null
}

export const SCREEN_POP_MOMENTS = [
  'invite',
  'ringing',
  'ringingFrame',
  'answer',
  'field',
  'focus',
  'focusFrame',
  'save',
  'nummer',
  'nummerFrame',
  'klantbeeld',
  'klantbeeldFrame',
] as const

export type ScreenPopMoment = (typeof SCREEN_POP_MOMENTS)[number]

/** The global the agent-page script defines (not enumerable, so the app cannot stumble on it). */
export const AGENT_PROBE = '__kccScreenPop'

/** The id the klantcontact form's first field carries (renderer/src/lib/focus-targets.ts). */
export const CASE_FIRST_FIELD_ID = 'kc-first-field'

/**
 * The agent page's probe. `arm()` clears the last reading and starts a new one; `read()` returns
 * it; `when(moment)` resolves once that moment is recorded, so the benchmark waits without
 * polling the page while the app works.
 *
 * - INVITE: a listener added in the WebSocket constructor, so it runs before the softphone's own
 *   message listener (sip.js adds its listeners after constructing the socket).
 * - Ringing call, first field, nummer, the caller's picture: a MutationObserver on the whole
 *   document (and on `data-klantbeeld` attributes); it runs after the DOM change that put the
 *   element there, before the browser paints it. The next animation frame is recorded as well.
 * - Opnemen, Opslaan: capturing click listeners (the buttons may carry their shortcut hint in a
 *   <kbd>, so the text only has to start with the label) and keydown listeners for Alt+O, Ctrl+S.
 * - Focus: a capturing focusin listener on window; the element must be the first field (by its id,
 *   or an input whose label reads "Naam klant").
 */
export const AGENT_PROBE_SCRIPT = `(() => {
  const empty = () => ({
    invite: null, ringing: null, ringingFrame: null, answer: null, field: null, focus: null,
    focusFrame: null, save: null, nummer: null, nummerFrame: null, nummerText: null,
    klantbeeld: null, klantbeeldFrame: null, klantbeeldOutcome: null,
  })
  let armed = false
  // A picture left complete from an earlier call must not count: the picture of this call is
  // recorded only after it was seen absent or loading since the INVITE.
  let pictureFresh = false
  const pictureState = () => {
    const picture = document.querySelector('[data-klantbeeld]')
    return picture === null ? null : picture.getAttribute('data-klantbeeld')
  }
  let reading = empty()
  let waiters = []
  const notify = () => {
    waiters = waiters.filter((waiter) => {
      if (reading[waiter.moment] === null) {
        return true
      }
      waiter.resolve(reading[waiter.moment])
      return false
    })
  }
  const record = (moment, frameMoment) => {
    const current = reading
    current[moment] = performance.now()
    if (frameMoment) {
      requestAnimationFrame(() => {
        current[frameMoment] = performance.now()
        notify()
      })
    }
    notify()
  }
  const isFirstField = (element) =>
    element instanceof HTMLElement &&
    (element.id === '${CASE_FIRST_FIELD_ID}' ||
      (element instanceof HTMLInputElement &&
        element.labels !== null &&
        Array.from(element.labels).some((label) => (label.textContent || '').trim() === 'Naam klant')))
  const firstFieldShown = () =>
    document.getElementById('${CASE_FIRST_FIELD_ID}') !== null ||
    Array.from(document.querySelectorAll('input')).some(isFirstField)

  const NativeWebSocket = window.WebSocket
  class ProbedWebSocket extends NativeWebSocket {
    constructor(url, protocols) {
      super(url, protocols)
      this.addEventListener('message', (event) => {
        if (armed && reading.invite === null && typeof event.data === 'string' && event.data.startsWith('INVITE ')) {
          record('invite')
          const state = pictureState()
          pictureFresh = state !== 'complete' && state !== 'error'
        }
      })
    }
  }
  window.WebSocket = ProbedWebSocket

  window.addEventListener('focusin', (event) => {
    if (reading.answer !== null && reading.focus === null && isFirstField(event.target)) {
      // The observer runs only after the task that inserted and focused the field: it was there.
      if (reading.field === null) {
        record('field')
      }
      record('focus', 'focusFrame')
    }
  }, true)
  const answering = () => {
    if (reading.ringing !== null && reading.answer === null) {
      record('answer')
    }
  }
  const saving = () => {
    if (reading.focus !== null && reading.save === null) {
      record('save')
    }
  }
  const buttonText = (event) => {
    const button = event.target instanceof Element ? event.target.closest('button') : null
    return button === null ? '' : (button.textContent || '').trim()
  }
  window.addEventListener('click', (event) => {
    const text = buttonText(event)
    if (text.startsWith('Opnemen')) {
      answering()
    } else if (text.startsWith('Opslaan')) {
      saving()
    }
  }, true)
  window.addEventListener('keydown', (event) => {
    if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyO') {
      answering()
    }
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
      saving()
    }
  }, true)
  new MutationObserver(() => {
    if (reading.invite !== null && reading.klantbeeld === null) {
      const state = pictureState()
      if (state !== 'complete' && state !== 'error') {
        pictureFresh = true
      } else if (pictureFresh) {
        reading.klantbeeldOutcome = state
        record('klantbeeld', 'klantbeeldFrame')
      }
    }
    if (reading.invite !== null && reading.ringing === null &&
        document.querySelector('[data-testid="ringing-call"]') !== null) {
      record('ringing', 'ringingFrame')
    }
    if (reading.answer !== null && reading.field === null && firstFieldShown()) {
      record('field')
    }
    if (reading.save === null || reading.nummer !== null) {
      return
    }
    const shown = document.querySelector('[data-testid="klantcontactnummer"]')
    const digits = shown === null ? '' : (shown.textContent || '').replace(/\\D/g, '')
    if (digits.length > 0) {
      reading.nummerText = digits
      record('nummer', 'nummerFrame')
    }
  }).observe(document, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['data-klantbeeld'],
  })

  Object.defineProperty(window, '${AGENT_PROBE}', {
    value: Object.freeze({
      arm() {
        armed = true
        pictureFresh = false
        reading = empty()
        waiters = []
      },
      read: () => ({ ...reading }),
      when: (moment) => new Promise((resolve) => {
        waiters.push({ moment, resolve })
        notify()
      }),
    }),
  })
})()`

/** The global of the login-page script. */
export const LOGIN_PROBE = '__kccLoginProbe'

export interface LoginReading {
  /** First focusin on an enabled input labelled "Gebruikersnaam" (ms since navigation start). */
  focus: number
  /** PerformanceNavigationTiming of the same load (ms since navigation start). */
  domInteractive: number
  domContentLoadedEventEnd: number
  loadEventEnd: number
  /** Bytes of the document and every script as the browser fetched them (transferSize). */
  transferred: number
}

/**
 * The login page's probe: the login screen focuses "Gebruikersnaam" when it mounts, so that focus
 * is when an agent can start typing. `done()` resolves with the reading once that happened and the
 * load event has finished.
 */
export const LOGIN_PROBE_SCRIPT = `(() => {
  let focus = null
  let resolveFocus
  const focused = new Promise((resolve) => { resolveFocus = resolve })
  window.addEventListener('focusin', (event) => {
    const element = event.target
    if (
      focus === null &&
      element instanceof HTMLInputElement &&
      !element.disabled &&
      element.labels !== null &&
      Array.from(element.labels).some((label) => (label.textContent || '').trim() === 'Gebruikersnaam')
    ) {
      focus = performance.now()
      resolveFocus()
    }
  }, true)
  const loaded = new Promise((resolve) => {
    const check = () => {
      const entry = performance.getEntriesByType('navigation')[0]
      if (entry !== undefined && entry.loadEventEnd > 0) {
        resolve(entry)
      } else {
        setTimeout(check, 10)
      }
    }
    if (document.readyState === 'complete') {
      check()
    } else {
      window.addEventListener('load', () => setTimeout(check, 0), { once: true })
    }
  })
  Object.defineProperty(window, '${LOGIN_PROBE}', {
    value: Object.freeze({
      done: () => Promise.all([focused, loaded]).then(([, entry]) => ({
        focus,
        domInteractive: entry.domInteractive,
        domContentLoadedEventEnd: entry.domContentLoadedEventEnd,
        loadEventEnd: entry.loadEventEnd,
        transferred: performance.getEntriesByType('resource')
          .filter((resource) => resource.initiatorType === 'script' || resource.name.endsWith('.js'))
          .reduce((sum, resource) => sum + resource.transferSize, entry.transferSize),
      })),
    }),
  })
})()`

const isNumberOrNull = (value: unknown): value is number | null => value === null || typeof value === 'number'

/** Checks what came back from the page, instead of trusting a cast. */
export function asScreenPopReading(value: unknown): ScreenPopReading {
  const r = value as Record<string, unknown> | null
  if (
    typeof r !== 'object' ||
    r === null ||
    !SCREEN_POP_MOMENTS.every((m) => isNumberOrNull(r[m])) ||
    !(r['nummerText'] === null || typeof r['nummerText'] === 'string') ||
    !(
      r['klantbeeldOutcome'] === null ||
      r['klantbeeldOutcome'] === 'complete' ||
      r['klantbeeldOutcome'] === 'error'
    )
  ) {
    throw new Error(`unexpected reading from the agent page: ${JSON.stringify(value)}`)
  }
  return r as unknown as ScreenPopReading
}

export function asLoginReading(value: unknown): LoginReading {
  const r = value as Record<string, unknown> | null
  const fields = ['focus', 'domInteractive', 'domContentLoadedEventEnd', 'loadEventEnd', 'transferred']
  if (typeof r !== 'object' || r === null || !fields.every((f) => typeof r[f] === 'number')) {
    throw new Error(`unexpected reading from the login page: ${JSON.stringify(value)}`)
  }
  return r as unknown as LoginReading
}
