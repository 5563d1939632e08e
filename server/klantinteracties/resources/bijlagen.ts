import type { Row } from '../db/database'
import { validationError } from '../http/problem'
import type { Json, ResourceContext } from './context'
import type { Filter, ResourceDefinition, WriteResult } from './definition'
import { exact, fkUuid } from './filters'
import { nullableRef, ReferenceResolver, ref, uuidsById } from './references'
import { IDENTIFICATOR_MEMBERS, readGroup, writeGroup } from './values'

/**
 * Bijlage (OAS `Bijlage`): a document in another register that (partly) describes the content of
 * a klantcontact. Open Klant models/klantcontacten.py `Bijlage`, api/serializers/klantcontacten.py
 * `BijlageSerializer`, api/viewsets/klantcontacten.py `BijlageViewSet`.
 */
async function serializeBijlagen(ctx: ResourceContext, rows: Row[]): Promise<Json[]> {
  const klantcontacten = await uuidsById(
    ctx,
    'klantcontact',
    rows.map((r) => r['klantcontact_id']),
  )
  return rows.map((row) => {
    const klantcontactId = row['klantcontact_id']
    return {
      uuid: row['uuid'],
      url: ref(ctx, 'bijlagen', row['uuid']).url,
      wasBijlageVanKlantcontact: nullableRef(
        ctx,
        'klantcontacten',
        klantcontactId == null ? null : klantcontacten.get(Number(klantcontactId)),
      ),
      bijlageidentificator: readGroup(row, 'bijlageidentificator', IDENTIFICATOR_MEMBERS),
    }
  })
}

async function writeBijlage(ctx: ResourceContext, body: Json): Promise<WriteResult> {
  const refs = new ReferenceResolver(ctx)
  const klantcontactId = await refs.resolve(body, 'wasBijlageVanKlantcontact', 'klantcontact', 'Klantcontact')
  if (refs.errors.length > 0) {
    throw validationError(refs.errors)
  }
  const columns: Row = {}
  if (klantcontactId !== undefined) {
    columns['klantcontact_id'] = klantcontactId
  }
  if ('bijlageidentificator' in body) {
    Object.assign(
      columns,
      writeGroup(body['bijlageidentificator'] as Json | null, 'bijlageidentificator', IDENTIFICATOR_MEMBERS),
    )
  }
  return { columns }
}

/** `BijlageViewSet.filterset_fields`: the identificator members, exact; plus `klantcontact__uuid` (OAS). */
const identificatorFilters: Record<string, Filter> = Object.fromEntries(
  Object.entries({
    ObjectId: 'object_id',
    CodeObjecttype: 'code_objecttype',
    CodeRegister: 'code_register',
    CodeSoortObjectId: 'code_soort_object_id',
  }).map(([suffix, column]) => [
    `bijlageidentificator${suffix}`,
    exact(`bijlage.bijlageidentificator_${column}`),
  ]),
)

export const bijlagen: ResourceDefinition = {
  path: 'bijlagen',
  table: 'bijlage',
  schemas: { write: 'Bijlage', patch: 'PatchedBijlage' },
  filters: {
    ...identificatorFilters,
    klantcontact__uuid: fkUuid('bijlage.klantcontact_id', 'klantcontact'),
  },
  // Open Klant BijlageViewSet: `order_by("-pk")`.
  orderBy: [['id', 'desc']],
  serialize: serializeBijlagen,
  write: (ctx, body) => writeBijlage(ctx, body),
}
