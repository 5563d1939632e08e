import { sql, type Kysely } from 'kysely'
import type { Engine } from '../../../lib/db/dialect'

/**
 * The gateway's state. Table names avoid the provider's (`nummer_counter`, …) because the embedded
 * provider and the gateway may share one PostgreSQL schema.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('agent_session')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('login', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .execute()

  // One row per (agent, Idempotency-Key): the primary key is what makes 50 concurrent requests, or
  // two gateway instances, agree on one record (docs/gateway.md).
  await db.schema
    .createTable('idempotency_record')
    .addColumn('agent_login', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('referentienummer', 'text', (c) => c.notNull().unique())
    .addColumn('nummer', 'text', (c) => c.unique())
    .addColumn('klantcontact_uuid', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_record_pk', ['agent_login', 'idempotency_key'])
    .execute()
  await db.schema
    .createIndex('idempotency_record_klantcontact')
    .on('idempotency_record')
    .column('klantcontact_uuid')
    .execute()

  await db.schema
    .createTable('transfer_record')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('klantcontact_uuid', 'text', (c) => c.notNull())
    .addColumn('nummer', 'text', (c) => c.notNull())
    .addColumn('from_login', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('transfer_record_nummer')
    .on('transfer_record')
    .columns(['nummer', 'expires_at'])
    .execute()
  await db.schema
    .createIndex('transfer_record_klantcontact')
    .on('transfer_record')
    .columns(['klantcontact_uuid', 'expires_at'])
    .execute()

  await db.schema
    .createTable('audit_event')
    .$call((t) =>
      engine === 'postgres'
        ? t.addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
        : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()),
    )
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('resource', 'text', (c) => c.notNull())
    .addColumn('object_uuid', 'text')
    .addColumn('object_nummer', 'text')
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    // 0/1 on both engines (better-sqlite3 cannot bind booleans).
    .addColumn('security', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('detail', 'text')
    .addColumn('origin', 'text')
    .addColumn('request_id', 'text')
    .execute()
  await appendOnly(db, engine)

  await db.schema
    .createTable('gateway_counter')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute()
}

/**
 * BIO 8.15.04-06: tampering with the log is an incident. The database refuses to change or delete
 * an audit row; a retention job (the municipality's choice of term) must drop the trigger knowingly.
 */
async function appendOnly(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine === 'postgres') {
    await sql`create function audit_event_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_event is append-only'; end $$`.execute(db)
    await sql`create trigger audit_event_append_only before update or delete on audit_event
      for each row execute function audit_event_append_only()`.execute(db)
    return
  }
  for (const operation of ['update', 'delete']) {
    await sql`create trigger ${sql.raw(`audit_event_no_${operation}`)} before ${sql.raw(operation)}
      on audit_event begin select raise(abort, 'audit_event is append-only'); end`.execute(db)
  }
}
