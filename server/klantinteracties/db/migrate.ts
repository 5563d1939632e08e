import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely'
import type { Engine } from './dialect'
import * as initial from './migrations/001_initial'
import * as foreignKeyIndexes from './migrations/002_foreign_key_indexes'

/**
 * Versioned migrations, applied in name order and recorded by Kysely in `kysely_migration`
 * (with a lock, so two provider instances starting at once do not both migrate). A migration is
 * never edited once released; a change is a new numbered file.
 */
interface EngineMigration {
  up(db: Kysely<unknown>, engine: Engine): Promise<void>
}

const migrations: Record<string, EngineMigration> = {
  '001_initial': initial,
  '002_foreign_key_indexes': foreignKeyIndexes,
}

/**
 * `schema` names the PostgreSQL schema that holds Kysely's bookkeeping tables; without it Kysely
 * may find another schema's `kysely_migration` through introspection and skip creating its own.
 */
export async function migrateToLatest(db: Kysely<unknown>, engine: Engine, schema?: string): Promise<void> {
  const provider: MigrationProvider = {
    getMigrations: () =>
      Promise.resolve(
        Object.fromEntries(
          Object.entries(migrations).map(([name, m]): [string, Migration] => [
            name,
            { up: (trx) => m.up(trx, engine) },
          ]),
        ),
      ),
  }
  const { error, results } = await new Migrator({
    db,
    provider,
    ...(engine === 'postgres' && schema ? { migrationTableSchema: schema } : {}),
  }).migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error || failed) {
    throw new Error(`database migration failed${failed ? ` at ${failed.migrationName}` : ''}`, {
      cause: error,
    })
  }
}
