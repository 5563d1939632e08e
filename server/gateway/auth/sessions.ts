import { createHash, randomBytes } from 'node:crypto'
import type { GatewayDb } from '../db/tables'
import type { Clock } from '../lib/clock'

/**
 * Agent sessions, in the gateway database so every gateway instance knows them.
 *
 * - The token is 256 random bits (base64url), given to the agent once; the database keeps only its
 *   SHA-256, so a copy of the database opens no session (OWASP Session Management: tokens are
 *   secrets, store them like passwords; a fast hash suffices for 256-bit random values).
 * - Idle expiry 30 minutes, absolute expiry 12 hours (a shift), both checked on every use
 *   (OWASP ASVS V3.3). Activity is written at most once a minute, so a busy agent does not cost a
 *   database write per request; the idle window is therefore up to a minute shorter, never longer.
 * - Whatever holds a session open beyond one request (the live socket) can `watch` it: it is told
 *   when this process ends the session (logout, expiry found, agent removed). Another instance
 *   ending it is not heard of here; such a holder also checks the session again now and then.
 */
export const IDLE_TIMEOUT_MS = 30 * 60_000
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60_000
const TOUCH_INTERVAL_MS = 60_000

/** How a session was opened: a password, or single sign-on (which keeps the provider's ID token). */
export type SessionMethod = { method: 'password' } | { method: 'oidc'; idToken: string | null }

export interface Session {
  login: string
  createdAt: number
  /** When the session ends if the agent stays inactive: the earlier of idle and absolute expiry. */
  expiresAt: number
}

export interface IssuedSession extends Session {
  token: string
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export class SessionStore {
  private readonly watchers = new Map<string, Set<() => void>>()

  constructor(
    private readonly db: GatewayDb,
    private readonly clock: Clock,
  ) {}

  /** Calls `ended` once this process ends the session of `token`; answers the unsubscribe. */
  watch(token: string, ended: () => void): () => void {
    const hash = hashToken(token)
    const watchers = this.watchers.get(hash) ?? new Set()
    watchers.add(ended)
    this.watchers.set(hash, watchers)
    return () => {
      watchers.delete(ended)
      if (watchers.size === 0 && this.watchers.get(hash) === watchers) {
        this.watchers.delete(hash)
      }
    }
  }

  async create(login: string, opened: SessionMethod = { method: 'password' }): Promise<IssuedSession> {
    const token = randomBytes(32).toString('base64url')
    const now = this.clock()
    await this.purgeExpired(now)
    await this.db
      .insertInto('agent_session')
      .values({
        token_hash: hashToken(token),
        login,
        created_at: now,
        last_seen_at: now,
        method: opened.method,
        id_token: opened.method === 'oidc' ? opened.idToken : null,
      })
      .execute()
    return { token, login, createdAt: now, expiresAt: expiry(now, now) }
  }

  /**
   * The live session for a token, or null. Counts as activity (renews the idle window) unless
   * `renew: false`: a check that no agent did anything for must not keep an idle session alive.
   */
  async verify(token: string, options: { renew?: boolean } = {}): Promise<Session | null> {
    const hash = hashToken(token)
    const row = await this.db
      .selectFrom('agent_session')
      .selectAll()
      .where('token_hash', '=', hash)
      .executeTakeFirst()
    if (!row) {
      return null
    }
    const now = this.clock()
    const createdAt = Number(row.created_at)
    const lastSeen = Number(row.last_seen_at)
    if (now - lastSeen >= IDLE_TIMEOUT_MS || now - createdAt >= ABSOLUTE_TIMEOUT_MS) {
      await this.db.deleteFrom('agent_session').where('token_hash', '=', hash).execute()
      this.notifyEnded(hash)
      return null
    }
    let seen = lastSeen
    if (options.renew !== false && now - lastSeen >= TOUCH_INTERVAL_MS) {
      await this.db
        .updateTable('agent_session')
        .set({ last_seen_at: now })
        .where('token_hash', '=', hash)
        .execute()
      seen = now
    }
    return { login: row.login, createdAt, expiresAt: expiry(createdAt, seen) }
  }

  /** Ends the session (logout) and answers how it was opened, or null if it was already gone. */
  async end(token: string): Promise<SessionMethod | null> {
    const hash = hashToken(token)
    const row = await this.db
      .deleteFrom('agent_session')
      .where('token_hash', '=', hash)
      .returning(['method', 'id_token'])
      .executeTakeFirst()
    this.notifyEnded(hash)
    if (!row) {
      return null
    }
    return row.method === 'oidc' ? { method: 'oidc', idToken: row.id_token } : { method: 'password' }
  }

  async revoke(token: string): Promise<void> {
    const hash = hashToken(token)
    await this.db.deleteFrom('agent_session').where('token_hash', '=', hash).execute()
    this.notifyEnded(hash)
  }

  /** Tells whatever watched the session that it ended. */
  private notifyEnded(hash: string): void {
    const watchers = this.watchers.get(hash)
    this.watchers.delete(hash)
    for (const ended of watchers ?? []) {
      ended()
    }
  }

  private async purgeExpired(now: number): Promise<void> {
    await this.db
      .deleteFrom('agent_session')
      .where((eb) =>
        eb.or([
          eb('last_seen_at', '<=', now - IDLE_TIMEOUT_MS),
          eb('created_at', '<=', now - ABSOLUTE_TIMEOUT_MS),
        ]),
      )
      .execute()
  }
}

function expiry(createdAt: number, lastSeen: number): number {
  return Math.min(createdAt + ABSOLUTE_TIMEOUT_MS, lastSeen + IDLE_TIMEOUT_MS)
}
