import { sql, type SqlBool } from 'kysely'
import { fieldError } from '../../../lib/http/problem'
import type { Filter } from './definition'
import { parseBoolean } from './filters'

/**
 * Filters whose value django-filter checks before querying, so a bad value is a 400 on the
 * parameter instead of an empty list: ChoiceFilter (model choices), DateFilter and the date
 * lookups. Open Klant declares these in api/filterset/*.py (or via `Meta.fields` on a field with
 * choices, which django-filter turns into a ChoiceFilter).
 */

/** ChoiceFilter: the value must be one of the choices (Django's `invalid_choice` message). */
export const choice =
  (column: string, name: string, allowed: readonly string[]): Filter =>
  (eb, value) => {
    if (!allowed.includes(value)) {
      throw fieldError(
        name,
        'invalid_choice',
        `Selecteer een geldige keuze. ${value} is geen beschikbare keuze.`,
      )
    }
    return eb(column, '=', value)
  }

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** A calendar date `YYYY-MM-DD` as Django's DateField parses it, or null. */
export function parseDate(value: string): string | null {
  const match = DATE.exec(value)
  if (!match) {
    return null
  }
  const [, y, m, d] = match.map(Number) as [number, number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? value : null
}

/**
 * DateFilter with a lookup (`exact`, `gt`, `gte`, `lt`, `lte`). Dates are stored as ISO strings
 * (SQLite) or `date` (PostgreSQL), so comparing with an ISO string orders correctly on both.
 */
export const dateFilter =
  (column: string, name: string, op: '=' | '>' | '>=' | '<' | '<='): Filter =>
  (eb, value) => {
    const date = parseDate(value)
    if (date === null) {
      throw fieldError(name, 'invalid', 'Voer een geldige datum in.')
    }
    return eb(column, op, date)
  }

/** A boolean that asks whether `column` has a value (e.g. `isGeverifieerd` on verificatieDatum). */
export const isSet =
  (column: string, name: string): Filter =>
  (eb, value) =>
    parseBoolean(name, value) ? eb(column, 'is not', null) : eb(column, 'is', null)

/** Matches nothing; for a filter value that cannot identify any row (a malformed uuid). */
export const NOTHING = sql<SqlBool>`1 = 0`

/** BooleanFilter; a bad value is reported on the parameter's own name. */
export const booleanFilter =
  (column: string, name: string): Filter =>
  (eb, value, ctx) => {
    const b = parseBoolean(name, value)
    return eb(column, '=', ctx.engine === 'sqlite' ? (b ? 1 : 0) : b)
  }
