/**
 * plaatsgevondenOp is kept as ISO 8601 (UTC, as the register stores it); the agent sees and edits
 * it in an `<input type="datetime-local">`, whose value is the PC's local time without a zone
 * ("2026-03-02T14:05", HTML Living Standard, "local date and time string").
 */

/** The input's value for an ISO time, to the minute; "" when `iso` is not a time. */
export function toLocalInput(iso: string): string {
  const date = new Date(iso)
  if (iso === '' || Number.isNaN(date.getTime())) {
    return ''
  }
  const pad = (n: number): string => String(n).padStart(2, '0')
  return (
    `${String(date.getFullYear()).padStart(4, '0')}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  )
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/

/** The ISO time for the input's value; "" when the agent cleared it or it is not complete. */
export function fromLocalInput(value: string): string {
  const match = LOCAL.exec(value)
  if (match === null) {
    return ''
  }
  const [y, mo, d, h, mi] = match.slice(1, 6).map(Number) as [number, number, number, number, number]
  const seconds = Number(match[6] ?? 0)
  const millis = Number((match[7] ?? '0').padEnd(3, '0'))
  const date = new Date(y, mo - 1, d, h, mi, seconds, millis)
  // Date rolls 31 February over into March; a value that does not round-trip was not a real time.
  if (date.getMonth() !== mo - 1 || date.getDate() !== d || date.getHours() !== h) {
    return ''
  }
  return date.toISOString()
}
