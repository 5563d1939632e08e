import type { Kysely } from 'kysely'

/**
 * `audit_event.objects`: every object whose data an answer disclosed (audit/types.ts `AuditObject`),
 * as a JSON array of `{type, uuid, nummer?}`, so a search or a list is audited with each result and
 * not with `object_uuid` null. Null on rows written before this column existed. Adding a column
 * leaves the append-only triggers of 001 in place on both engines.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_event').addColumn('objects', 'text').execute()
}
