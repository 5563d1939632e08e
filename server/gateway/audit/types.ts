/**
 * One audit line (BIO2 8.15.01: actie, object, resultaat, oorsprong, actor, tijdstempel). It names
 * the klantcontact by uuid and nummer only: never onderwerp, inhoud, reactie or a caller's name,
 * and never a token, password or SIP credential (BIO2 8.15.02).
 */
export type AuditResult = 'ok' | 'denied' | 'error'

export interface AuditRoute {
  /** What the agent did, e.g. `klantcontact.registreren`. */
  action: string
  /** Which kind of object it touched, e.g. `klantcontact`. */
  resource: string
}

export interface AuditOutcome {
  result?: AuditResult
  /** A security event (a nummer without a transfer record, …), for the security officer's filter. */
  security?: boolean
  /** A short code, never free text from a request: `geen-overdracht`, `afgeschermd`, … */
  detail?: string
}

export interface AuditEvent {
  at: string
  actor: string | null
  action: string
  resource: string
  objectUuid: string | null
  objectNummer: string | null
  result: AuditResult
  status: number
  security: boolean
  detail: string | null
  /** BIO 8.15.01 "oorsprong": the client's network address. */
  origin: string | null
  requestId: string | null
}
