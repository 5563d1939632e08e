/**
 * Telephone numbers as a caller's SIP user part brings them and as the register stores them, reduced
 * to one comparable form: E.164 (ITU-T E.164, `+` country code and national significant number).
 *
 * Dutch spellings (ITU-T E.164 assignment for country code 31; ACM Nummerplan telefoon- en
 * ISDN-diensten):
 * - national: trunk prefix `0` and the national significant number (`06 12 34 56 78`, `0612345678`);
 * - international: `+31` or the international prefix `00` and `31` (`+31612345678`, `0031612345678`);
 * - the written convention `+31 (0)6 …`: a Dutch national significant number never starts with 0, so
 *   a 0 right after `31` is the trunk prefix written along and is dropped.
 * Separators (spaces, hyphens, parentheses, dots) carry no meaning and are removed.
 *
 * Anything else (an extension like `1001`, a short number like `14 020`, `anonymous`) has no E.164
 * form: `toE164` answers null and nothing matches it.
 */
const NETHERLANDS = '31'
const SEPARATORS = /[\s().-]/g
/** E.164 §6.1: at most 15 digits; fewer than 7 is no subscriber number anywhere. */
const INTERNATIONAL = /^\+([1-9][0-9]{6,14})$/
/** Trunk prefix 0, then a national significant number (9 digits for geographic and mobile numbers). */
const NATIONAL = /^0([1-9][0-9]{6,9})$/

export function toE164(input: string): string | null {
  let number = input.replace(SEPARATORS, '')
  if (number.startsWith('00')) {
    number = `+${number.slice(2)}`
  } else if (!number.startsWith('+')) {
    const national = NATIONAL.exec(number)
    return national ? `+${NETHERLANDS}${national[1] ?? ''}` : null
  }
  if (number.startsWith(`+${NETHERLANDS}0`)) {
    number = `+${NETHERLANDS}${number.slice(NETHERLANDS.length + 2)}`
  }
  return INTERNATIONAL.test(number) ? number : null
}

/**
 * The spellings of an E.164 number that a register validating as Open Klant does (2.13+, and our
 * provider: server/klantinteracties/validation/phone.ts) can hold: separators are refused there, so
 * a number is stored as `+…`, as `00…`, or, when Dutch, nationally as `0…`.
 */
export function registerSpellings(e164: string): string[] {
  const digits = e164.slice(1)
  const spellings = [e164, `00${digits}`]
  if (digits.startsWith(NETHERLANDS)) {
    spellings.unshift(`0${digits.slice(NETHERLANDS.length)}`)
  }
  return spellings
}

/** Both numbers are the same subscriber number, however each is spelled. */
export function samePhoneNumber(a: string, b: string): boolean {
  const left = toE164(a)
  return left !== null && left === toE164(b)
}
