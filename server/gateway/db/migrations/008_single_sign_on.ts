import type { Kysely } from 'kysely'

/**
 * Single sign-on's state (server/gateway/auth/oidc/), in the gateway database so the instance that
 * finishes a sign-in need not be the one that started it. Every row lives minutes and is used once;
 * codes are stored as their SHA-256 only, like session tokens.
 *
 * - `sso_login`: a sign-in under way at the identity provider, keyed by the `state` sent there:
 *   the nonce and PKCE verifier towards the provider, and the app's challenge, state and loopback
 *   port to return to.
 * - `sso_handoff`: the single-use code the app exchanges, with its verifier, for a session.
 * - `sso_logout`: the ID token a logout hands to the provider's end-session endpoint as hint.
 * - `agent_session.method`: how the session was opened (`password`, `oidc`), and for single
 *   sign-on the ID token, kept for that logout hint.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sso_login')
    .addColumn('state', 'text', (c) => c.primaryKey())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('app_client', 'text', (c) => c.notNull())
    .addColumn('app_challenge', 'text', (c) => c.notNull())
    .addColumn('app_state', 'text', (c) => c.notNull())
    .addColumn('app_port', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('sso_handoff')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('login', 'text', (c) => c.notNull())
    .addColumn('app_challenge', 'text', (c) => c.notNull())
    .addColumn('id_token', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('sso_logout')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('id_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .alterTable('agent_session')
    .addColumn('method', 'text', (c) => c.notNull().defaultTo('password'))
    .execute()
  await db.schema.alterTable('agent_session').addColumn('id_token', 'text').execute()
}
