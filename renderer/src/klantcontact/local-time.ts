/**
 * plaatsgevondenOp is kept as ISO 8601 (UTC, as the register stores it); the agent sees and edits
 * it in the PC's local time as a Dutch date (dd-mm-jjjj) and a 24-hour time (uu:mm), in two text
 * fields, whatever language the browser is set to (a `datetime-local` input follows the browser's
 * locale, so an English browser showed mm/dd/yyyy and AM/PM).
 */

const pad = (n: number): string => String(n).padStart(2, '0')

function dateOf(iso: string): Date | undefined {
  const date = new Date(iso)
  return iso === '' || Number.isNaN(date.getTime()) ? undefined : date
}

/** "02-03-2026" for an ISO time, in local time; "" when `iso` is not a time. */
export function toNlDate(iso: string): string {
  const date = dateOf(iso)
  return date === undefined
    ? ''
    : `${pad(date.getDate())}-${pad(date.getMonth() + 1)}-${String(date.getFullYear()).padStart(4, '0')}`
}

/** "14:05" for an ISO time, in local time (24 hours); "" when `iso` is not a time. */
export function toNlTime(iso: string): string {
  const date = dateOf(iso)
  return date === undefined ? '' : `${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** Day, month, year: separated by "-", "/", "." or a space; one or two digits for day and month. */
const NL_DATE = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$/
/** Hours and minutes, by ":" or "." ("14:05", "9.30"); 24 hours. */
const NL_TIME = /^(\d{1,2})[:.](\d{2})$/

/** The date as typed, checked: day, month, year; undefined when it is not a real date. */
export function parseNlDate(text: string): { d: number; mo: number; y: number } | undefined {
  const match = NL_DATE.exec(text.trim())
  if (match === null) {
    return undefined
  }
  const [d, mo, y] = match.slice(1, 4).map(Number) as [number, number, number]
  const probe = new Date(y, mo - 1, d, 12)
  // Date rolls 31 February over into March: a date that does not round-trip is not a real one.
  return probe.getFullYear() === y && probe.getMonth() === mo - 1 && probe.getDate() === d
    ? { d, mo, y }
    : undefined
}

/** The time as typed, checked: hours 0–23 and minutes 0–59; undefined otherwise. */
export function parseNlTime(text: string): { h: number; mi: number } | undefined {
  const match = NL_TIME.exec(text.trim())
  if (match === null) {
    return undefined
  }
  const [h, mi] = match.slice(1, 3).map(Number) as [number, number]
  return h <= 23 && mi <= 59 ? { h, mi } : undefined
}

/** The ISO time for a typed Dutch date and time in local time; "" when either is not valid. */
export function fromNlDateTime(dateText: string, timeText: string): string {
  const date = parseNlDate(dateText)
  const time = parseNlTime(timeText)
  if (date === undefined || time === undefined) {
    return ''
  }
  const local = new Date(date.y, date.mo - 1, date.d, time.h, time.mi)
  // A time that does not exist locally (the hour skipped when summer time starts) moves on.
  if (local.getHours() !== time.h || local.getDate() !== date.d) {
    return ''
  }
  return local.toISOString()
}
