/**
 * Dutch and international phone numbers as Open Klant validates them (openklant/utils/validators.py,
 * changelog 2.13.0 #484 and 2.17.0 #601): a 10-digit national number, `+` and 9–15 digits, or `00`
 * and 7–13 digits; service numbers 0800/0900 and 14xxx municipal short numbers are refused
 * (088 business numbers are allowed since 2.17.0).
 */
const PHONE = /^(0[1-9][0-9]{8}|\+[0-9]{9,15}|00[0-9]{7,13})$/
const REFUSED_PREFIXES = ['0800', '0900', '1400', '140']

export function isValidPhoneNumber(value: string): boolean {
  return PHONE.test(value) && !REFUSED_PREFIXES.some((prefix) => value.startsWith(prefix))
}

export const PHONE_REASON = 'Het opgegeven telefoonnummer is ongeldig.'
