import { sql } from 'kysely'
import type { Db } from '../../server/lib/db/database'
import type { Engine } from '../../server/lib/db/dialect'

/**
 * Bulk inserts for register-seed.ts through the provider's Kysely instance: rows `first` … `last`
 * of one table, each made by `row(i)`, in transactions of 50,000 rows. On SQLite multi-row inserts
 * (as many rows per statement as its parameter limit allows), on PostgreSQL one `unnest` insert per
 * transaction.
 */
export type Values = Record<string, string | number | boolean | null>

/** SQLite allows 32,766 bound parameters per statement. */
const SQLITE_PARAMETER_LIMIT = 32_000
const ROWS_PER_TRANSACTION = 50_000

export async function insertAll(
  db: Db,
  engine: Engine,
  table: string,
  first: number,
  last: number,
  row: (i: number) => Values,
): Promise<void> {
  if (last < first) {
    return
  }
  const columns = Object.keys(row(first))
  const types = engine === 'postgres' ? await columnTypes(db, table) : new Map<string, string>()
  for (let from = first; from <= last; from += ROWS_PER_TRANSACTION) {
    const to = Math.min(last, from + ROWS_PER_TRANSACTION - 1)
    await db.transaction().execute(async (trx) => {
      if (engine === 'postgres') {
        await trx.executeQuery(unnestInsert(table, columns, types, from, to, row).compile(trx))
        return
      }
      const perStatement = Math.floor(SQLITE_PARAMETER_LIMIT / columns.length)
      for (let start = from; start <= to; start += perStatement) {
        const values: Values[] = []
        for (let i = start; i <= Math.min(to, start + perStatement - 1); i++) {
          values.push(row(i))
        }
        await trx.insertInto(table).values(values).execute()
      }
    })
  }
}

/**
 * PostgreSQL: one statement per transaction, `insert … select from unnest(<one text[] per
 * column>)`, each column cast back to its type. A multi-row VALUES list binds one parameter per
 * value, and the server's parse and bind of 65,000 parameters costs more than the insert itself.
 * The identity id is given explicitly (`overriding system value`), as on SQLite.
 */
function unnestInsert(
  table: string,
  columns: readonly string[],
  types: ReadonlyMap<string, string>,
  from: number,
  to: number,
  row: (i: number) => Values,
) {
  const arrays = columns.map((): Array<string | null> => [])
  for (let i = from; i <= to; i++) {
    const values = row(i)
    columns.forEach((column, c) => {
      const value = values[column]
      arrays[c]!.push(value === null || value === undefined ? null : String(value))
    })
  }
  const typeOf = (column: string): string => {
    const type = types.get(column)
    if (type === undefined) {
      throw new Error(`seed: ${table}.${column} is not a column of the migrated schema`)
    }
    return type
  }
  return sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
    ${columns.includes('id') ? sql`overriding system value` : sql``}
    select ${sql.join(columns.map((c) => sql`${sql.ref(`u.${c}`)}::${sql.raw(typeOf(c))}`))}
    from unnest(${sql.join(arrays.map((a) => sql`${a}::text[]`))}) as u(${sql.join(columns.map((c) => sql.ref(c)))})`
}

/** The migrated column types, to cast the text arrays back (`timestamp with time zone`, `uuid`…). */
async function columnTypes(db: Db, table: string): Promise<Map<string, string>> {
  const { rows } = await sql<{ column_name: string; data_type: string }>`
    select column_name, data_type from information_schema.columns
    where table_schema = current_schema() and table_name = ${table}`.execute(db)
  return new Map(rows.map((r) => [r.column_name, r.data_type]))
}
