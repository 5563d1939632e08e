import type { Generated, Kysely } from 'kysely'
import type { MonitorMode } from '../../../shared/gateway/api'

export type { MonitorMode }

/**
 * The gateway's own tables. Times are epoch milliseconds (`bigint`), the same on both engines and
 * compared as numbers; nothing here holds a klantcontact's content (onderwerp, inhoud, names): the
 * register keeps that, the gateway keeps only identifiers (AVG art. 5(1)(c), data minimisation).
 */
export interface AgentSessionTable {
  /** SHA-256 (hex) of the session token; the token itself is never stored. */
  token_hash: string
  login: string
  created_at: number
  last_seen_at: number
  /** How the session was opened (migration 008). */
  method: Generated<'password' | 'oidc'>
  /** A single-sign-on session's ID token, the provider's logout hint; null otherwise. */
  id_token: string | null
}

export type IdempotencyState = 'pending' | 'created' | 'complete'

export interface IdempotencyRecordTable {
  agent_login: string
  idempotency_key: string
  /** SHA-256 of the request body: the same key with another body is refused, not replayed. */
  request_hash: string
  /** Chosen by the gateway before the first call to the register; the register's dedupe key. */
  referentienummer: string
  /** Supplied by the gateway when the register does not generate nummers (Open Klant 2.16+). */
  nummer: string | null
  klantcontact_uuid: string | null
  state: IdempotencyState
  created_at: number
  updated_at: number
}

export interface TransferRecordTable {
  id: string
  klantcontact_uuid: string
  nummer: string
  from_login: string
  target_type: 'agent' | 'afdeling'
  target_id: string
  created_at: number
  expires_at: number
}

/** A supervisor monitoring an agent's call (listen, whisper or barge); `ended_at` null while it runs. */
export interface MonitorSessionTable {
  id: string
  supervisor_login: string
  agent_login: string
  mode: MonitorMode
  /** The live call's id (the agent app's SIP Call-ID). */
  call_id: string
  started_at: number
  ended_at: number | null
}

export interface AuditEventTable {
  id: Generated<number>
  at: string
  actor: string | null
  action: string
  resource: string
  object_uuid: string | null
  object_nummer: string | null
  /** JSON array of audit/types.ts `AuditObject`; null on rows from before migration 003. */
  objects: string | null
  result: string
  status: number
  /** 0 or 1 */
  security: number
  detail: string | null
  origin: string | null
  request_id: string | null
}

/** How a klantcontact ended (migration 006); one row per klantcontact, the latest recording. */
export interface KlantcontactAfhandelingTable {
  klantcontact_uuid: string
  /** shared/klantcontact/afhandeling.ts `Afhandeling`. */
  afhandeling: string
  login: string
  afdeling: string
  recorded_at: number
}

/**
 * A medewerker provisioned at single sign-on (migration 007); the configured agents are not here.
 * `email_key` is the e-mail address in lower case (unique), `supervises` a JSON array or null.
 */
export interface MedewerkerTable {
  login: string
  display_name: string
  email: string
  email_key: string
  role: 'agent' | 'supervisor'
  afdeling: string
  sip_extension: string
  supervises: string | null
  provisioned_at: number
  updated_at: number
}

/** A sign-in under way at the identity provider (migration 008), keyed by the state sent there. */
export interface SsoLoginTable {
  state: string
  nonce: string
  code_verifier: string
  app_client: 'web' | 'desktop'
  app_challenge: string
  app_state: string
  app_port: number | null
  created_at: number
}

/** A single-use code for the app (migration 008); only its SHA-256 is stored. */
export interface SsoHandoffTable {
  code_hash: string
  login: string
  app_challenge: string
  id_token: string | null
  created_at: number
}

/** An ended single-sign-on session's ID token, for the provider's logout (migration 008). */
export interface SsoLogoutTable {
  id_hash: string
  id_token: string
  created_at: number
}

export interface CounterTable {
  scope: string
  value: number
}

export interface GatewayTables {
  agent_session: AgentSessionTable
  idempotency_record: IdempotencyRecordTable
  transfer_record: TransferRecordTable
  monitor_session: MonitorSessionTable
  audit_event: AuditEventTable
  gateway_counter: CounterTable
  klantcontact_afhandeling: KlantcontactAfhandelingTable
  medewerker: MedewerkerTable
  sso_login: SsoLoginTable
  sso_handoff: SsoHandoffTable
  sso_logout: SsoLogoutTable
}

export type GatewayDb = Kysely<GatewayTables>
