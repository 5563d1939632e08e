import type { Kysely } from 'kysely'
import { runMigrations, type EngineMigration } from '../../lib/db/migrator'
import type { Engine } from '../../lib/db/dialect'
import * as initial from './migrations/001_initial'
import * as foreignKeyIndexes from './migrations/002_foreign_key_indexes'
import * as betrokkenePartijKlantcontact from './migrations/003_betrokkene_partij_klantcontact'

/**
 * The provider's migrations, in Kysely's default bookkeeping tables (`kysely_migration`), where
 * they have always been recorded. The runner is shared with the gateway (lib/db/migrator.ts).
 */
const migrations: Record<string, EngineMigration<Engine>> = {
  '001_initial': initial,
  '002_foreign_key_indexes': foreignKeyIndexes,
  '003_betrokkene_partij_klantcontact': betrokkenePartijKlantcontact,
}

export function migrateToLatest(db: Kysely<unknown>, engine: Engine, schema?: string): Promise<void> {
  return runMigrations(db, engine, { component: 'klantinteracties', migrations }, schema)
}
