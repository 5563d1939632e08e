import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { ensureSchema, openStorage, type Storage } from '../../../server/lib/db/database'
import { runMigrations } from '../../../server/lib/db/migrator'
import { migrateToLatest } from '../../../server/klantinteracties/db/migrate'
import * as initial from '../../../server/klantinteracties/db/migrations/001_initial'
import * as foreignKeyIndexes from '../../../server/klantinteracties/db/migrations/002_foreign_key_indexes'
import { ENGINE, PG_URL } from '../../support/provider'

/**
 * Migration 003 (the betrokkenen of a partij by klantcontact) on the engine of `KCC_DB_ENGINE`: it
 * applies to a register that already has data under 001 and 002, keeps that data, and leaves the
 * one index on betrokkene.partij_id that the caller's history is read through.
 */
describe('provider migration 003_betrokkene_partij_klantcontact', () => {
  let storage: Storage | undefined
  let dir: string | undefined
  const schema = `m_${process.pid}_${Date.now().toString(36)}`

  afterEach(async () => {
    if (storage?.engine === 'postgres') {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(storage.db)
    }
    await storage?.close()
    if (dir) {
      rmSync(dir, { recursive: true, force: true })
    }
    storage = undefined
  })

  const open = async (): Promise<Storage> => {
    dir = mkdtempSync(join(tmpdir(), 'kcc-migration-'))
    storage = openStorage({
      databaseUrl: ENGINE === 'postgres' ? PG_URL : undefined,
      schema: ENGINE === 'postgres' ? schema : undefined,
      sqliteFile: join(dir, 'klantinteracties.sqlite'),
    })
    await ensureSchema(storage, ENGINE === 'postgres' ? schema : undefined)
    return storage
  }

  /** Index name → its columns in order, for the betrokkene table. */
  const betrokkeneIndexes = async ({ db, engine }: Storage): Promise<Map<string, string[]>> => {
    if (engine === 'sqlite') {
      const { rows } = await sql<{ name: string }>`
        select name from sqlite_master where type = 'index' and tbl_name = 'betrokkene'`.execute(db)
      const indexes = new Map<string, string[]>()
      for (const { name } of rows) {
        const info = await sql<{
          name: string
        }>`select name from pragma_index_info(${name}) order by seqno`.execute(db)
        indexes.set(
          name,
          info.rows.map((r) => r.name),
        )
      }
      return indexes
    }
    const { rows } = await sql<{ name: string; columns: string }>`
      select i.relname::text as name, string_agg(a.attname::text, ',' order by k.n) as columns
      from pg_index x
      join pg_class i on i.oid = x.indexrelid
      join pg_class t on t.oid = x.indrelid
      join pg_namespace s on s.oid = t.relnamespace
      cross join lateral unnest(x.indkey) with ordinality as k(attnum, n)
      join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
      where s.nspname = ${schema} and t.relname = 'betrokkene'
      group by i.relname`.execute(db)
    return new Map(rows.map((r) => [r.name, r.columns.split(',')]))
  }

  it('applies to a register with data, keeps it, and replaces the partij_id index by (partij_id, klantcontact_id)', async () => {
    const s = await open()
    await runMigrations(
      s.db as never,
      s.engine,
      {
        component: 'klantinteracties',
        migrations: { '001_initial': initial, '002_foreign_key_indexes': foreignKeyIndexes },
      },
      ENGINE === 'postgres' ? schema : undefined,
    )
    expect((await betrokkeneIndexes(s)).get('betrokkene_partij')).toEqual(['partij_id'])

    const now = new Date().toISOString()
    const stamps = (uuid: string) => ({ uuid, created_at: now, updated_at: now })
    const bool = (b: boolean): boolean | number => (s.engine === 'sqlite' ? Number(b) : b)
    const partij = await s.db
      .insertInto('partij')
      .values({
        ...stamps('0b5f0a3e-8d1c-4e51-9a56-5b0f0a2e8d01'),
        soort_partij: 'persoon',
        indicatie_actief: bool(true),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const klantcontact = await s.db
      .insertInto('klantcontact')
      .values({
        ...stamps('0b5f0a3e-8d1c-4e51-9a56-5b0f0a2e8d02'),
        kanaal: 'telefoon',
        onderwerp: 'Vraag',
        taal: 'nld',
        vertrouwelijk: bool(false),
        plaatsgevonden_op: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await s.db
      .insertInto('betrokkene')
      .values({
        ...stamps('0b5f0a3e-8d1c-4e51-9a56-5b0f0a2e8d03'),
        klantcontact_id: klantcontact['id'],
        partij_id: partij['id'],
        rol: 'klant',
        initiator: bool(true),
      })
      .execute()

    await migrateToLatest(s.db as never, s.engine, ENGINE === 'postgres' ? schema : undefined)

    const indexes = await betrokkeneIndexes(s)
    expect(indexes.get('betrokkene_partij_klantcontact')).toEqual(['partij_id', 'klantcontact_id'])
    expect(indexes.has('betrokkene_partij')).toBe(false)
    expect(indexes.get('betrokkene_klantcontact')).toEqual(['klantcontact_id'])
    const kept = await s.db.selectFrom('betrokkene').select(['partij_id', 'klantcontact_id']).execute()
    expect(kept.map((r) => [Number(r['partij_id']), Number(r['klantcontact_id'])])).toEqual([
      [Number(partij['id']), Number(klantcontact['id'])],
    ])
    const applied = await s.db.selectFrom('kysely_migration').select('name').orderBy('name').execute()
    expect(applied.map((r) => r['name'])).toEqual([
      '001_initial',
      '002_foreign_key_indexes',
      '003_betrokkene_partij_klantcontact',
    ])
  })

  it('runs again without effect once applied', async () => {
    const s = await open()
    await migrateToLatest(s.db as never, s.engine, ENGINE === 'postgres' ? schema : undefined)
    const before = await betrokkeneIndexes(s)
    await migrateToLatest(s.db as never, s.engine, ENGINE === 'postgres' ? schema : undefined)
    expect(await betrokkeneIndexes(s)).toEqual(before)
    expect(before.get('betrokkene_partij_klantcontact')).toEqual(['partij_id', 'klantcontact_id'])
  })
})
