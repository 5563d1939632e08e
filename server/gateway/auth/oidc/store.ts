import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { SSO_CODE_TTL_SECONDS, type SsoClient } from '../../../../shared/gateway/sso'
import type { GatewayDb } from '../../db/tables'
import type { Clock } from '../../lib/clock'
import { hashToken } from '../sessions'

/**
 * Single sign-on's short-lived state in the gateway database (migration 008), so any instance can
 * finish what another started. Each row is taken by a delete that answers it: two requests racing
 * for one code or state cannot both get it, on SQLite or PostgreSQL.
 */

/** How long a sign-in at the provider may take, from start to callback. */
export const LOGIN_TTL_MS = 10 * 60_000
/** How long the link `DELETE /api/session` answers stays usable for the provider's logout. */
export const LOGOUT_TTL_MS = 5 * 60_000

export interface PendingLogin {
  state: string
  nonce: string
  codeVerifier: string
  app: { client: SsoClient; challenge: string; state: string; port: number | null }
}

export interface Handoff {
  login: string
  idToken: string | null
}

export type HandoffRefusal = 'onbekend' | 'verlopen' | 'verkeerde-verifier'

export class SsoStore {
  constructor(
    private readonly db: GatewayDb,
    private readonly clock: Clock,
  ) {}

  async savePending(login: PendingLogin): Promise<void> {
    const now = this.clock()
    await this.db
      .deleteFrom('sso_login')
      .where('created_at', '<=', now - LOGIN_TTL_MS)
      .execute()
    await this.db
      .insertInto('sso_login')
      .values({
        state: login.state,
        nonce: login.nonce,
        code_verifier: login.codeVerifier,
        app_client: login.app.client,
        app_challenge: login.app.challenge,
        app_state: login.app.state,
        app_port: login.app.port,
        created_at: now,
      })
      .execute()
  }

  /** The sign-in the provider's `state` names, once; null when unknown, used or too old. */
  async takePending(state: string): Promise<PendingLogin | null> {
    const row = await this.db
      .deleteFrom('sso_login')
      .where('state', '=', state)
      .returningAll()
      .executeTakeFirst()
    if (!row || this.clock() - Number(row.created_at) >= LOGIN_TTL_MS) {
      return null
    }
    return {
      state: row.state,
      nonce: row.nonce,
      codeVerifier: row.code_verifier,
      app: { client: row.app_client, challenge: row.app_challenge, state: row.app_state, port: row.app_port },
    }
  }

  /** A single-use code for the app, valid {@link SSO_CODE_TTL_SECONDS}, bound to its challenge. */
  async issueHandoff(login: string, challenge: string, idToken: string | null): Promise<string> {
    const code = randomBytes(32).toString('base64url')
    const now = this.clock()
    await this.db
      .deleteFrom('sso_handoff')
      .where('created_at', '<=', now - SSO_CODE_TTL_SECONDS * 1000)
      .execute()
    await this.db
      .insertInto('sso_handoff')
      .values({
        code_hash: hashToken(code),
        login,
        app_challenge: challenge,
        id_token: idToken,
        created_at: now,
      })
      .execute()
    return code
  }

  /**
   * The sign-in a code stands for, if `verifier` is the one whose challenge the app sent at the
   * start (RFC 7636 §4.6, S256). The code is used up by any attempt, right or wrong: a second try
   * with another verifier gets nothing.
   */
  async redeemHandoff(code: string, verifier: string): Promise<Handoff | HandoffRefusal> {
    const row = await this.db
      .deleteFrom('sso_handoff')
      .where('code_hash', '=', hashToken(code))
      .returningAll()
      .executeTakeFirst()
    if (!row) {
      return 'onbekend'
    }
    if (this.clock() - Number(row.created_at) >= SSO_CODE_TTL_SECONDS * 1000) {
      return 'verlopen'
    }
    const challenge = Buffer.from(createHash('sha256').update(verifier).digest('base64url'))
    const expected = Buffer.from(row.app_challenge)
    if (challenge.length !== expected.length || !timingSafeEqual(challenge, expected)) {
      return 'verkeerde-verifier'
    }
    return { login: row.login, idToken: row.id_token }
  }

  /** Keeps an ended session's ID token for the provider's logout; answers the id to fetch it by. */
  async keepForLogout(idToken: string): Promise<string> {
    const id = randomBytes(32).toString('base64url')
    const now = this.clock()
    await this.db
      .deleteFrom('sso_logout')
      .where('created_at', '<=', now - LOGOUT_TTL_MS)
      .execute()
    await this.db
      .insertInto('sso_logout')
      .values({ id_hash: hashToken(id), id_token: idToken, created_at: now })
      .execute()
    return id
  }

  /** The ID token kept under `id`, once. */
  async takeForLogout(id: string): Promise<string | null> {
    const row = await this.db
      .deleteFrom('sso_logout')
      .where('id_hash', '=', hashToken(id))
      .returning(['id_token', 'created_at'])
      .executeTakeFirst()
    if (!row || this.clock() - Number(row.created_at) >= LOGOUT_TTL_MS) {
      return null
    }
    return row.id_token
  }
}
