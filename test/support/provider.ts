import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { buildProviderApp } from '../../server/klantinteracties/app'
import type { ProviderConfig } from '../../server/klantinteracties/config'
import { createRootLogger } from '../../server/lib/logger'

/**
 * Starts our real Klantinteracties provider for a test, on the engine chosen by `KCC_DB_ENGINE`
 * (`sqlite`, the default, or `postgres`): SQLite in a fresh temporary directory, or PostgreSQL in a
 * fresh schema of `KCC_TEST_DATABASE_URL` (default: the machine's local server, database `test`),
 * dropped again on close.
 */
export const TEST_TOKEN = 'test-token-0123456789abcdef'
export const ENGINE = (process.env['KCC_DB_ENGINE'] ?? 'sqlite') as 'sqlite' | 'postgres'
export const PG_URL = process.env['KCC_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test'

export interface TestProvider {
  app: FastifyInstance
  config: ProviderConfig
  close(): Promise<void>
}

export async function startProvider(overrides: Partial<ProviderConfig> = {}): Promise<TestProvider> {
  const dir = mkdtempSync(join(tmpdir(), 'kcc-provider-'))
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`
  const config: ProviderConfig = {
    tokens: [TEST_TOKEN],
    sqliteFile: join(dir, 'klantinteracties.sqlite'),
    databaseUrl: ENGINE === 'postgres' ? PG_URL : undefined,
    databaseSchema: ENGINE === 'postgres' ? schema : undefined,
    generateNummer: true,
    host: '127.0.0.1',
    port: 0,
    ...overrides,
  }
  const { app, storage } = await buildProviderApp(
    config,
    createRootLogger({ level: process.env['LOG_LEVEL'] ?? 'silent' }),
  )
  return {
    app,
    config,
    async close() {
      if (storage.engine === 'postgres' && config.databaseSchema) {
        await sql`drop schema if exists ${sql.id(config.databaseSchema)} cascade`.execute(storage.db)
      }
      await app.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
