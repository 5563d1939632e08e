/**
 * A security event the agent app saw and reports to the gateway (`POST /api/security-events`), which
 * writes it to the audit log with `security` set (docs/gateway.md). Codes and our own ids only: no
 * caller, no number, no SIP header value.
 */
export const SECURITY_EVENT_KINDS = ['refer-refused'] as const

/** `refer-refused`: the phone refused an in-dialog REFER (docs/agent-app.md, "Incoming REFER"). */
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number]

export interface SecurityEventInput {
  kind: SecurityEventKind
  /** The app's id (a uuid) of the call it happened on, when there was one. */
  callId?: string
}
