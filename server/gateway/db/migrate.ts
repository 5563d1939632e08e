import type { Kysely } from 'kysely'
import type { Engine } from '../../lib/db/dialect'
import { runMigrations, type EngineMigration } from '../../lib/db/migrator'
import * as initial from './migrations/001_initial'
import * as monitorSession from './migrations/002_monitor_session'
import * as auditObjects from './migrations/003_audit_objects'
import * as queue from './migrations/004_queue'
import * as dayCounters from './migrations/005_day_counters'
import * as afhandeling from './migrations/006_afhandeling'
import * as medewerker from './migrations/007_medewerker'
import * as singleSignOn from './migrations/008_single_sign_on'

/**
 * The gateway's migrations, recorded in bookkeeping tables of their own so the gateway can share a
 * PostgreSQL schema with the embedded provider (see lib/db/migrator.ts).
 */
const migrations: Record<string, EngineMigration<Engine>> = {
  '001_initial': initial,
  '002_monitor_session': monitorSession,
  '003_audit_objects': auditObjects,
  '004_queue': queue,
  '005_day_counters': dayCounters,
  '006_afhandeling': afhandeling,
  '007_medewerker': medewerker,
  '008_single_sign_on': singleSignOn,
}

export function migrateGateway(db: Kysely<unknown>, engine: Engine, schema?: string): Promise<void> {
  return runMigrations(
    db,
    engine,
    {
      component: 'gateway',
      migrations,
      tableName: 'gateway_migration',
      lockTableName: 'gateway_migration_lock',
    },
    schema,
  )
}
