import type { Row } from '../../../lib/db/database'
import { validationError } from '../../../lib/http/problem'
import type { Json, ResourceContext } from '../common/context'
import type { ResourceDefinition, WriteResult } from '../common/definition'
import { fkUrl, fkUuid } from '../common/filters'
import { ReferenceResolver, ref, referencedUuids } from '../common/references'

/**
 * ActorKlantcontact (OAS `ActorKlantcontact`): links an actor to a klantcontact it took part in
 * (Open Klant models/actoren.py `ActorKlantcontact`, api/serializers/klantcontacten.py
 * `ActorKlantcontactSerializer`). A pair may exist once (`unique_together`, checked by
 * `FKUniqueTogetherValidator`); the database constraint `actorklantcontact_unique` catches a race,
 * which http/database-errors.ts turns into the same 400.
 */
const UNIQUE_REASON = 'De velden actor, klantcontact moeten een unieke set zijn.'

async function serializeActorKlantcontacten(ctx: ResourceContext, rows: Row[]): Promise<Json[]> {
  const [actors, klantcontacten] = await Promise.all([
    referencedUuids(ctx, 'actor', rows, 'actor_id'),
    referencedUuids(ctx, 'klantcontact', rows, 'klantcontact_id'),
  ])
  return rows.map((row) => ({
    uuid: row['uuid'],
    url: ref(ctx, 'actorklantcontacten', row['uuid']).url,
    actor: ref(ctx, 'actoren', actors.get(Number(row['actor_id']))),
    klantcontact: ref(ctx, 'klantcontacten', klantcontacten.get(Number(row['klantcontact_id']))),
  }))
}

async function writeActorKlantcontact(
  ctx: ResourceContext,
  body: Json,
  existing?: Row,
): Promise<WriteResult> {
  const refs = new ReferenceResolver(ctx)
  const actorId = await refs.resolve(body, 'actor', 'actor', 'Actor')
  const klantcontactId = await refs.resolve(body, 'klantcontact', 'klantcontact', 'Klantcontact')
  if (refs.errors.length > 0) {
    throw validationError(refs.errors)
  }
  // On PATCH the pair is completed from the stored row, as DRF's unique-together validator does.
  const pair = {
    actor_id: actorId ?? existing?.['actor_id'],
    klantcontact_id: klantcontactId ?? existing?.['klantcontact_id'],
  }
  let duplicate = ctx.db
    .selectFrom('actorklantcontact')
    .select('id')
    .where('actor_id', '=', Number(pair.actor_id))
    .where('klantcontact_id', '=', Number(pair.klantcontact_id))
  if (existing) {
    duplicate = duplicate.where('id', '!=', Number(existing['id']))
  }
  if (await duplicate.executeTakeFirst()) {
    throw validationError([{ name: 'nonFieldErrors', code: 'unique', reason: UNIQUE_REASON }])
  }

  const columns: Row = {}
  if (actorId != null) {
    columns['actor_id'] = actorId
  }
  if (klantcontactId != null) {
    columns['klantcontact_id'] = klantcontactId
  }
  return { columns }
}

export const actorklantcontacten: ResourceDefinition = {
  path: 'actorklantcontacten',
  table: 'actorklantcontact',
  schemas: { write: 'ActorKlantcontact', patch: 'PatchedActorKlantcontact' },
  filters: {
    actor__uuid: fkUuid('actorklantcontact.actor_id', 'actor'),
    actor__url: fkUrl('actorklantcontact.actor_id', 'actor'),
    klantcontact__uuid: fkUuid('actorklantcontact.klantcontact_id', 'klantcontact'),
    klantcontact__url: fkUrl('actorklantcontact.klantcontact_id', 'klantcontact'),
  },
  // Open Klant ActorKlantcontactViewSet: `order_by("-pk")`.
  orderBy: [['id', 'desc']],
  serialize: serializeActorKlantcontacten,
  write: (ctx, body, _mode, existing) => writeActorKlantcontact(ctx, body, existing),
}
