import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely'

/**
 * Runs one component's versioned migrations (the provider's, the gateway's), applied in name order
 * and recorded by Kysely in that component's own bookkeeping table, under a lock so two instances
 * starting at once do not both migrate. A migration is never edited once released; a change is a
 * new numbered file.
 *
 * Each component names its own bookkeeping tables: Kysely refuses to run when its table lists a
 * migration it was not given, so two components sharing one PostgreSQL schema (the embedded
 * provider and the gateway may) must never share `kysely_migration`.
 */
export interface EngineMigration<E extends string> {
  up(db: Kysely<unknown>, engine: E): Promise<void>
}

export interface MigrationSet<E extends string> {
  /** For error messages: whose migrations these are. */
  component: string
  migrations: Record<string, EngineMigration<E>>
  /** Kysely's defaults (`kysely_migration`, `kysely_migration_lock`) when left out. */
  tableName?: string
  lockTableName?: string
}

/**
 * `schema` names the PostgreSQL schema that holds the bookkeeping tables; without it Kysely may find
 * another schema's table through introspection and skip creating its own.
 */
export async function runMigrations<E extends string>(
  db: Kysely<unknown>,
  engine: E,
  set: MigrationSet<E>,
  schema?: string,
): Promise<void> {
  const provider: MigrationProvider = {
    getMigrations: () =>
      Promise.resolve(
        Object.fromEntries(
          Object.entries(set.migrations).map(([name, m]): [string, Migration] => [
            name,
            { up: (trx) => m.up(trx, engine) },
          ]),
        ),
      ),
  }
  const { error, results } = await new Migrator({
    db,
    provider,
    ...(set.tableName ? { migrationTableName: set.tableName } : {}),
    ...(set.lockTableName ? { migrationLockTableName: set.lockTableName } : {}),
    ...(engine === 'postgres' && schema ? { migrationTableSchema: schema } : {}),
  }).migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error || failed) {
    throw new Error(
      `${set.component} database migration failed${failed ? ` at ${failed.migrationName}` : ''}`,
      { cause: error },
    )
  }
}
