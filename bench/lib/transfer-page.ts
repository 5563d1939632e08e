import type { Page } from '@playwright/test'

/**
 * What `npm run bench:transfer` puts into the agents' pages and how it finds its way in them.
 *
 * The probe is a Playwright init script that runs before the app's own code, so the product carries
 * no benchmark hooks; plain JavaScript in a string for the reasons given in screenpop-page.ts (tsx's
 * `__name` helper, no DOM library in bench/). Every clock is the page's `performance.now()`.
 *
 * The locators are the ones of test/e2e/support/transfer-flow.ts and pages.ts, by the Dutch labels
 * and roles an agent sees; bench/ is type-checked in another TypeScript project than test/, so it
 * cannot import them.
 */

/** One transfer as one agent's page saw it; null until it happened (or on the other agent's page). */
export interface TransferReading {
  /** Receiving colleague: a SIP message starting with `INVITE ` arrived on a WebSocket. */
  invite: number | null
  /**
   * Receiving colleague: a `<section>` whose heading reads `Klantcontact <nummer>` and which holds
   * the onderwerp is in the document (MutationObserver, before the browser paints it).
   */
  shown: number | null
  /** The first animation frame after `shown`. */
  shownFrame: number | null
  /** Receiving colleague: the caller's INVITE with a `Replaces` header (after the REFER) arrived. */
  replaces: number | null
  /** Receiving colleague: its client sent `SIP/2.0 200` for that INVITE (same Call-ID). */
  replacesOk: number | null
  /** The Call-ID of that INVITE. */
  replacesCallId: string | null
  /** Caller page: the REFER arrived. */
  referIn: number | null
  /** Caller page: it sent the INVITE with a `Replaces` header that follows the REFER. */
  replacesOut: number | null
  /** Transferring agent: an outgoing WebSocket frame starting with `REFER `. */
  refer: number | null
  /** Transferring agent: an incoming `NOTIFY ` whose body (the sipfrag) contains `SIP/2.0 200`. */
  notify200: number | null
  /** Transferring agent: the first line of each NOTIFY body after the REFER, for the diagnosis. */
  notifies: string[]
}

export type TransferMoment =
  | 'invite'
  | 'shown'
  | 'shownFrame'
  | 'replaces'
  | 'replacesOk'
  | 'referIn'
  | 'replacesOut'
  | 'refer'
  | 'notify200'

/** The global the script defines (not enumerable, so the app cannot stumble on it). */
export const TRANSFER_PROBE = '__kccTransferProbe'

/** What `arm()` is told: which side of the transfer this page is. */
export type ProbeRole =
  { role: 'receiver'; nummer: string; onderwerp: string } | { role: 'transferor' } | { role: 'caller' }

/**
 * The probe of the three pages (the two agents' and the caller's). `arm(role)` clears the last reading and starts a new one; `read()`
 * returns it; `when(moment)` resolves once that moment is recorded, so the benchmark waits without
 * polling the page while the app works.
 *
 * - Incoming frames: a listener added in the WebSocket constructor, so it runs before the softphone's
 *   own message listener (sip.js adds its listeners after constructing the socket).
 * - Outgoing frames: `WebSocket.prototype.send` wrapped; the moment is taken before the frame is
 *   handed to the browser.
 * - Receiver: the first INVITE after `arm`; then a MutationObserver on the whole document looks for
 *   the klantcontact's region. It does work only on the receiver's page while armed and not yet found.
 * - Caller: the REFER arriving, and the INVITE with Replaces it sends to follow it.
 */
export const TRANSFER_PROBE_SCRIPT = `(() => {
  const empty = () => ({
    invite: null, shown: null, shownFrame: null, replaces: null, replacesOk: null, replacesCallId: null,
    referIn: null, replacesOut: null, refer: null, notify200: null, notifies: [],
  })
  let armed = null
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
  const headersOf = (message) => {
    const at = message.indexOf('\\r\\n\\r\\n')
    return at < 0 ? message : message.slice(0, at + 2)
  }
  const callIdOf = (message) => {
    const found = /\\r\\n(?:Call-ID|i)\\s*:\\s*([^\\r]+)\\r\\n/i.exec(headersOf(message))
    return found === null ? null : found[1].trim()
  }
  const receiving = () => armed !== null && armed.role === 'receiver'
  const transferring = () => armed !== null && armed.role === 'transferor'
  const calling = () => armed !== null && armed.role === 'caller'
  const replacing = (message) => /\\r\\nReplaces\\s*:/i.test(headersOf(message))

  const NativeWebSocket = window.WebSocket
  class ProbedWebSocket extends NativeWebSocket {
    constructor(url, protocols) {
      super(url, protocols)
      this.addEventListener('message', (event) => {
        if (typeof event.data !== 'string') {
          return
        }
        if (receiving() && event.data.startsWith('INVITE ')) {
          if (reading.invite === null) {
            record('invite')
          } else if (reading.replaces === null && replacing(event.data)) {
            reading.replacesCallId = callIdOf(event.data)
            record('replaces')
          }
        } else if (calling() && reading.referIn === null && event.data.startsWith('REFER ')) {
          record('referIn')
        } else if (transferring() && reading.refer !== null && event.data.startsWith('NOTIFY ')) {
          const at = event.data.indexOf('\\r\\n\\r\\n')
          const body = at < 0 ? '' : event.data.slice(at + 4)
          reading.notifies.push(body.split('\\r\\n')[0] || '(empty)')
          if (reading.notify200 === null && body.includes('SIP/2.0 200')) {
            record('notify200')
          }
        }
      })
    }
  }
  window.WebSocket = ProbedWebSocket
  const nativeSend = NativeWebSocket.prototype.send
  NativeWebSocket.prototype.send = function send(data) {
    if (typeof data === 'string') {
      if (transferring() && reading.refer === null && data.startsWith('REFER ')) {
        record('refer')
      } else if (
        receiving() &&
        reading.replaces !== null &&
        reading.replacesOk === null &&
        data.startsWith('SIP/2.0 200') &&
        callIdOf(data) === reading.replacesCallId
      ) {
        record('replacesOk')
      } else if (
        calling() &&
        reading.referIn !== null &&
        reading.replacesOut === null &&
        data.startsWith('INVITE ') &&
        replacing(data)
      ) {
        record('replacesOut')
      }
    }
    return nativeSend.call(this, data)
  }

  const headingOf = (section) => {
    const ids = (section.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean)
    if (ids.length > 0) {
      return ids.map((id) => (document.getElementById(id) || { textContent: '' }).textContent || '').join(' ')
    }
    const heading = section.querySelector('h1, h2, h3, h4, h5, h6')
    return heading === null ? '' : heading.textContent || ''
  }
  new MutationObserver(() => {
    if (!receiving() || reading.shown !== null) {
      return
    }
    const expected = 'Klantcontact ' + armed.nummer
    for (const section of document.querySelectorAll('section')) {
      if (headingOf(section).trim() === expected && (section.textContent || '').includes(armed.onderwerp)) {
        record('shown', 'shownFrame')
        return
      }
    }
  }).observe(document, { childList: true, subtree: true, characterData: true })

  Object.defineProperty(window, '${TRANSFER_PROBE}', {
    value: Object.freeze({
      arm(role) {
        armed = role
        reading = empty()
        waiters = []
      },
      read: () => ({ ...reading, notifies: [...reading.notifies] }),
      when: (moment) => new Promise((resolve) => {
        waiters.push({ moment, resolve })
        notify()
      }),
    }),
  })
})()`

const isNumberOrNull = (value: unknown): value is number | null => value === null || typeof value === 'number'

/** Checks what came back from the page, instead of trusting a cast. */
export function asTransferReading(value: unknown): TransferReading {
  const r = value as Record<string, unknown> | null
  const moments: TransferMoment[] = [
    'invite',
    'shown',
    'shownFrame',
    'replaces',
    'replacesOk',
    'referIn',
    'replacesOut',
    'refer',
    'notify200',
  ]
  if (
    typeof r !== 'object' ||
    r === null ||
    !moments.every((m) => isNumberOrNull(r[m])) ||
    !Array.isArray(r['notifies']) ||
    !r['notifies'].every((n) => typeof n === 'string')
  ) {
    throw new Error(`unexpected reading from an agent page: ${JSON.stringify(value)}`)
  }
  return r as unknown as TransferReading
}

/** The agent app as the two medewerkers use it in a transfer, by its Dutch labels and roles. */
export function agentUi(page: Page) {
  const phone = page.getByRole('region', { name: 'Telefoon' })
  const transferPanel = page.getByRole('dialog', { name: 'Doorverbinden' })
  return {
    gebruikersnaam: page.getByLabel('Gebruikersnaam'),
    wachtwoord: page.getByLabel('Wachtwoord'),
    inloggen: page.getByRole('button', { name: 'Inloggen' }),
    telefoonVerbonden: page.getByText('Telefoon verbonden'),
    gatewayVerbonden: page.getByText('Verbonden met de gateway'),
    state: (text: string) => page.getByTestId('agent-state').filter({ hasText: new RegExp(`^${text}$`) }),
    mijnStatus: page.getByLabel('Mijn status'),

    opnemen: phone.getByRole('button', { name: 'Opnemen' }),
    ophangen: phone.getByRole('button', { name: 'Ophangen' }),
    inkomend: phone.getByText('Inkomend gesprek'),
    inGesprek: phone.getByText('In gesprek'),

    naamKlant: page.getByLabel('Naam klant'),
    onderwerp: page.getByLabel('Onderwerp', { exact: true }),
    inhoud: page.getByLabel('Inhoud', { exact: true }),
    opslaan: page.getByRole('button', { name: 'Opslaan' }),
    nummer: page.getByTestId('klantcontactnummer'),
    sluitenOpgeslagen: page
      .getByRole('region', { name: 'Klantcontact opgeslagen' })
      .getByRole('button', { name: 'Sluiten' }),

    /** The phone strip's Doorverbinden: opens the dialog with the picker. */
    openTransfer: phone.getByRole('button', { name: 'Doorverbinden', exact: true }),
    /** The target by the start of its label, e.g. /^Medewerker 2 \(Vergunningen\) ·/. */
    target: (name: RegExp) => transferPanel.getByRole('radio', { name }),
    doorverbinden: transferPanel.getByRole('button', { name: 'Doorverbinden', exact: true }),
    voltooien: phone.getByRole('button', { name: 'Doorverbinden voltooien' }),
    doorverbonden: phone.getByText('De klant is doorverbonden met'),

    /** The klantcontact a transfer opened on the colleague's screen. */
    opened: (nummer: string) => page.getByRole('region', { name: `Klantcontact ${nummer}` }),
  }
}

export const MEDEWERKER2 = /^Medewerker 2 \(Vergunningen\) ·/

/** The demo caller page's status line, by the state it names in `data-state`. */
export const callerState = (caller: Page, state: 'in-gesprek' | 'beeindigd') =>
  caller.locator(`#status[data-state="${state}"]`)
