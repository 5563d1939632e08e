import type { FastifyInstance } from 'fastify'
import { translateDatabaseError } from '../../http/database-errors'
import { API_BASE, checkBody, contextFor, writeRow, type RouteDeps } from '../../http/resource-routes'
import { betrokkenen, writeBetrokkene } from './betrokkenen'
import type { Json, ResourceContext } from '../common/context'
import type { ResourceDefinition } from '../common/definition'
import { klantcontacten, writeKlantcontact } from './klantcontacten'
import { onderwerpobjecten, writeOnderwerpobject } from './onderwerpobjecten'

/**
 * `POST /maak-klantcontact` (OAS `maakKlantcontactCreate`, Open Klant 2.4 #147;
 * api/serializers/klantcontacten.py `MaakKlantcontactSerializer`): a klantcontact with optionally
 * one betrokkene and one onderwerpobject, in one transaction. The betrokkene's `hadKlantcontact`
 * and the onderwerpobject's `klantcontact` are the new klantcontact (read-only in the request
 * schemas; a value sent anyway is overwritten, as Open Klant does).
 *
 * The whole body is checked against the OAS `MaakKlantcontact` first, so schema errors carry their
 * part as prefix (`betrokkene.rol`); the checks JSON schema cannot do (references, unique numbers,
 * land codes) run per part in order, named with the same prefix, and any error rolls back all.
 *
 * Open Klant answers `"betrokkene": null` when no betrokkene was sent; the OAS does not allow null
 * there, so a part that was not sent is left out of the answer instead.
 */
const prefixed =
  (part: string) =>
  (field: string): string =>
    `${part}.${field}`

const KLANTCONTACT: ResourceDefinition = {
  ...klantcontacten,
  write: (ctx, body, mode, existing) =>
    writeKlantcontact(ctx, body, mode, existing, prefixed('klantcontact')),
}
const BETROKKENE: ResourceDefinition = {
  ...betrokkenen,
  write: (ctx, body) => writeBetrokkene(ctx, body, prefixed('betrokkene')),
}
const ONDERWERPOBJECT: ResourceDefinition = {
  ...onderwerpobjecten,
  write: (ctx, body) => writeOnderwerpobject(ctx, body, prefixed('onderwerpobject')),
}

export function registerMaakKlantcontact(app: FastifyInstance, deps: RouteDeps): void {
  app.post(`${API_BASE}/maak-klantcontact`, async (request, reply) => {
    const body = checkBody(request.body, 'MaakKlantcontact')
    const ctx = contextFor(deps, request)
    const created = await createAll(deps, ctx, body)
    request.log.info(
      {
        event: 'klantcontact_geregistreerd',
        uuid: (created['klantcontact'] as Json)['uuid'],
        betrokkene: (created['betrokkene'] as Json | undefined)?.['uuid'] ?? null,
        onderwerpobject: (created['onderwerpobject'] as Json | undefined)?.['uuid'] ?? null,
      },
      'created',
    )
    return reply.code(201).send(created)
  })
}

async function createAll(deps: RouteDeps, ctx: ResourceContext, body: Json): Promise<Json> {
  try {
    return await deps.transact(async (trx) => {
      const tctx: ResourceContext = { ...ctx, db: trx }
      const klantcontact = await writeRow(tctx, KLANTCONTACT, body['klantcontact'] as Json, 'create')
      const klantcontactId = Number(klantcontact['id'])
      const own = { uuid: String(klantcontact['uuid']) }

      let betrokkeneId: number | undefined
      if (body['betrokkene'] !== undefined) {
        const part = { ...(body['betrokkene'] as Json), hadKlantcontact: own }
        betrokkeneId = Number((await writeRow(tctx, BETROKKENE, part, 'create'))['id'])
      }
      let onderwerpobjectId: number | undefined
      if (body['onderwerpobject'] !== undefined) {
        const part = { wasKlantcontact: null, ...(body['onderwerpobject'] as Json), klantcontact: own }
        onderwerpobjectId = Number((await writeRow(tctx, ONDERWERPOBJECT, part, 'create'))['id'])
      }

      // Serialised after all writes, so the klantcontact lists its new betrokkene and onderwerpobject.
      const result: Json = { klantcontact: await serialized(tctx, KLANTCONTACT, klantcontactId) }
      if (betrokkeneId !== undefined) {
        result['betrokkene'] = await serialized(tctx, BETROKKENE, betrokkeneId)
      }
      if (onderwerpobjectId !== undefined) {
        result['onderwerpobject'] = await serialized(tctx, ONDERWERPOBJECT, onderwerpobjectId)
      }
      return result
    })
  } catch (error) {
    throw translateDatabaseError(error)
  }
}

/** The row `id` of `definition`'s table, as that resource serialises it. */
async function serialized(ctx: ResourceContext, definition: ResourceDefinition, id: number): Promise<Json> {
  const row = await ctx.db
    .selectFrom(definition.table)
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  const [json] = await definition.serialize(ctx, [row])
  return json!
}
