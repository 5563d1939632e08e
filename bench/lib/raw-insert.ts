import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import SqliteDatabase from 'better-sqlite3'
import type pg from 'pg'
import { pgClient } from './databases'
import { KLANTCONTACT_COLUMNS, klantcontactValues, rawNummer } from './klantcontact'

/**
 * The driver ceiling: the klantcontact row the provider would store for the C0534 body, inserted
 * directly through the provider's driver, one row per statement in autocommit (so one durable
 * commit per row, like one POST), for a fixed time.
 *
 * - SQLite: one better-sqlite3 connection with the provider's pragmas (WAL, synchronous=FULL,
 *   foreign_keys, busy_timeout) and a prepared insert in a loop. One connection because SQLite has
 *   one writer at a time, and the driver is synchronous: concurrency cannot add throughput.
 * - PostgreSQL: N pg clients (N = the POST connection count), each inserting in a loop, so commits
 *   can overlap as they do under N concurrent POSTs.
 */
export interface RawRun {
  rate: number
  rows: number
  seconds: number
}

export interface RawInserter {
  run(seconds: number): Promise<RawRun>
  close(): Promise<void>
}

/** No run inserts more than this, however fast the disk: every loop is bounded in count too. */
const MAX_ROWS_PER_RUN = 5_000_000

const placeholders = (engine: 'sqlite' | 'postgres'): string =>
  KLANTCONTACT_COLUMNS.map((_, i) => (engine === 'sqlite' ? '?' : `$${i + 1}`)).join(', ')

const insertSql = (engine: 'sqlite' | 'postgres'): string =>
  `insert into klantcontact (${KLANTCONTACT_COLUMNS.join(', ')}) values (${placeholders(engine)})`

export function sqliteRawInserter(file: string): RawInserter {
  const db = new SqliteDatabase(file)
  // The same pragmas as db/database.ts openStorage, so each commit costs what it costs the provider.
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  const insert = db.prepare(insertSql('sqlite'))
  let sequence = 0
  return {
    run(seconds) {
      const started = performance.now()
      const deadline = started + seconds * 1000
      let rows = 0
      while (rows < MAX_ROWS_PER_RUN && performance.now() < deadline) {
        sequence++
        insert.run(klantcontactValues('sqlite', randomUUID(), rawNummer(sequence), new Date().toISOString()))
        rows++
      }
      const elapsed = (performance.now() - started) / 1000
      return Promise.resolve({ rate: rows / elapsed, rows, seconds: elapsed })
    },
    close() {
      db.close()
      return Promise.resolve()
    },
  }
}

export async function postgresRawInserter(
  databaseUrl: string,
  schema: string,
  clients: number,
): Promise<RawInserter> {
  const pool: pg.Client[] = []
  try {
    for (let i = 0; i < clients; i++) {
      const client = pgClient(databaseUrl, schema)
      await client.connect()
      pool.push(client)
    }
  } catch (error) {
    await Promise.all(pool.map((c) => c.end()))
    throw error
  }
  const text = insertSql('postgres')
  let sequence = 0
  return {
    async run(seconds) {
      const started = performance.now()
      const deadline = started + seconds * 1000
      let rows = 0
      const worker = async (client: pg.Client): Promise<void> => {
        while (rows < MAX_ROWS_PER_RUN && performance.now() < deadline) {
          const nummer = rawNummer(++sequence)
          await client.query(
            text,
            klantcontactValues('postgres', randomUUID(), nummer, new Date().toISOString()),
          )
          rows++
        }
      }
      await Promise.all(pool.map(worker))
      const elapsed = (performance.now() - started) / 1000
      return { rate: rows / elapsed, rows, seconds: elapsed }
    },
    async close() {
      await Promise.all(pool.map((c) => c.end()))
    },
  }
}
