import { isIP } from 'node:net'
import { domainToASCII } from 'node:url'

/**
 * E-mail addresses as Django's `EmailValidator` accepts them (django/core/validators.py, the
 * validator Open Klant applies to a digitaal adres of soort `email`: openklant/components/
 * klantinteracties/api/validators.py `OptionalEmailValidator`; the OAS links the same source):
 * a dot-atom or quoted local part, then a host name with a TLD, `localhost`, or an IP literal in
 * brackets; an internationalised domain is checked in its punycode form; at most 320 characters.
 */
// Django's quoted-string grammar (RFC 5322) names control characters on purpose.
const USER =
  // eslint-disable-next-line no-control-regex -- see above
  /^(?:[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(?:\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*|"(?:[\x01-\x08\x0b\x0c\x0e-\x1f!#-[\]-\x7f]|\\[\x01-\x09\x0b\x0c\x0e-\x7f])*")$/i
const DOMAIN = /^(?:[A-Z0-9](?:[A-Z0-9-]{0,61}[A-Z0-9])?\.)+[A-Z0-9-]{2,63}(?<!-)$/i
const LITERAL = /^\[([A-F0-9:.]+)\]$/i
// eslint-disable-next-line no-control-regex -- an ASCII test spans the control characters
const ASCII = /^[\x00-\x7f]*$/
const DOMAIN_ALLOWLIST = new Set(['localhost'])
const MAX_LENGTH = 320

export function isValidEmail(value: string): boolean {
  const at = value.lastIndexOf('@')
  if (value === '' || at < 0 || value.length > MAX_LENGTH) {
    return false
  }
  const user = value.slice(0, at)
  const domain = value.slice(at + 1)
  if (!USER.test(user)) {
    return false
  }
  if (DOMAIN_ALLOWLIST.has(domain) || isValidDomain(domain)) {
    return true
  }
  // Django retries an internationalised domain in its ASCII (punycode) form. Only a domain with
  // non-ASCII letters is one: WHATWG's domainToASCII would also strip tabs and newlines.
  if (ASCII.test(domain)) {
    return false
  }
  const ascii = domainToASCII(domain)
  return ascii !== '' && isValidDomain(ascii)
}

function isValidDomain(domain: string): boolean {
  if (DOMAIN.test(domain)) {
    return true
  }
  const literal = LITERAL.exec(domain)
  return literal !== null && isIP(literal[1] ?? '') !== 0
}

/** Django's EmailValidator message in Dutch. */
export const EMAIL_REASON = 'Voer een geldig e-mailadres in.'
