import { ProblemError, validationError } from '../../lib/http/problem'

/**
 * A unique constraint that a concurrent request won between our check and our insert still ends as
 * the field error Open Klant gives, not as a 500. Both drivers report the violated constraint:
 * PostgreSQL as code 23505 with the constraint name, SQLite as SQLITE_CONSTRAINT_UNIQUE with
 * "table.column" in the message.
 */
const UNIQUE_MESSAGES: Record<string, { name: string; reason: string }> = {
  'klantcontact.nummer': { name: 'nummer', reason: 'Er bestaat al een klantcontact met eenzelfde nummer.' },
  'klantcontact.referentienummer': {
    name: 'referentienummer',
    reason: 'Er bestaat al een klantcontact met eenzelfde referentienummer.',
  },
  'interne_taak.nummer': { name: 'nummer', reason: 'Er bestaat al een interne taak met eenzelfde nummer.' },
  'interne_taak.referentienummer': {
    name: 'referentienummer',
    reason: 'Er bestaat al een interne taak met eenzelfde referentienummer.',
  },
  'partij.nummer': { name: 'nummer', reason: 'Er bestaat al een partij met eenzelfde nummer.' },
  'actorklantcontact.actor_id': {
    name: 'nonFieldErrors',
    reason: 'De velden actor, klantcontact moeten een unieke set zijn.',
  },
}

export function translateDatabaseError(error: unknown): unknown {
  if (error instanceof ProblemError || typeof error !== 'object' || error === null) {
    return error
  }
  const e = error as { code?: string; constraint?: string; message?: string }
  let key: string | undefined
  if (e.code === '23505' && e.constraint) {
    key = pgConstraintKey(e.constraint)
  } else if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' && e.message) {
    key = /UNIQUE constraint failed: ([a-z_]+\.[a-z_]+)/.exec(e.message)?.[1]
  }
  const known = key ? UNIQUE_MESSAGES[key] : undefined
  return known ? validationError([{ name: known.name, code: 'unique', reason: known.reason }]) : error
}

function pgConstraintKey(constraint: string): string | undefined {
  if (constraint === 'actorklantcontact_unique') {
    return 'actorklantcontact.actor_id'
  }
  // PostgreSQL names an inline unique constraint <table>_<column>_key.
  const match = /^(klantcontact|interne_taak|partij)_(nummer|referentienummer)_key$/.exec(constraint)
  return match ? `${match[1]}.${match[2]}` : undefined
}
