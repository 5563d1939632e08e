import type { Row } from '../../../lib/db/database'
import type { Json, ResourceContext } from '../common/context'
import type { ResourceDefinition, WriteResult } from '../common/definition'
import { boolean, exact, icontains, identificatorFilters } from '../common/filters'
import { ref } from '../common/references'
import { groupColumns, IDENTIFICATOR_MEMBERS, readBool, readGroup, writeBool } from '../common/values'

/**
 * Actor (OAS `Actor`, polymorphic on soortActor): a medewerker, an organisatorische eenheid or a
 * geautomatiseerde actor that took part in klantcontacten. The subtype data (`actorIdentificatie`)
 * is kept as one JSON document: the OAS filters nothing inside it.
 */
export function serializeActor(ctx: ResourceContext, row: Row): Json {
  const identificatie = row['actor_identificatie']
  return {
    uuid: row['uuid'],
    url: ref(ctx, 'actoren', row['uuid']).url,
    naam: row['naam'],
    soortActor: row['soort_actor'],
    indicatieActief: readBool(row['indicatie_actief']),
    actoridentificator: readGroup(row, 'actoridentificator', IDENTIFICATOR_MEMBERS),
    ...(typeof identificatie === 'string'
      ? { actorIdentificatie: JSON.parse(identificatie) as unknown }
      : {}),
  }
}

export const actoren: ResourceDefinition = {
  path: 'actoren',
  table: 'actor',
  schemas: { write: 'Actor', patch: 'PatchedActor' },
  filters: {
    naam: icontains('naam'),
    soortActor: exact('soort_actor'),
    indicatieActief: boolean('indicatie_actief'),
    ...identificatorFilters('actoridentificator', (column) => exact(`actoridentificator_${column}`)),
  },
  orderBy: [['id', 'desc']],
  serialize: (ctx, rows) => Promise.resolve(rows.map((row) => serializeActor(ctx, row))),
  write(ctx, body, mode): Promise<WriteResult> {
    const columns: Row = groupColumns(body, 'actoridentificator', IDENTIFICATOR_MEMBERS)
    if ('naam' in body) {
      columns['naam'] = body['naam']
    }
    if ('soortActor' in body) {
      columns['soort_actor'] = body['soortActor']
    }
    if ('indicatieActief' in body) {
      columns['indicatie_actief'] = writeBool(ctx.engine, body['indicatieActief'] as boolean)
    } else if (mode === 'create') {
      columns['indicatie_actief'] = writeBool(ctx.engine, true)
    }
    if ('actorIdentificatie' in body) {
      const value = body['actorIdentificatie']
      columns['actor_identificatie'] = value === null ? null : JSON.stringify(value)
    }
    return Promise.resolve({ columns })
  },
}
