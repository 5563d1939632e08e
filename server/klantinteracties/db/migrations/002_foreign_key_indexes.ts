import type { Kysely } from 'kysely'

/**
 * Indexes on the foreign keys 001 left without one. Serialising a klantcontact selects its
 * onderwerpobjecten and bijlagen by klantcontact on every read, and a cascading delete looks up
 * children by their foreign key: without these each would scan the whole table (found by
 * bench:provider, docs/benchmarks.md). Neither engine indexes a foreign key by itself.
 */
const INDEXES: ReadonlyArray<readonly [table: string, column: string]> = [
  ['onderwerpobject', 'klantcontact_id'],
  ['onderwerpobject', 'was_klantcontact_id'],
  ['bijlage', 'klantcontact_id'],
  ['interne_taak_actor', 'actor_id'],
  ['actorklantcontact', 'actor_id'],
  ['digitaal_adres', 'betrokkene_id'],
  ['digitaal_adres', 'partij_id'],
  ['rekeningnummer', 'partij_id'],
  ['partij_identificator', 'partij_id'],
  ['partij_identificator', 'sub_identificator_van_id'],
  ['vertegenwoordiging', 'vertegenwoordigende_partij_id'],
  ['vertegenwoordiging', 'vertegenwoordigde_partij_id'],
  ['categorie_relatie', 'partij_id'],
  ['categorie_relatie', 'categorie_id'],
  ['partij', 'werkte_voor_partij_id'],
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, column] of INDEXES) {
    await db.schema.createIndex(`${table}_${column}`).on(table).column(column).execute()
  }
}
