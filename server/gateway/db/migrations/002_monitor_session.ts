import type { Kysely } from 'kysely'

/**
 * Monitoring sessions (docs/supervisor.md): a supervisor listening in on, whispering to or joining an
 * agent's call. Identifiers and times only; never audio, never a token. The same on both engines.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('monitor_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('supervisor_login', 'text', (c) => c.notNull())
    .addColumn('agent_login', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint')
    .execute()
  await db.schema
    .createIndex('monitor_session_supervisor')
    .on('monitor_session')
    .columns(['supervisor_login', 'ended_at'])
    .execute()
  await db.schema
    .createIndex('monitor_session_agent')
    .on('monitor_session')
    .columns(['agent_login', 'ended_at'])
    .execute()
}
