import type { Row } from '../../../lib/db/database'
import type { ResourceContext } from './context'
import type { Relation } from './definition'
import { distinctIds } from './references'

/** Children pointing at each row through `fkColumn` (e.g. betrokkenen of a klantcontact). */
export function children(target: string, table: string, fkColumn: string): Relation {
  return {
    target,
    many: true,
    async load(ctx: ResourceContext, rows: Row[]): Promise<Row[][]> {
      const ids = rows.map((r) => Number(r['id']))
      const found = ids.length
        ? await ctx.db.selectFrom(table).selectAll().where(fkColumn, 'in', ids).orderBy('id').execute()
        : []
      return ids.map((id) => found.filter((c) => Number(c[fkColumn]) === id))
    },
  }
}

/** The row each row points at through its own `fkColumn` (e.g. the partij of a betrokkene). */
export function parent(target: string, table: string, fkColumn: string): Relation {
  return {
    target,
    many: false,
    async load(ctx: ResourceContext, rows: Row[]): Promise<Array<Row | null>> {
      const ids = distinctIds(rows.map((r) => r[fkColumn]))
      const found = ids.length
        ? await ctx.db.selectFrom(table).selectAll().where('id', 'in', ids).execute()
        : []
      const byId = new Map(found.map((r) => [Number(r['id']), r]))
      return rows.map((r) =>
        r[fkColumn] === null || r[fkColumn] === undefined ? null : (byId.get(Number(r[fkColumn])) ?? null),
      )
    },
  }
}
