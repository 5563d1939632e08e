/**
 * A caller's number as the supervisor view shows it, partly masked:
 * enough to tell calls apart and recognise a number the agent mentions, not enough to copy it
 * (BIO2 9.4: least privilege; the supervisor coaches the conversation, not the citizen). A phone
 * number keeps its first two and last two digits, the rest becomes •. Something that is not a
 * phone number (an internal extension such as `medewerker2`, `anonymous`) is shown as it is.
 */
const MIN_DIGITS = 7

export function maskNumber(number: string): string {
  const digits = number.replace(/\D/g, '')
  const looksLikePhone = /^\+?[\d\s()-]+$/.test(number) && digits.length >= MIN_DIGITS
  if (!looksLikePhone) {
    return number
  }
  const plus = number.trim().startsWith('+') ? '+' : ''
  return `${plus}${digits.slice(0, 2)}${'•'.repeat(digits.length - 4)}${digits.slice(-2)}`
}
