import type { Kysely } from 'kysely'

/**
 * `klantcontact_afhandeling`: how a klantcontact ended, as the agent recorded it
 * (shared/klantcontact/afhandeling.ts). The register has no field for it, so it is kept beside the
 * register, as KISS keeps its gespreksresultaat in its own store (docs/provider.md, "Afhandeling").
 * One row per klantcontact: recording again replaces it (the audit log keeps the history). Only
 * identifiers and who recorded it: no citizen's data.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('klantcontact_afhandeling')
    .addColumn('klantcontact_uuid', 'text', (c) => c.primaryKey())
    .addColumn('afhandeling', 'text', (c) => c.notNull())
    .addColumn('login', 'text', (c) => c.notNull())
    .addColumn('afdeling', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'bigint', (c) => c.notNull())
    .execute()
}
