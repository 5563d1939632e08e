import type { Row } from '../../../lib/db/database'
import type { InvalidParam } from '../../../lib/http/problem'
import type { Json, ResourceContext } from './context'

/**
 * `nummer` and `referentienummer` (klantcontact, interne taak; a partij has only the deprecated
 * `nummer`): integer strings (Django validate_integer, `^-?\d+\Z`), unique within their table, as
 * Open Klant's models declare them. An empty string is stored as no number.
 */
export interface NumberFields {
  /** The table whose rows the numbers must be unique among. */
  table: string
  /** The resource as the uniqueness message names it ("Er bestaat al een <label> met eenzelfde nummer."). */
  label: string
  fields: ReadonlyArray<'nummer' | 'referentienummer'>
}

const INTEGER = /^-?\d+$/

/**
 * The errors of the number fields that `body` sends: not an integer string, or taken by another row
 * than `existing`. `name` turns a field into the name an error reports.
 */
export async function numberFieldErrors(
  ctx: ResourceContext,
  { table, label, fields }: NumberFields,
  body: Json,
  existing?: Row,
  name: (field: string) => string = (f) => f,
): Promise<InvalidParam[]> {
  const errors: InvalidParam[] = []
  for (const field of fields) {
    const value = body[field]
    if (typeof value !== 'string' || value === '') {
      continue
    }
    if (!INTEGER.test(value)) {
      errors.push({ name: name(field), code: 'invalid', reason: 'Voer een geheel getal in.' })
      continue
    }
    let taken = ctx.db.selectFrom(table).select('id').where(field, '=', value)
    if (existing) {
      taken = taken.where('id', '!=', Number(existing['id']))
    }
    if (await taken.executeTakeFirst()) {
      errors.push({
        name: name(field),
        code: 'unique',
        reason: `Er bestaat al een ${label} met eenzelfde ${field}.`,
      })
    }
  }
  return errors
}

/** The columns of the number fields that `body` sends; an empty string (or null) stores none. */
export function numberColumns(body: Json, { fields }: NumberFields): Row {
  const columns: Row = {}
  for (const field of fields) {
    if (field in body) {
      columns[field] = body[field] === '' ? null : (body[field] ?? null)
    }
  }
  return columns
}
