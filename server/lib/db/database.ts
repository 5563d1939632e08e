import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs'
import { dirname } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import type { Engine } from './dialect'
import { withStatementCache } from './statement-cache'

/**
 * Rows are plain records: the resource modules own their column lists, and generic code (pagination,
 * filters, references) works on column names it is given. Typing every table twice (here and in the
 * resource definitions) would only let the two drift apart.
 */
export type Row = Record<string, unknown>
export type Tables = Record<string, Row>
export type Db = Kysely<Tables>

export interface StorageConfig {
  /** A `postgres://` URL selects PostgreSQL; otherwise SQLite in `sqliteFile`. */
  databaseUrl?: string | undefined
  /** PostgreSQL schema to use (created if missing); lets tests and instances share one server. */
  schema?: string | undefined
  sqliteFile: string
}

export interface Storage {
  db: Db
  engine: Engine
  /**
   * PostgreSQL: a one-connection pool of its own for short autocommit statements that must not wait
   * for (or be rolled back with) a request's transaction, such as reserving a block of nummers.
   * Taking that connection from the main pool could deadlock when every pooled connection is held
   * by a transaction waiting for the reservation. SQLite: the same database as `db`.
   */
  autocommit: Db
  close(): Promise<void>
}

const PG_INT8 = 20
const PG_DATE = 1082

export function openStorage(config: StorageConfig): Storage {
  if (config.databaseUrl) {
    const poolConfig = (max: number): pg.PoolConfig => ({
      connectionString: config.databaseUrl,
      max,
      ...(config.schema ? { options: `-c search_path=${quoteIdent(config.schema)}` } : {}),
      types: {
        // bigint identity columns fit in a JS number for any realistic register size;
        // `date` columns stay ISO strings (the default parser shifts them into local time).
        getTypeParser: (oid: number, format?: 'text' | 'binary') => {
          if (oid === PG_INT8) {
            return (value: string) => Number(value)
          }
          if (oid === PG_DATE) {
            return (value: string) => value
          }
          return pg.types.getTypeParser(oid, format)
        },
      } as pg.CustomTypesConfig,
    })
    const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: new pg.Pool(poolConfig(10)) }) })
    const autocommit = new Kysely<Tables>({
      dialect: new PostgresDialect({ pool: new pg.Pool(poolConfig(1)) }),
    })
    return {
      db,
      autocommit,
      engine: 'postgres',
      close: async () => {
        await autocommit.destroy()
        await db.destroy()
      },
    }
  }

  if (config.sqliteFile !== ':memory:') {
    mkdirSync(dirname(config.sqliteFile), { recursive: true })
    ownerOnly(config.sqliteFile)
  }
  const sqlite = new SqliteDatabase(config.sqliteFile)
  // WAL lets readers run beside the writer; synchronous=FULL makes every committed transaction
  // durable before we answer 201, so an answered write survives a kill -9 or a power cut.
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) })
  return { db, autocommit: db, engine: 'sqlite', close: () => db.destroy() }
}

/**
 * The database holds personal data (and the gateway's sessions): readable by the server's own user
 * only, mode 0600 like the provider token. SQLite gives the files it makes beside the database
 * (-wal, -shm, -journal) the database file's mode, so creating that file 0600 before SQLite does is
 * enough for a new database; files left by an older version with a wider mode are narrowed.
 */
function ownerOnly(file: string): void {
  closeSync(openSync(file, 'a', 0o600))
  for (const path of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    if (existsSync(path)) {
      chmodSync(path, 0o600)
    }
  }
}

/** Schema names come from configuration; quote them so they can never break out of the option. */
export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`invalid PostgreSQL schema name: ${name}`)
  }
  return name
}

/** Creates the configured PostgreSQL schema if needed (no-op on SQLite). */
export async function ensureSchema(storage: Storage, schema: string | undefined): Promise<void> {
  if (storage.engine === 'postgres' && schema) {
    await storage.db.schema.createSchema(quoteIdent(schema)).ifNotExists().execute()
  }
}
