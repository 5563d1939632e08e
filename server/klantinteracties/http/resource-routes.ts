import { randomUUID } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Db, Row } from '../../lib/db/database'
import type { Engine } from '../../lib/db/dialect'
import type { Transact } from '../db/transactor'
import type { Json, ResourceContext } from '../resources/common/context'
import { ALL_OPERATIONS, type ResourceDefinition, type WriteMode } from '../resources/common/definition'
import { applyExpand, type Registry } from '../resources/common/expand'
import type { NummerPolicy } from '../resources/klantcontacten/nummer'
import { isUuid } from '../../../shared/text/uuid'
import { writeTimestamp } from '../resources/common/values'
import { schemaSet } from '../validation/validator'
import { toInvalidParams } from '../../lib/validation/messages'
import { invalidCharacterParams } from '../../lib/validation/text-characters'
import { paginate, parsePageRequest } from './pagination'
import { notFound, validationError } from '../../lib/http/problem'
import { parseExpand, rejectInvalidCharacters, rejectUnknownParameters, single, type RawQuery } from './query'
import { translateDatabaseError } from './database-errors'

export const API_BASE = '/klantinteracties/api/v1'

export interface RouteDeps {
  db: Db
  engine: Engine
  /** Every write goes through here: a transaction, group-committed on SQLite (db/transactor.ts). */
  transact: Transact
  nummer: NummerPolicy
  registry: Registry
}

/** The absolute API base as the client addressed us (Open Klant builds URLs from the request host). */
export function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}${API_BASE}`
}

export function contextFor(deps: RouteDeps, request: FastifyRequest, db: Db = deps.db): ResourceContext {
  return { db, engine: deps.engine, baseUrl: baseUrlOf(request), nummer: deps.nummer }
}

/** Registers `/x` and `/x/{uuid}` with the operations the definition offers. */
export function registerResource(app: FastifyInstance, deps: RouteDeps, def: ResourceDefinition): void {
  const ops = new Set(def.operations ?? ALL_OPERATIONS)
  const listParams = new Set([
    'page',
    'pageSize',
    ...Object.keys(def.filters),
    ...(def.expand ? ['expand'] : []),
  ])
  const detailParams = new Set(def.expand ? ['expand'] : [])
  const collection = `${API_BASE}/${def.path}`
  const item = `${collection}/:uuid`

  if (ops.has('list')) {
    app.get(collection, async (request) => {
      const query = request.query as RawQuery
      rejectUnknownParameters(query, listParams)
      rejectInvalidCharacters(query)
      const values = single(query)
      const expand = parseExpand(query, def.expand)
      const pageRequest = parsePageRequest(values)
      return onOneConnection(deps, async (db) => {
        const ctx = contextFor(deps, request, db)
        let select = ctx.db.selectFrom(def.table)
        for (const [name, filter] of Object.entries(def.filters)) {
          const value = values[name]
          if (value !== undefined) {
            select = select.where((eb) => filter(eb, value, ctx))
          }
        }
        let page = select.selectAll()
        for (const [column, direction] of def.orderBy) {
          page = page.orderBy(column, direction)
        }
        const offset = (pageRequest.page - 1) * pageRequest.pageSize
        const rows = await page.limit(pageRequest.pageSize).offset(offset).execute()
        // A partly filled, non-empty page is the last one, so it tells the count; only a full or
        // empty page needs count(*) (a lookup such as ?nummer= never does).
        const count =
          rows.length > 0 && rows.length < pageRequest.pageSize
            ? offset + rows.length
            : Number(
                (await select.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow())[
                  'n'
                ],
              )
        const items = await def.serialize(ctx, rows)
        await applyExpand(ctx, deps.registry, def, items, rows, expand)
        return paginate(
          items,
          count,
          pageRequest,
          new URL(`${ctx.baseUrl}/${def.path}${queryString(request)}`),
        )
      })
    })
  }

  if (ops.has('create')) {
    app.post(collection, async (request, reply) => {
      const body = checkBody(request.body, def.schemas.write)
      const ctx = contextFor(deps, request)
      const created = await writeInTransaction(deps, ctx, def, body, 'create')
      return reply.code(201).send(created)
    })
  }

  if (ops.has('retrieve')) {
    app.get(item, async (request) => {
      const query = request.query as RawQuery
      rejectUnknownParameters(query, detailParams)
      const expand = parseExpand(query, def.expand)
      return onOneConnection(deps, async (db) => {
        const ctx = contextFor(deps, request, db)
        const row = await findRow(ctx, def, request)
        const [serialised] = await def.serialize(ctx, [row])
        await applyExpand(ctx, deps.registry, def, [serialised!], [row], expand)
        return serialised
      })
    })
  }

  const updateHandler = (mode: WriteMode) => async (request: FastifyRequest) => {
    const ctx = contextFor(deps, request)
    const existing = await findRow(ctx, def, request)
    const body = checkBody(
      request.body,
      mode === 'partial' ? def.schemas.patch : def.schemas.write,
      mode === 'partial',
    )
    return writeInTransaction(deps, ctx, def, body, mode, existing)
  }
  if (ops.has('update')) {
    app.put(item, updateHandler('update'))
  }
  if (ops.has('partial_update')) {
    app.patch(item, updateHandler('partial'))
  }

  if (ops.has('destroy')) {
    app.delete(item, async (request, reply: FastifyReply) => {
      const ctx = contextFor(deps, request)
      const row = await findRow(ctx, def, request)
      await deps.transact(async (trx) => {
        const tctx = { ...ctx, db: trx }
        await def.beforeDelete?.(tctx, row)
        await trx
          .deleteFrom(def.table)
          .where('id', '=', row['id'] as number)
          .execute()
      })
      request.log.info({ event: `${def.table}_deleted`, uuid: row['uuid'] }, 'deleted')
      return reply.code(204).send()
    })
  }
}

/**
 * Validates a request body against an OAS component. With `partial` (PATCH) a missing top-level
 * field is fine, as DRF's `partial=True`: the polymorphic Patched* schemas of the OAS point at the
 * full subtype serializers, whose `required` lists would otherwise apply to a PATCH too.
 */
export function checkBody(body: unknown, component: string, partial = false): Json {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw validationError([
      {
        name: 'nonFieldErrors',
        code: 'invalid',
        reason: 'Ongeldige data. Verwachtte een dictionary, maar kreeg een list.',
      },
    ])
  }
  const validate = schemaSet('request').validator(component)
  const errors = validate(body)
    ? []
    : (validate.errors ?? []).filter((e) => !(partial && e.keyword === 'required' && e.instancePath === ''))
  // Every string of every resource, whatever its schema says (validation/text-characters.ts).
  const params = [...toInvalidParams(errors), ...invalidCharacterParams(body)]
  if (params.length > 0) {
    throw validationError(params)
  }
  return body as Json
}

async function findRow(ctx: ResourceContext, def: ResourceDefinition, request: FastifyRequest): Promise<Row> {
  const { uuid } = request.params as { uuid: string }
  if (!isUuid(uuid)) {
    throw notFound()
  }
  const row = await ctx.db
    .selectFrom(def.table)
    .selectAll()
    .where('uuid', '=', uuid.toLowerCase())
    .executeTakeFirst()
  if (!row) {
    throw notFound()
  }
  return row
}

/** One transaction per write: validate references, write the row and its links, read it back. */
export async function writeInTransaction(
  deps: RouteDeps,
  ctx: ResourceContext,
  def: ResourceDefinition,
  body: Json,
  mode: WriteMode,
  existing?: Row,
): Promise<Json> {
  try {
    return await deps.transact(async (trx) => {
      const tctx: ResourceContext = { ...ctx, db: trx }
      const row = await writeRow(tctx, def, body, mode, existing)
      const [serialised] = await def.serialize(tctx, [row], { justCreated: mode === 'create' })
      return serialised!
    })
  } catch (error) {
    throw translateDatabaseError(error)
  }
}

/** Writes one row inside the caller's transaction and returns it as stored. */
export async function writeRow(
  ctx: ResourceContext,
  def: ResourceDefinition,
  body: Json,
  mode: WriteMode,
  existing?: Row,
): Promise<Row> {
  const { columns, afterWrite } = await def.write(ctx, body, mode, existing)
  const now = writeTimestamp(new Date())
  const written = existing
    ? await ctx.db
        .updateTable(def.table)
        .set({ ...columns, updated_at: now })
        .where('id', '=', Number(existing['id']))
        .returningAll()
        .executeTakeFirstOrThrow()
    : await ctx.db
        .insertInto(def.table)
        .values({ ...columns, uuid: randomUUID(), created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow()
  if (!afterWrite) {
    return written
  }
  // Link tables and nested records may change what the row serialises to; read it back after them.
  await afterWrite(Number(written['id']))
  return ctx.db
    .selectFrom(def.table)
    .selectAll()
    .where('id', '=', Number(written['id']))
    .executeTakeFirstOrThrow()
}

/**
 * Runs a read on one pooled connection. Without it, the batch of relation queries a page needs
 * fans out over several PostgreSQL backends at once, which on a small machine costs more than it
 * gains (measured by bench:provider). On SQLite there is one connection anyway.
 */
function onOneConnection<T>(deps: RouteDeps, work: (db: Db) => Promise<T>): Promise<T> {
  return deps.engine === 'postgres' ? deps.db.connection().execute(work) : work(deps.db)
}

function queryString(request: FastifyRequest): string {
  const i = request.url.indexOf('?')
  return i >= 0 ? request.url.slice(i) : ''
}
