/**
 * Who really sent a SIP request (RFC 3325 `P-Asserted-Identity`). Both our SIP servers remove every
 * P-Asserted-Identity a client sends and add one, `<sip:USER@DOMAIN>`, to the initial and in-dialog
 * requests of an authenticated agent, never to a guest's (docs/telephony.md). So a request carrying
 * one came from that colleague; without one it came from a guest or from outside.
 *
 * This is the one place that reads the header, and it reads it strictly: exactly one value, a `sip:`
 * URI in angle brackets (an optional quoted display name before it), a plain user part, our own
 * domain, no parameters, no headers. Anything else counts as absent: a value we cannot read is never
 * half trusted.
 */
import { hasControlCharacter } from './control-characters'

export type AssertedIdentity = string & { readonly __brand: 'AssertedIdentity' }

export const ASSERTED_IDENTITY_HEADER = 'P-Asserted-Identity'

/** The user parts our SIP accounts have (extensions, logins): no escapes, no separators. */
const USER = /^[A-Za-z0-9._~-]{1,64}$/
const VALUE = /^(?:"[^"\\]{0,80}"[ \t]*)?<sip:([^@<>\s]+)@([^<>\s;?]+)>$/

/**
 * The asserted user (e.g. `medewerker1`) in the `P-Asserted-Identity` values of a request, or
 * undefined when there is none, more than one, or one that is not exactly `<sip:user@domain>` on
 * `domain` (compared without regard to case, RFC 3261 §19.1.4).
 */
export function assertedIdentityOf(values: readonly string[], domain: string): AssertedIdentity | undefined {
  if (values.length !== 1 || hasControlCharacter(values[0]!)) {
    return undefined
  }
  const match = VALUE.exec(values[0]!.trim())
  if (!match) {
    return undefined
  }
  const [, user, host] = match
  if (!USER.test(user!) || host!.toLowerCase() !== domain.toLowerCase()) {
    return undefined
  }
  return user as AssertedIdentity
}
