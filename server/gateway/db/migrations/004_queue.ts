import type { Kysely } from 'kysely'

/**
 * The queue's durable state (server/gateway/queue/, docs/queue.md), the same on both engines.
 *
 * `queue_call`: a caller waiting for an agent, keyed by the SIP server's Call-ID, so a call that
 * Kamailio announces again after a gateway restart (or to a second gateway) keeps its id and its
 * original `entered_at`, and with it its place. `offer_agent`/`offer_until` claim the call while one
 * agent's phone rings: the claim is what keeps two gateways from offering one call twice. No
 * caller's number here: the SIP server hands it over again with the call.
 *
 * `terugbelverzoek`: a terugbelverzoek written here first and then registered (klantcontact and
 * interne taak), retried until the register takes it. It holds the caller's number (the register
 * needs it) only until it is registered: `caller_number` is cleared when it is done.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('queue_call')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sip_call_id', 'text', (c) => c.notNull().unique())
    .addColumn('dialled', 'text', (c) => c.notNull())
    .addColumn('afdeling', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'bigint', (c) => c.notNull())
    .addColumn('afdeling_since', 'bigint', (c) => c.notNull())
    .addColumn('overflowed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('checked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('offer_agent', 'text')
    .addColumn('offer_until', 'bigint')
    .execute()

  await db.schema
    .createTable('terugbelverzoek')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('afdeling', 'text', (c) => c.notNull())
    .addColumn('caller_number', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'bigint', (c) => c.notNull())
    .addColumn('waited_ms', 'bigint', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('klantcontact_uuid', 'text')
    .addColumn('interne_taak_uuid', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('done_at', 'bigint')
    .execute()
  await db.schema
    .createIndex('terugbelverzoek_due')
    .on('terugbelverzoek')
    .columns(['state', 'next_attempt_at'])
    .execute()
}
