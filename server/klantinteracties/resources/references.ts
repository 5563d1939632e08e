import type { Row } from '../db/database'
import type { InvalidParam } from '../http/problem'
import type { Json, ResourceContext } from './context'

/** `{uuid, url}` as every relation is serialised (OAS `*ForeignKey`). */
export function ref(ctx: ResourceContext, path: string, uuid: unknown): { uuid: string; url: string } {
  return { uuid: String(uuid), url: `${ctx.baseUrl}/${path}/${String(uuid)}` }
}

export function nullableRef(
  ctx: ResourceContext,
  path: string,
  uuid: unknown,
): { uuid: string; url: string } | null {
  return uuid === null || uuid === undefined ? null : ref(ctx, path, uuid)
}

/**
 * Resolves `{uuid}` references in a request to row ids. Like Open Klant's `*_exists` validators,
 * an unknown uuid is a field error on `<field>.uuid` ("Klantcontact object bestaat niet.").
 * Errors are collected so one response lists every bad reference.
 */
export class ReferenceResolver {
  readonly errors: InvalidParam[] = []

  constructor(private readonly ctx: ResourceContext) {}

  /** Returns the row id, `null` for an explicit null, or `undefined` when absent or invalid. */
  async resolve(
    body: Json,
    field: string,
    table: string,
    label: string,
    name: string = field,
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(value: string): boolean {
  return UUID.test(value)
}

/** Filters ending in `__url` take a URL and use its last path segment as uuid (Open Klant URLViewFilter). */
export function uuidFromUrl(value: string): string {
  const segments = value.replace(/\/+$/, '').split('/')
  return segments[segments.length - 1] ?? ''
}

/** Loads `uuid` of rows referenced by id, for serialising a batch. */
export async function uuidsById(
  ctx: ResourceContext,
  table: string,
  ids: unknown[],
): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id) => id !== null && id !== undefined).map(Number))]
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

/** Groups the uuids of child rows by their foreign key, for reverse lists such as `hadBetrokkenen`. */
export async function childUuids(
  ctx: ResourceContext,
  table: string,
  fkColumn: string,
  parentIds: number[],
): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>()
  if (parentIds.length === 0) {
    return map
  }
  const rows = await ctx.db
    .selectFrom(table)
    .select(['uuid', fkColumn])
    .where(fkColumn, 'in', parentIds)
    .orderBy('id')
    .execute()
  for (const r of rows) {
    const key = Number(r[fkColumn])
    const list = map.get(key) ?? []
    list.push(String(r['uuid']))
    map.set(key, list)
  }
  return map
}
