/**
 * `tel:` and `sip:` links from other applications (a number in a mail, a CRM page), reduced to what
 * the softphone may dial: a phone number, or the user part of a `sip:` URI on the contact centre's
 * own SIP domain. Anything else is refused, so a link on a web page cannot make the agent's phone
 * call a premium number abroad through a foreign SIP server, or send DTMF or headers along.
 *
 * - `tel:` (RFC 3966): a global number (`+31 20 123 4567`) or a local one; the visual separators
 *   `-`, `.`, `(`, `)` and spaces are dropped; parameters (`;ext=`, `;phone-context=`) and the
 *   `*`/`#` of service codes are refused rather than guessed at.
 * - `sip:` (RFC 3261): `sip:user@domain` with the domain equal to the configured one
 *   (case-insensitive), no port, no parameters or headers; the user part must be dialable.
 *
 * Pure: main checks every link before it asks the agent, and the renderer checks what main sends
 * again before it dials.
 */

/** What is dialled: the user part on the agent's own domain (number or extension). */
export const DIAL_TARGET_PATTERN = /^\+?[0-9]{2,20}$|^[A-Za-z0-9_.-]{1,64}$/

export type PhoneLink =
  | { readonly ok: true; readonly target: string }
  | { readonly ok: false; readonly reason: 'scheme' | 'number' | 'domain' | 'not-configured' }

const MAX_LINK_LENGTH = 256

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text)
  } catch {
    return undefined
  }
}

/** A phone number as dialled: digits with an optional leading `+`, separators dropped. */
export function normalisePhoneNumber(input: string): string | undefined {
  // Spaces only, not every \s: a line break or a tab in a link is an injection attempt, not layout.
  const compact = input.replace(/[ \u00a0().-]/g, '')
  return /^\+?[0-9]{2,20}$/.test(compact) ? compact : undefined
}

/** Whether a target (as sent from main to the renderer) is one the renderer may dial. */
export function isDialTarget(target: string): boolean {
  return DIAL_TARGET_PATTERN.test(target)
}

/**
 * Parses a `tel:` or `sip:` link. `sipDomain` is the contact centre's SIP domain; without one, `sip:`
 * links are refused (`not-configured`): there is no domain to hold them to.
 */
export function parsePhoneLink(link: string, sipDomain: string | undefined): PhoneLink {
  if (link.length > MAX_LINK_LENGTH) {
    return { ok: false, reason: 'number' }
  }
  const match = /^(tel|sip):(.*)$/i.exec(link)
  const scheme = match?.[1]?.toLowerCase()
  const rest = match?.[2]
  if (scheme === undefined || rest === undefined) {
    return { ok: false, reason: 'scheme' }
  }
  const decoded = decode(rest)
  if (decoded === undefined || /[;?#]/.test(decoded)) {
    return { ok: false, reason: 'number' }
  }
  if (scheme === 'tel') {
    const number = normalisePhoneNumber(decoded.replace(/^\/\//, ''))
    return number === undefined ? { ok: false, reason: 'number' } : { ok: true, target: number }
  }
  if (sipDomain === undefined) {
    return { ok: false, reason: 'not-configured' }
  }
  const sip = /^([^@]+)@([A-Za-z0-9.-]+)$/.exec(decoded)
  const user = sip?.[1]
  const host = sip?.[2]
  if (user === undefined || host === undefined) {
    return { ok: false, reason: 'number' }
  }
  if (host.toLowerCase() !== sipDomain.toLowerCase()) {
    return { ok: false, reason: 'domain' }
  }
  const number = normalisePhoneNumber(user)
  if (number !== undefined) {
    return { ok: true, target: number }
  }
  return isDialTarget(user) ? { ok: true, target: user } : { ok: false, reason: 'number' }
}
