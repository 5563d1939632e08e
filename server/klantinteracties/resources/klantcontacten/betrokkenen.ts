import type { Row } from '../../../lib/db/database'
import { validationError } from '../../../lib/http/problem'
import { adresErrors } from '../partijen/adres'
import { betrokkeneFilters } from './betrokkene-filters'
import type { Json, ResourceContext } from '../common/context'
import type { ResourceDefinition, WriteResult } from '../common/definition'
import { childRefs, childUuids, fkRef, ReferenceResolver, ref, referencedUuids } from '../common/references'
import { children, parent } from '../common/relations'
import {
  ADRES_MEMBERS,
  CONTACTNAAM_MEMBERS,
  groupColumns,
  readBool,
  readGroup,
  readText,
  volledigeNaam,
  writeBool,
} from '../common/values'

/**
 * Betrokkene (OAS `Betrokkene`): the part a person or organisation played in one klantcontact,
 * with contact details for its follow-up. Behaviour follows Open Klant 2.18
 * (openklant/components/klantinteracties/models/klantcontacten.py `Betrokkene`,
 * api/serializers/klantcontacten.py `BetrokkeneSerializer`).
 */

const GROUPS = [
  ['bezoekadres', ADRES_MEMBERS],
  ['correspondentieadres', ADRES_MEMBERS],
  ['contactnaam', CONTACTNAAM_MEMBERS],
] as const

export async function serializeBetrokkenen(ctx: ResourceContext, rows: Row[]): Promise<Json[]> {
  const [klantcontacten, partijen, digitaleAdressen] = await Promise.all([
    referencedUuids(ctx, 'klantcontact', rows, 'klantcontact_id'),
    referencedUuids(ctx, 'partij', rows, 'partij_id'),
    childUuids(
      ctx,
      'digitaal_adres',
      'betrokkene_id',
      rows.map((r) => Number(r['id'])),
    ),
  ])
  return rows.map((row) => {
    const contactnaam = readGroup(row, 'contactnaam', CONTACTNAAM_MEMBERS)
    return {
      uuid: row['uuid'],
      url: ref(ctx, 'betrokkenen', row['uuid']).url,
      wasPartij: fkRef(ctx, 'partijen', partijen, row['partij_id']),
      hadKlantcontact: ref(ctx, 'klantcontacten', klantcontacten.get(Number(row['klantcontact_id']))),
      digitaleAdressen: childRefs(ctx, 'digitaleadressen', digitaleAdressen, Number(row['id'])),
      bezoekadres: readGroup(row, 'bezoekadres', ADRES_MEMBERS),
      correspondentieadres: readGroup(row, 'correspondentieadres', ADRES_MEMBERS),
      contactnaam,
      volledigeNaam: volledigeNaam(contactnaam),
      rol: readText(row['rol']),
      organisatienaam: readText(row['organisatienaam']),
      initiator: readBool(row['initiator']),
    }
  })
}

/**
 * Maps a betrokkene body to columns. `name` turns a field into the name an error reports, so
 * `POST /maak-klantcontact` can report `betrokkene.wasPartij.uuid`. Gegevensgroepen are replaced
 * whole (vng_api_common GegevensGroepType): a member left out is reset, `null` clears the group.
 */
export async function writeBetrokkene(
  ctx: ResourceContext,
  body: Json,
  name: (field: string) => string = (f) => f,
): Promise<WriteResult> {
  const refs = new ReferenceResolver(ctx, name)
  const klantcontactId = await refs.resolve(body, 'hadKlantcontact', 'klantcontact', 'Klantcontact')
  const partijId = await refs.resolve(body, 'wasPartij', 'partij', 'Partij')
  const errors = [
    ...refs.errors,
    ...adresErrors(body, 'bezoekadres', name('bezoekadres')),
    ...adresErrors(body, 'correspondentieadres', name('correspondentieadres')),
  ]
  if (errors.length > 0) {
    throw validationError(errors)
  }

  const columns: Row = {}
  if (klantcontactId != null) {
    columns['klantcontact_id'] = klantcontactId
  }
  if (partijId !== undefined) {
    columns['partij_id'] = partijId
  }
  for (const [group, members] of GROUPS) {
    Object.assign(columns, groupColumns(body, group, members))
  }
  if ('rol' in body) {
    columns['rol'] = body['rol']
  }
  if ('organisatienaam' in body) {
    columns['organisatienaam'] = body['organisatienaam'] ?? ''
  }
  if ('initiator' in body) {
    columns['initiator'] = writeBool(ctx.engine, body['initiator'] as boolean)
  }
  return { columns }
}

export const betrokkenen: ResourceDefinition = {
  path: 'betrokkenen',
  table: 'betrokkene',
  schemas: { write: 'Betrokkene', patch: 'PatchedBetrokkene' },
  filters: betrokkeneFilters,
  expand: ['digitaleAdressen'],
  relations: {
    digitaleAdressen: children('digitaleadressen', 'digitaal_adres', 'betrokkene_id'),
    // Inner steps of dotted paths: klantcontacten `hadBetrokkenen.wasPartij`, digitaleadressen
    // `verstrektDoorBetrokkene.hadKlantcontact`, partijen `betrokkenen.hadKlantcontact`.
    wasPartij: parent('partijen', 'partij', 'partij_id'),
    hadKlantcontact: parent('klantcontacten', 'klantcontact', 'klantcontact_id'),
  },
  // Open Klant BetrokkeneViewSet: `order_by("-pk")`.
  orderBy: [['id', 'desc']],
  serialize: serializeBetrokkenen,
  write: (ctx, body) => writeBetrokkene(ctx, body),
}
