import type { Row } from '../../../lib/db/database'
import { validationError } from '../../../lib/http/problem'
import type { Json, ResourceContext } from '../common/context'
import type { ResourceDefinition, WriteResult } from '../common/definition'
import { exact, fkUrl, fkUuid, identificatorFilters } from '../common/filters'
import { fkRef, ReferenceResolver, ref, referencedUuids } from '../common/references'
import { groupColumns, IDENTIFICATOR_MEMBERS, readGroup } from '../common/values'

/**
 * Onderwerpobject (OAS `Onderwerpobject`): what a klantcontact was about, as an object in another
 * register (`onderwerpobjectidentificator`, e.g. a zaak in Open Zaak), or another klantcontact
 * (`wasKlantcontact`, e.g. the question an answer belongs to). Open Klant models/klantcontacten.py
 * `Onderwerpobject`, api/serializers/klantcontacten.py `OnderwerpobjectSerializer`.
 *
 * DELETE is not the generic one: `?cascade=true` also removes the klantcontacten it links
 * (onderwerpobject-delete.ts).
 */
export async function serializeOnderwerpobjecten(ctx: ResourceContext, rows: Row[]): Promise<Json[]> {
  const klantcontacten = await referencedUuids(
    ctx,
    'klantcontact',
    rows,
    'klantcontact_id',
    'was_klantcontact_id',
  )
  return rows.map((row) => ({
    uuid: row['uuid'],
    url: ref(ctx, 'onderwerpobjecten', row['uuid']).url,
    klantcontact: fkRef(ctx, 'klantcontacten', klantcontacten, row['klantcontact_id']),
    wasKlantcontact: fkRef(ctx, 'klantcontacten', klantcontacten, row['was_klantcontact_id']),
    onderwerpobjectidentificator: readGroup(row, 'onderwerpobjectidentificator', IDENTIFICATOR_MEMBERS),
  }))
}

/** `name` maps a field to its error name (`onderwerpobject.wasKlantcontact.uuid` in maak-klantcontact). */
export async function writeOnderwerpobject(
  ctx: ResourceContext,
  body: Json,
  name: (field: string) => string = (f) => f,
): Promise<WriteResult> {
  const refs = new ReferenceResolver(ctx, name)
  const klantcontactId = await refs.resolve(body, 'klantcontact', 'klantcontact', 'Klantcontact')
  const wasKlantcontactId = await refs.resolve(body, 'wasKlantcontact', 'klantcontact', 'Klantcontact')
  if (refs.errors.length > 0) {
    throw validationError(refs.errors)
  }
  const columns: Row = groupColumns(body, 'onderwerpobjectidentificator', IDENTIFICATOR_MEMBERS)
  if (klantcontactId !== undefined) {
    columns['klantcontact_id'] = klantcontactId
  }
  if (wasKlantcontactId !== undefined) {
    columns['was_klantcontact_id'] = wasKlantcontactId
  }
  return { columns }
}

export const onderwerpobjecten: ResourceDefinition = {
  path: 'onderwerpobjecten',
  table: 'onderwerpobject',
  schemas: { write: 'Onderwerpobject', patch: 'PatchedOnderwerpobject' },
  operations: ['list', 'create', 'retrieve', 'update', 'partial_update'],
  // Open Klant api/filterset/klantcontacten.py `OnderwerpObjectFilterSet`.
  filters: {
    klantcontact__uuid: fkUuid('onderwerpobject.klantcontact_id', 'klantcontact'),
    klantcontact__url: fkUrl('onderwerpobject.klantcontact_id', 'klantcontact'),
    wasKlantcontact__uuid: fkUuid('onderwerpobject.was_klantcontact_id', 'klantcontact'),
    wasKlantcontact__url: fkUrl('onderwerpobject.was_klantcontact_id', 'klantcontact'),
    ...identificatorFilters('onderwerpobjectidentificator', (column) =>
      exact(`onderwerpobject.onderwerpobjectidentificator_${column}`),
    ),
  },
  // Open Klant OnderwerpobjectViewSet: `order_by("-pk")`.
  orderBy: [['id', 'desc']],
  serialize: serializeOnderwerpobjecten,
  write: (ctx, body) => writeOnderwerpobject(ctx, body),
}
