import { sql, type SqlBool } from 'kysely'
import { LONGEST_TEXT } from '../../../../shared/api/klantinteracties-limits'
import { isUuid } from '../../../../shared/text/uuid'
import { codePoints } from '../../../../shared/text/code-points'
import type { Filter } from './definition'
import { IDENTIFICATOR_MEMBERS, columnName, readBool } from './values'
import { fieldError } from '../../../lib/http/problem'
import { uuidFromUrl } from './references'

/**
 * Building blocks for the OAS filters. Column names are qualified with the resource's table by the
 * caller (the router selects from one table, so bare names are unambiguous).
 */
export const exact =
  (column: string): Filter =>
  (eb, value) =>
    eb(column, '=', value)

/**
 * Case-insensitive substring, as Django's `icontains`. A value longer than any stored text cannot
 * be a substring of one, so it matches nothing without asking: SQLite refuses a LIKE pattern over
 * 50,000 bytes (SQLITE_MAX_LIKE_PATTERN_LENGTH), which made such a filter a server error on
 * SQLite only, where PostgreSQL answers an empty page.
 */
export const icontains =
  (column: string): Filter =>
  (_eb, value) => {
    if (codePoints(value) > LONGEST_TEXT) {
      return sql<SqlBool>`1 = 0`
    }
    const pattern = `%${escapeLike(value.toLowerCase())}%`
    // SQLite has no default LIKE escape character, so name it for both engines.
    return sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`
  }

export const boolean =
  (column: string): Filter =>
  (eb, value, ctx) => {
    const b = parseBoolean(column, value)
    return eb(column, '=', ctx.engine === 'sqlite' ? (b ? 1 : 0) : b)
  }

/** `<fk>__uuid` on a direct foreign key. */
export const fkUuid =
  (fkColumn: string, target: string): Filter =>
  (eb, value) =>
    eb(fkColumn, 'in', eb.selectFrom(target).select('id').where('uuid', '=', matchUuid(value)))

export const fkUrl =
  (fkColumn: string, target: string): Filter =>
  (eb, value) =>
    eb(fkColumn, 'in', eb.selectFrom(target).select('id').where('uuid', '=', matchUrl(value)))

/**
 * A condition on a related table: `exists (select 1 from <table> as <alias> where <alias>.<fk> =
 * <outer>.id and <inner>)`; `inner` names the related table's columns by `alias`.
 */
export const childWhere =
  (outerTable: string, table: string, fkColumn: string, inner: Filter, alias = 'child'): Filter =>
  (eb, value, ctx) =>
    eb.exists(
      eb
        .selectFrom(`${table} as ${alias}`)
        .select(sql`1`.as('one'))
        .whereRef(`${alias}.${fkColumn}`, '=', `${outerTable}.id`)
        .where((ib) => inner(ib as never, value, ctx)),
    )

/**
 * One filter per member of an identificator gegevensgroep (objectId, codeObjecttype, codeRegister,
 * codeSoortObjectId), as `filter(<column suffix>)`: `object_id`, `code_objecttype`, and so on. The
 * parameter is named as the OAS names it: after a `__` lookup the member as is
 * (`wasPartij__partijIdentificator__objectId`), else joined in camel case
 * (`bijlageidentificatorObjectId`).
 */
export function identificatorFilters(
  prefix: string,
  filter: (column: string) => Filter,
): Record<string, Filter> {
  return Object.fromEntries(
    IDENTIFICATOR_MEMBERS.map(({ name }) => [
      prefix.endsWith('__') ? `${prefix}${name}` : `${prefix}${name[0]!.toUpperCase()}${name.slice(1)}`,
      filter(columnName(name)),
    ]),
  )
}

export function parseBoolean(name: string, value: string): boolean {
  if (value === 'true' || value === 'True' || value === '1') {
    return true
  }
  if (value === 'false' || value === 'False' || value === '0') {
    return false
  }
  throw fieldError(name, 'invalid', 'Voer een geldige waarde in.')
}

export { readBool }

/**
 * A uuid filter value as stored (lower case). A malformed uuid matches nothing (Django would 400 on
 * a UUIDField filter; an impossible value is safer than a crash).
 */
export function matchUuid(value: string): string {
  return isUuid(value) ? value.toLowerCase() : '00000000-0000-0000-0000-000000000000'
}

/** The uuid of a `__url` filter value (its last path segment), as `matchUuid`. */
export function matchUrl(value: string): string {
  return matchUuid(uuidFromUrl(value))
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`)
}
