import type { Kysely } from 'kysely'

/**
 * `live_day_counter`: today's counters per afdeling (shared/live/counters.ts) of the gateway's own
 * live hub, so a restart does not reset the supervisor's figures. One row per day, afdeling and
 * counter name, so a new counter needs no new column. Aggregates only: no agent, no caller.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('live_day_counter')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('afdeling', 'text', (c) => c.notNull())
    .addColumn('counter', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('live_day_counter_pk', ['day', 'afdeling', 'counter'])
    .execute()
}
