import { sql } from 'kysely'
import { isUuid } from '../../../../shared/text/uuid'
import type { Row } from '../../../lib/db/database'
import type { InvalidParam } from '../../../lib/http/problem'
import type { Json, ResourceContext } from './context'

/** `{uuid, url}` as every relation is serialised (OAS `*ForeignKey`). */
export interface Ref {
  uuid: string
  url: string
}

export function ref(ctx: ResourceContext, path: string, uuid: unknown): Ref {
  return { uuid: String(uuid), url: `${ctx.baseUrl}/${path}/${String(uuid)}` }
}

export function nullableRef(ctx: ResourceContext, path: string, uuid: unknown): Ref | null {
  return uuid === null || uuid === undefined ? null : ref(ctx, path, uuid)
}

/**
 * Resolves `{uuid}` references in a request to row ids. Like Open Klant's `*_exists` validators,
 * an unknown uuid is a field error on `<field>.uuid` ("Klantcontact object bestaat niet.").
 * Errors are collected so one response lists every bad reference.
 */
export class ReferenceResolver {
  readonly errors: InvalidParam[] = []

  /** `name` turns a field into the name its error reports (`betrokkene.wasPartij` in maak-klantcontact). */
  constructor(
    private readonly ctx: ResourceContext,
    private readonly name: (field: string) => string = (field) => field,
  ) {}

  /** Returns the row id, `null` for an explicit null, or `undefined` when absent or invalid. */
  async resolve(
    body: Json,
    field: string,
    table: string,
    label: string,
    name: string = this.name(field),
  ): Promise<number | null | undefined> {
    if (!(field in body)) {
      return undefined
    }
    const value = body[field]
    if (value === null) {
      return null
    }
    return this.resolveValue(value, table, label, name)
  }

  async resolveValue(
    value: unknown,
    table: string,
    label: string,
    name: string,
  ): Promise<number | undefined> {
    const uuid = (value as { uuid?: unknown } | undefined)?.uuid
    const row = typeof uuid === 'string' ? await findIdByUuid(this.ctx, table, uuid) : undefined
    if (!row) {
      this.errors.push({
        name: `${name}.uuid`,
        code: 'does_not_exist',
        reason: `${label} object bestaat niet.`,
      })
      return undefined
    }
    return Number(row['id'])
  }
}

export async function findIdByUuid(
  ctx: ResourceContext,
  table: string,
  uuid: string,
): Promise<Row | undefined> {
  if (!isUuid(uuid)) {
    return undefined
  }
  return ctx.db.selectFrom(table).select('id').where('uuid', '=', uuid).executeTakeFirst()
}

/** Filters ending in `__url` take a URL and use its last path segment as uuid (Open Klant URLViewFilter). */
export function uuidFromUrl(value: string): string {
  const segments = value.replace(/\/+$/, '').split('/')
  return segments[segments.length - 1] ?? ''
}

/** The distinct ids among `values`, leaving out `null` and `undefined` (for an `in` list). */
export function distinctIds(values: unknown[]): number[] {
  return [...new Set(values.filter((id) => id !== null && id !== undefined).map(Number))]
}

/** Loads `uuid` of rows referenced by id, for serialising a batch. */
export async function uuidsById(
  ctx: ResourceContext,
  table: string,
  ids: unknown[],
): Promise<Map<number, string>> {
  const wanted = distinctIds(ids)
  const map = new Map<number, string>()
  if (wanted.length === 0) {
    return map
  }
  const rows = await ctx.db.selectFrom(table).select(['id', 'uuid']).where('id', 'in', wanted).execute()
  for (const r of rows) {
    map.set(Number(r['id']), String(r['uuid']))
  }
  return map
}

/** `uuidsById` for the `table` rows that a batch of `rows` references through `columns`. */
export function referencedUuids(
  ctx: ResourceContext,
  table: string,
  rows: Row[],
  ...columns: string[]
): Promise<Map<number, string>> {
  return uuidsById(
    ctx,
    table,
    rows.flatMap((r) => columns.map((column) => r[column])),
  )
}

/**
 * The reference a nullable foreign key `id` makes, by a `uuidsById` map: `null` when the key is
 * null (or names no loaded row).
 */
export function fkRef(
  ctx: ResourceContext,
  path: string,
  uuids: Map<number, string>,
  id: unknown,
): Ref | null {
  return nullableRef(ctx, path, id === null || id === undefined ? null : uuids.get(Number(id)))
}

/** Groups `value(row)` by the parent id `key(row)`, keeping the order of `rows`. */
export function groupByParent<R, T>(
  rows: R[],
  key: (row: R) => unknown,
  value: (row: R, index: number) => T,
): Map<number, T[]> {
  const map = new Map<number, T[]>()
  rows.forEach((row, index) => {
    const parent = Number(key(row))
    const list = map.get(parent) ?? []
    list.push(value(row, index))
    map.set(parent, list)
  })
  return map
}

/** Groups the uuids of child rows by their foreign key, for reverse lists such as `hadBetrokkenen`. */
export async function childUuids(
  ctx: ResourceContext,
  table: string,
  fkColumn: string,
  parentIds: number[],
): Promise<Map<number, string[]>> {
  if (parentIds.length === 0) {
    return new Map()
  }
  const rows = await ctx.db
    .selectFrom(table)
    .select(['uuid', fkColumn])
    .where(fkColumn, 'in', parentIds)
    .orderBy('id')
    .execute()
  return groupByParent(
    rows,
    (r) => r[fkColumn],
    (r) => String(r['uuid']),
  )
}

/**
 * Several reverse lists of one parent table in a single round trip (`union all`), e.g. the
 * betrokkenen, onderwerpobjecten, bijlagen and interne taken of a page of klantcontacten. On
 * PostgreSQL each round trip wakes a backend; one query instead of four keeps the tail latency of
 * a lookup low (bench:provider). Returns one map per requested table, in the order given.
 */
export async function childUuidsOfTables(
  ctx: ResourceContext,
  children: ReadonlyArray<readonly [table: string, fkColumn: string]>,
  parentIds: number[],
): Promise<Array<Map<number, string[]>>> {
  if (parentIds.length === 0 || children.length === 0) {
    return children.map(() => new Map())
  }
  const part = ([table, fkColumn]: readonly [string, string], kind: number) =>
    ctx.db
      .selectFrom(table)
      .select([sql<number>`${sql.lit(kind)}`.as('kind'), `${fkColumn} as parent_id`, 'uuid', 'id'])
      .where(fkColumn, 'in', parentIds)
  let query = part(children[0]!, 0)
  children.slice(1).forEach((child, i) => {
    query = query.unionAll(part(child, i + 1))
  })
  const rows = await query.orderBy('kind').orderBy('id').execute()
  return children.map((_, kind) =>
    groupByParent(
      rows.filter((r) => Number(r['kind']) === kind),
      (r) => r['parent_id'],
      (r) => String(r['uuid']),
    ),
  )
}

/** A reverse list as references: the `path` resources whose uuids `children` holds for `parentId`. */
export function childRefs(
  ctx: ResourceContext,
  path: string,
  children: Map<number, string[]>,
  parentId: number,
): Ref[] {
  return (children.get(parentId) ?? []).map((uuid) => ref(ctx, path, uuid))
}
