import { join } from 'node:path'
import { sql } from 'kysely'
import { ensureSchema, openStorage, type Storage } from '../../lib/db/database'
import type { Engine } from '../../lib/db/dialect'
import type { GatewayConfig } from '../config/types'
import { migrateGateway } from './migrate'
import type { GatewayDb } from './tables'

/**
 * The gateway's own database, on the same engines and with the same storage code as the provider
 * (server/lib/db/database.ts): SQLite `gateway.sqlite` in `dataDir` (WAL, synchronous=FULL),
 * or PostgreSQL when `database.url` is configured, so several gateway instances share sessions,
 * idempotency records, transfer records and the audit log.
 */
export interface GatewayStorage {
  db: GatewayDb
  engine: Engine
  /** PostgreSQL: drops the schema (tests use a fresh schema per app). No-op on SQLite. */
  dropSchema(): Promise<void>
  close(): Promise<void>
}

export async function openGatewayStorage(config: GatewayConfig): Promise<GatewayStorage> {
  const schema = config.database?.schema
  const storage: Storage = openStorage({
    databaseUrl: config.database?.url,
    schema,
    sqliteFile: join(config.dataDir, 'gateway.sqlite'),
  })
  try {
    await ensureSchema(storage, schema)
    await migrateGateway(storage.db as never, storage.engine, schema)
  } catch (error) {
    await storage.close()
    throw error
  }
  const db = storage.db as unknown as GatewayDb
  return {
    db,
    engine: storage.engine,
    async dropSchema() {
      if (storage.engine === 'postgres' && schema) {
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db)
      }
    },
    close: () => storage.close(),
  }
}
