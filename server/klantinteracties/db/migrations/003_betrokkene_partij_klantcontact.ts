import type { Kysely } from 'kysely'

/**
 * The klantcontacten of a partij (`GET /klantcontacten?hadBetrokkene__wasPartij__uuid=`, the
 * caller's history when the phone rings) are found through the partij's betrokkenen: this index
 * answers "which klantcontacten had this partij as betrokkene" from the index alone, without
 * reading a betrokkene row per contact (on PostgreSQL an index-only scan, on SQLite a covering
 * index). It starts with `partij_id`, so it serves every lookup the single-column index of 001
 * served (a partij's betrokkenen, `on delete set null` of a partij); that one is dropped rather than
 * maintained twice on every insert. docs/benchmarks.md has the plans and figures at 1,000,000
 * klantcontacten.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('betrokkene_partij_klantcontact')
    .on('betrokkene')
    .columns(['partij_id', 'klantcontact_id'])
    .execute()
  await db.schema.dropIndex('betrokkene_partij').execute()
}
