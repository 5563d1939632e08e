import type { Row } from '../../../lib/db/database'
import { validationError } from '../../../lib/http/problem'
import type { Json, ResourceContext } from '../common/context'
import type { ResourceDefinition, WriteResult } from '../common/definition'
import { exact, fkUuid, identificatorFilters } from '../common/filters'
import { fkRef, ReferenceResolver, ref, referencedUuids } from '../common/references'
import { groupColumns, IDENTIFICATOR_MEMBERS, readGroup } from '../common/values'

/**
 * Bijlage (OAS `Bijlage`): a document in another register that (partly) describes the content of
 * a klantcontact. Open Klant models/klantcontacten.py `Bijlage`, api/serializers/klantcontacten.py
 * `BijlageSerializer`, api/viewsets/klantcontacten.py `BijlageViewSet`.
 */
async function serializeBijlagen(ctx: ResourceContext, rows: Row[]): Promise<Json[]> {
  const klantcontacten = await referencedUuids(ctx, 'klantcontact', rows, 'klantcontact_id')
  return rows.map((row) => ({
    uuid: row['uuid'],
    url: ref(ctx, 'bijlagen', row['uuid']).url,
    wasBijlageVanKlantcontact: fkRef(ctx, 'klantcontacten', klantcontacten, row['klantcontact_id']),
    bijlageidentificator: readGroup(row, 'bijlageidentificator', IDENTIFICATOR_MEMBERS),
  }))
}

async function writeBijlage(ctx: ResourceContext, body: Json): Promise<WriteResult> {
  const refs = new ReferenceResolver(ctx)
  const klantcontactId = await refs.resolve(body, 'wasBijlageVanKlantcontact', 'klantcontact', 'Klantcontact')
  if (refs.errors.length > 0) {
    throw validationError(refs.errors)
  }
  const columns: Row = groupColumns(body, 'bijlageidentificator', IDENTIFICATOR_MEMBERS)
  if (klantcontactId !== undefined) {
    columns['klantcontact_id'] = klantcontactId
  }
  return { columns }
}

export const bijlagen: ResourceDefinition = {
  path: 'bijlagen',
  table: 'bijlage',
  schemas: { write: 'Bijlage', patch: 'PatchedBijlage' },
  // `BijlageViewSet.filterset_fields`: the identificator members, exact; plus `klantcontact__uuid` (OAS).
  filters: {
    ...identificatorFilters('bijlageidentificator', (column) =>
      exact(`bijlage.bijlageidentificator_${column}`),
    ),
    klantcontact__uuid: fkUuid('bijlage.klantcontact_id', 'klantcontact'),
  },
  // Open Klant BijlageViewSet: `order_by("-pk")`.
  orderBy: [['id', 'desc']],
  serialize: serializeBijlagen,
  write: (ctx, body) => writeBijlage(ctx, body),
}
