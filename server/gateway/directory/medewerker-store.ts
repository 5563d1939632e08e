import type { Role } from '../config/types'
import type { GatewayDb, MedewerkerTable } from '../db/tables'
import type { Clock } from '../lib/clock'
import type { Medewerker } from './roster'
import { emailKey } from './roster-index'

/**
 * The provisioned medewerkers in the gateway's database (migration 007), on both engines. Only what
 * the gateway needs to route calls and list colleagues: login, name, e-mail (the register's actor
 * identificator), role, afdeling, extension.
 */
export class MedewerkerStore {
  constructor(
    private readonly db: GatewayDb,
    private readonly clock: Clock,
  ) {}

  async all(): Promise<Medewerker[]> {
    const rows = await this.db.selectFrom('medewerker').selectAll().orderBy('login').execute()
    return rows.map(medewerkerOfRow)
  }

  /**
   * Adds the medewerker, or updates the one with this login. Throws `UniqueViolation` when another
   * login has the extension or e-mail address (a concurrent provisioning on another instance).
   */
  async save(medewerker: Medewerker): Promise<void> {
    const now = this.clock()
    const values = {
      display_name: medewerker.displayName,
      email: medewerker.email,
      email_key: emailKey(medewerker.email),
      role: medewerker.role,
      afdeling: medewerker.afdeling,
      sip_extension: medewerker.sipExtension,
      supervises: medewerker.supervises ? JSON.stringify(medewerker.supervises) : null,
      updated_at: now,
    }
    try {
      await this.db
        .insertInto('medewerker')
        .values({ login: medewerker.login, provisioned_at: now, ...values })
        .onConflict((oc) => oc.column('login').doUpdateSet(values))
        .execute()
    } catch (error) {
      throw isUniqueViolation(error) ? new UniqueViolation() : error
    }
  }
}

/** The database refused a row because another one has its extension or e-mail address. */
export class UniqueViolation extends Error {
  constructor() {
    super('unique constraint of medewerker violated')
  }
}

/** PostgreSQL reports SQLSTATE 23505; better-sqlite3 SQLITE_CONSTRAINT_UNIQUE (or _PRIMARYKEY). */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
}

function medewerkerOfRow(row: MedewerkerTable): Medewerker {
  const supervises = row.supervises === null ? undefined : (JSON.parse(row.supervises) as string[])
  return {
    login: row.login,
    displayName: row.display_name,
    email: row.email,
    role: row.role as Role,
    afdeling: row.afdeling,
    sipExtension: row.sip_extension,
    ...(supervises ? { supervises } : {}),
  }
}
