/**
 * The UUID format (RFC 9562 §4: 8-4-4-4-12 hexadecimal digits), as every id the app, the gateway and
 * the register exchange is written: klantcontact and partij uuids, idempotency keys, transfer and
 * monitoring session ids. Exactly that and nothing else: no braces, no `urn:uuid:`, no white space,
 * so a value that passes can go into a URL path or a SIP header as it is.
 */
const UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'

/** Upper, lower or mixed case: RFC 9562 §4 has input accepted in any case. */
const ANY_CASE = new RegExp(UUID, 'i')

/** Lower case only: as `crypto.randomUUID()` makes them and as the gateway hands its own ids out. */
const LOWER_CASE = new RegExp(UUID)

/** `value` is a uuid, in any case. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && ANY_CASE.test(value)
}

/** `value` is a uuid written in lower case (for an id this system made itself and reads back). */
export function isLowerCaseUuid(value: unknown): value is string {
  return typeof value === 'string' && LOWER_CASE.test(value)
}
