import { randomUUID } from 'node:crypto'
import { openStorage, type Storage } from '../../server/lib/db/database'
import type { TestProvider } from './provider'

/**
 * Direct access to a test provider's database, for rows that belong to resources outside the
 * suite under test (a partij with an identificator, a digitaal adres supplied by a betrokkene) and
 * for checking what the API cannot show (a digitaal adres whose betrokkene was deleted).
 */
export interface DirectRows {
  partij(options?: { nummer?: string; objectId?: string }): Promise<string>
  digitaalAdres(options: { betrokkene?: string; partij?: string; adres: string }): Promise<string>
  digitaalAdresBetrokkene(uuid: string): Promise<string | null | undefined>
  close(): Promise<void>
}

export function directRows(provider: TestProvider): DirectRows {
  const storage: Storage = openStorage({
    databaseUrl: provider.config.databaseUrl,
    schema: provider.config.databaseSchema,
    sqliteFile: provider.config.sqliteFile,
  })
  const { db, engine } = storage
  const bool = (value: boolean): boolean | number => (engine === 'sqlite' ? (value ? 1 : 0) : value)
  const stamps = (): { uuid: string; created_at: string; updated_at: string } => {
    const now = new Date().toISOString()
    return { uuid: randomUUID(), created_at: now, updated_at: now }
  }
  const idOf = async (table: string, uuid: string): Promise<number> =>
    Number((await db.selectFrom(table).select('id').where('uuid', '=', uuid).executeTakeFirstOrThrow())['id'])

  return {
    async partij(options = {}) {
      const row = {
        ...stamps(),
        soort_partij: 'persoon',
        indicatie_actief: bool(true),
        nummer: options.nummer ?? null,
      }
      const inserted = await db.insertInto('partij').values(row).returning('id').executeTakeFirstOrThrow()
      if (options.objectId) {
        await db
          .insertInto('partij_identificator')
          .values({
            ...stamps(),
            partij_id: Number(inserted['id']),
            partij_identificator_code_objecttype: 'natuurlijk_persoon',
            partij_identificator_code_soort_object_id: 'bsn',
            partij_identificator_object_id: options.objectId,
            partij_identificator_code_register: 'brp',
          })
          .execute()
      }
      return row.uuid
    },
    async digitaalAdres({ betrokkene, partij, adres }) {
      const row = {
        ...stamps(),
        betrokkene_id: betrokkene ? await idOf('betrokkene', betrokkene) : null,
        partij_id: partij ? await idOf('partij', partij) : null,
        adres,
        soort_digitaal_adres: 'email',
        is_standaard_adres: bool(false),
      }
      await db.insertInto('digitaal_adres').values(row).execute()
      return row.uuid
    },
    async digitaalAdresBetrokkene(uuid) {
      const row = await db
        .selectFrom('digitaal_adres as d')
        .leftJoin('betrokkene as b', 'b.id', 'd.betrokkene_id')
        .select('b.uuid as betrokkene')
        .where('d.uuid', '=', uuid)
        .executeTakeFirst()
      return row === undefined ? undefined : ((row['betrokkene'] as string | null) ?? null)
    },
    close: () => storage.close(),
  }
}
