import { rmSync } from 'node:fs'
import SqliteDatabase from 'better-sqlite3'
import pg from 'pg'
import { ensureSchema, openStorage, quoteIdent } from '../../server/lib/db/database'
import { migrateToLatest } from '../../server/klantinteracties/db/migrate'
import type { Engine } from './settings'

/**
 * Where each engine's data lives during the run: SQLite files in a temporary directory, PostgreSQL
 * tables in fresh schemas. Every table is created by the provider's own migration, so the indexes
 * are the migration's and nothing else.
 */
export interface Location {
  engine: Engine
  sqliteFile: string
  databaseUrl?: string | undefined
  schema?: string | undefined
}

/** Creates the schema (PostgreSQL) and runs the provider's migrations, then lets go of the connection. */
export async function migrate(location: Location): Promise<void> {
  const storage = openStorage({
    databaseUrl: location.databaseUrl,
    schema: location.schema,
    sqliteFile: location.sqliteFile,
  })
  try {
    await ensureSchema(storage, location.schema)
    await migrateToLatest(storage.db as never, storage.engine, location.schema)
  } finally {
    await storage.close()
  }
}

/** A pg client whose unqualified table names resolve in the benchmark's schema, as the provider's do. */
export function pgClient(databaseUrl: string, schema: string): pg.Client {
  return new pg.Client({
    connectionString: databaseUrl,
    options: `-c search_path=${quoteIdent(schema)}`,
    // Nothing in the benchmark may wait forever on a lock held by someone else.
    statement_timeout: 300_000,
  })
}

export async function withPg<T>(
  databaseUrl: string,
  schema: string,
  fn: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = pgClient(databaseUrl, schema)
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

export async function dropSchemas(databaseUrl: string, schemas: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    for (const schema of schemas) {
      await client.query(`drop schema if exists ${quoteIdent(schema)} cascade`)
    }
  } finally {
    await client.end()
  }
}

export function removeDirectory(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

/** Rows in the klantcontact table, as reported next to the GET figures. */
export async function countRows(location: Location): Promise<number> {
  if (location.engine === 'sqlite') {
    const db = new SqliteDatabase(location.sqliteFile, { readonly: true })
    try {
      return (db.prepare('select count(*) as n from klantcontact').get() as { n: number }).n
    } finally {
      db.close()
    }
  }
  if (!location.databaseUrl || !location.schema) {
    throw new Error('a PostgreSQL location needs a database URL and a schema')
  }
  return withPg(location.databaseUrl, location.schema, async (client) => {
    const result = await client.query<{ n: string }>('select count(*) as n from klantcontact')
    return Number(result.rows[0]?.n ?? 0)
  })
}
