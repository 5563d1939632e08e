import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openStorage, ensureSchema, type Storage } from '../../../server/lib/db/database'
import { createTransactor, type Transact } from '../../../server/klantinteracties/db/transactor'
import { ENGINE, PG_URL } from '../../support/provider'

/**
 * The transactor answers a write only after its commit, and a failing write undoes only its own
 * work, also when it shared a group commit with others (SQLite).
 */
describe('transactor', () => {
  let storage: Storage
  let transact: Transact
  let dir: string
  const schema = `t_tx_${process.pid}_${Date.now().toString(36)}`

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kcc-tx-'))
    storage = openStorage({
      sqliteFile: join(dir, 'tx.sqlite'),
      databaseUrl: ENGINE === 'postgres' ? PG_URL : undefined,
      schema: ENGINE === 'postgres' ? schema : undefined,
    })
    await ensureSchema(storage, ENGINE === 'postgres' ? schema : undefined)
    await sql`create table note (id integer primary key, text varchar(20) not null)`.execute(storage.db)
    transact = createTransactor(storage.db, storage.engine)
  })
  afterEach(async () => {
    if (storage.engine === 'postgres') {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(storage.db)
    }
    await storage.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const insert = (id: number, text: string): Promise<number> =>
    transact(async (trx) => {
      await trx.insertInto('note').values({ id, text }).execute()
      if (text === 'fail') {
        throw new Error('this write fails after its insert')
      }
      return id
    })

  it('keeps the writes that succeed when one in the same batch fails after writing', async () => {
    const results = await Promise.allSettled([
      insert(1, 'een'),
      insert(2, 'fail'),
      insert(3, 'drie'),
      insert(4, 'vier'),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled'])
    const rows = await storage.db.selectFrom('note').select('id').orderBy('id').execute()
    expect(rows.map((r) => Number(r['id']))).toEqual([1, 3, 4])
  })

  it('rejects a write that violates a constraint and keeps the others of its batch', async () => {
    await insert(10, 'eerst')
    const results = await Promise.allSettled([insert(11, 'nieuw'), insert(10, 'dubbel'), insert(12, 'nieuw')])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    const rows = await storage.db.selectFrom('note').select(['id', 'text']).orderBy('id').execute()
    expect(rows.map((r) => [Number(r['id']), r['text']])).toEqual([
      [10, 'eerst'],
      [11, 'nieuw'],
      [12, 'nieuw'],
    ])
  })

  it('answers every write of a large burst exactly once', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => 100 + i)
    expect(await Promise.all(ids.map((id) => insert(id, 'burst')))).toEqual(ids)
    const counted = await storage.db
      .selectFrom('note')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(counted['n'])).toBe(300)
  })
})
