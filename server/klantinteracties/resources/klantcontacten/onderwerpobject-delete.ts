import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import type { Row } from '../../../lib/db/database'
import { notFound } from '../../../lib/http/problem'
import { rejectUnknownParameters, single, type RawQuery } from '../../http/query'
import { API_BASE, contextFor, type RouteDeps } from '../../http/resource-routes'
import type { ResourceContext } from '../common/context'
import { isUuid } from '../../../../shared/text/uuid'
import { ref } from '../common/references'
import { readBool } from '../common/values'

/**
 * `DELETE /onderwerpobjecten/{uuid}[?cascade=true]` (OAS `onderwerpobjectenDestroy`, Open Klant 2.15
 * #549; api/viewsets/klantcontacten.py `OnderwerpobjectViewSet.destroy`).
 *
 * Without cascade: 204, the klantcontacten stay. With `cascade=true`: each klantcontact the
 * onderwerpobject points at (as `klantcontact` or `wasKlantcontact`) is deleted too, unless another
 * onderwerpobject still points at it; such a klantcontact is kept and its URL listed in
 * `behouden` (200). Before deleting a klantcontact, Open Klant deletes the digitale adressen its
 * betrokkenen supplied that belong to no partij (the foreign key alone would keep them, orphaned).
 */
const ALLOWED_PARAMETERS: ReadonlySet<string> = new Set(['cascade'])

export function registerOnderwerpobjectDelete(app: FastifyInstance, deps: RouteDeps): void {
  app.delete(`${API_BASE}/onderwerpobjecten/:uuid`, async (request, reply) => {
    const query = request.query as RawQuery
    rejectUnknownParameters(query, ALLOWED_PARAMETERS)
    // Open Klant: `query_params.get("cascade", "false").lower() == "true"`; anything else means no cascade.
    const cascade = (single(query)['cascade'] ?? 'false').toLowerCase() === 'true'
    const { uuid } = request.params as { uuid: string }
    const ctx = contextFor(deps, request)
    const row = isUuid(uuid)
      ? await ctx.db
          .selectFrom('onderwerpobject')
          .selectAll()
          .where('uuid', '=', uuid.toLowerCase())
          .executeTakeFirst()
      : undefined
    if (!row) {
      throw notFound()
    }

    const behouden = await deps.transact(async (trx) => {
      const tctx: ResourceContext = { ...ctx, db: trx }
      const kept = cascade ? await deleteLinkedKlantcontacten(tctx, row) : []
      await trx.deleteFrom('onderwerpobject').where('id', '=', Number(row['id'])).execute()
      return kept
    })
    request.log.info({ event: 'onderwerpobject_deleted', uuid: row['uuid'], cascade, behouden }, 'deleted')
    return cascade ? reply.code(200).send({ behouden }) : reply.code(204).send()
  })
}

/** Deletes the klantcontacten only this onderwerpobject links; returns the URLs of the others. */
async function deleteLinkedKlantcontacten(ctx: ResourceContext, row: Row): Promise<string[]> {
  const ids = [
    ...new Set([row['klantcontact_id'], row['was_klantcontact_id']].filter((v) => v != null).map(Number)),
  ]
  if (ids.length === 0) {
    return []
  }
  const linked = await ctx.db
    .selectFrom('klantcontact as k')
    .select([
      'k.id',
      'k.uuid',
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('onderwerpobject as o')
              .select(sql`1`.as('one'))
              .where('o.id', '!=', Number(row['id']))
              .where((ob) =>
                ob.or([
                  ob('o.klantcontact_id', '=', ob.ref('k.id')),
                  ob('o.was_klantcontact_id', '=', ob.ref('k.id')),
                ]),
              ),
          )
          .as('shared'),
    ])
    .where('k.id', 'in', ids)
    .orderBy('k.id')
    .execute()

  // `exists` comes back as 0/1 from SQLite and as a boolean from PostgreSQL: readBool reads both.
  const kept = linked.filter((k) => readBool(k['shared']))
  const doomed = linked.filter((k) => !readBool(k['shared'])).map((k) => Number(k['id']))
  if (doomed.length > 0) {
    await ctx.db
      .deleteFrom('digitaal_adres')
      .where('partij_id', 'is', null)
      .where(
        'betrokkene_id',
        'in',
        ctx.db.selectFrom('betrokkene').select('id').where('klantcontact_id', 'in', doomed),
      )
      .execute()
    // The foreign keys cascade to betrokkenen, actorklantcontacten, interne taken, bijlagen and the
    // onderwerpobjecten (including this one) of each deleted klantcontact.
    await ctx.db.deleteFrom('klantcontact').where('id', 'in', doomed).execute()
  }
  return kept.map((k) => ref(ctx, 'klantcontacten', k['uuid']).url)
}
