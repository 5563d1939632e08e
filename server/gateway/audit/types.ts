/**
 * One audit line (BIO2 8.15.01: actie, object, resultaat, oorsprong, actor, tijdstempel). It names
 * what was touched by uuid and nummer only: never onderwerp, inhoud, reactie or a caller's name,
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

/** The kinds of register object whose personal data an answer can disclose (OAS 0.9.0 names). */
export type AuditObjectType = 'klantcontact' | 'betrokkene' | 'partij' | 'internetaak'

/**
 * One object whose data an answer disclosed, so the log can say whose data was read (AVG art. 30,
 * BIO2 8.15.01 "object"): a search or a list names every result, not only the first.
 */
export interface AuditObject {
  type: AuditObjectType
  uuid: string
  nummer?: string
}

export interface AuditEvent {
  at: string
  actor: string | null
  action: string
  resource: string
  /** The one object a single-object request is about (also when it was refused). */
  objectUuid: string | null
  objectNummer: string | null
  /** Every object whose data the answer disclosed; empty when it disclosed none. */
  objects: AuditObject[]
  result: AuditResult
  status: number
  security: boolean
  detail: string | null
  /** BIO 8.15.01 "oorsprong": the client's network address. */
  origin: string | null
  requestId: string | null
}
