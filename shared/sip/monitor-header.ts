import { isLowerCaseUuid } from '../text/uuid'

/**
 * The monitor call (docs/supervisor.md): the monitored agent's app calls the supervisor with both
 * legs of its customer call mixed, and names the gateway's monitoring session in one header,
 *
 *   X-KCC-Monitor: 0f8e2c5a-3b1d-4c6e-9a7f-2d4b6c8e0a1f
 *
 * The supervisor's app answers such a call without ringing only for a session id it started itself.
 * The value is a uuid and nothing else: sip.js writes extra headers verbatim, so anything a header
 * could be built from is checked first (a CR/LF would inject headers), and a received value that is
 * not exactly a uuid counts as absent-but-present (refused, never trusted).
 */
export type MonitorSessionId = string & { readonly __brand: 'MonitorSessionId' }

export const MONITOR_HEADER = 'X-KCC-Monitor'

/** The id if `value` is exactly a lower-case uuid (as the gateway makes them), else undefined. */
export function parseMonitorSessionId(value: unknown): MonitorSessionId | undefined {
  return isLowerCaseUuid(value) ? (value as MonitorSessionId) : undefined
}

/** The header line for a monitor INVITE (sip.js `extraHeaders`). Throws on anything but a uuid. */
export function monitorHeaders(id: string): string[] {
  const checked = parseMonitorSessionId(id)
  if (!checked) {
    throw new RangeError('a monitoring session id is a uuid')
  }
  return [`${MONITOR_HEADER}: ${checked}`]
}

/**
 * What a received INVITE says about monitoring: `none` without the header, `valid` with a
 * well-formed id, `invalid` with a header that is present but malformed (to be refused).
 */
export type MonitorHeader = { kind: 'none' } | { kind: 'valid'; id: MonitorSessionId } | { kind: 'invalid' }

export function monitorHeaderOf(getHeader: (name: string) => string | undefined): MonitorHeader {
  const value = getHeader(MONITOR_HEADER)
  if (value === undefined) {
    return { kind: 'none' }
  }
  const id = parseMonitorSessionId(value.trim())
  return id ? { kind: 'valid', id } : { kind: 'invalid' }
}
