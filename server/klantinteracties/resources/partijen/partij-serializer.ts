import type { Row } from '../../../lib/db/database'
import type { Json, ResourceContext } from '../common/context'
import { serializePartijIdentificatoren } from './partij-identificatoren'
import {
  childRefs,
  childUuids,
  fkRef,
  groupByParent,
  ref,
  referencedUuids,
  type Ref,
} from '../common/references'
import {
  ADRES_MEMBERS,
  CONTACTNAAM_MEMBERS,
  readBool,
  readDate,
  readGroup,
  readNullableBool,
  readNullableText,
  readText,
  volledigeNaam,
} from '../common/values'

/**
 * Serialises partijen (OAS `Partij`, Open Klant api/serializers/partijen.py `PartijSerializer`),
 * loading every related list for the whole batch in one query each (Open Klant #385 fixed the
 * same N+1 with prefetch_related).
 */
export async function serializePartijen(ctx: ResourceContext, rows: Row[]): Promise<Json[]> {
  const ids = rows.map((r) => Number(r['id']))
  const [
    betrokkenen,
    digitaleAdressen,
    rekeningnummers,
    categorieRelaties,
    vertegenwoordigden,
    identificatoren,
    voorkeursAdressen,
    voorkeursRekeningnummers,
    werkgevers,
  ] = await Promise.all([
    childUuids(ctx, 'betrokkene', 'partij_id', ids),
    childUuids(ctx, 'digitaal_adres', 'partij_id', ids),
    childUuids(ctx, 'rekeningnummer', 'partij_id', ids),
    categorieRelatiesByPartij(ctx, ids),
    vertegenwoordigdenByPartij(ctx, ids),
    identificatorenByPartij(ctx, ids),
    referencedUuids(ctx, 'digitaal_adres', rows, 'voorkeurs_digitaal_adres_id'),
    referencedUuids(ctx, 'rekeningnummer', rows, 'voorkeurs_rekeningnummer_id'),
    referencedUuids(ctx, 'partij', rows, 'werkte_voor_partij_id'),
  ])

  return rows.map((row) => {
    const id = Number(row['id'])
    return {
      uuid: row['uuid'],
      url: ref(ctx, 'partijen', row['uuid']).url,
      nummer: readNullableText(row['nummer']),
      interneNotitie: readText(row['interne_notitie']),
      betrokkenen: childRefs(ctx, 'betrokkenen', betrokkenen, id),
      categorieRelaties: categorieRelaties.get(id) ?? [],
      digitaleAdressen: childRefs(ctx, 'digitaleadressen', digitaleAdressen, id),
      voorkeursDigitaalAdres: fkRef(
        ctx,
        'digitaleadressen',
        voorkeursAdressen,
        row['voorkeurs_digitaal_adres_id'],
      ),
      vertegenwoordigden: childRefs(ctx, 'partijen', vertegenwoordigden, id),
      rekeningnummers: childRefs(ctx, 'rekeningnummers', rekeningnummers, id),
      voorkeursRekeningnummer: fkRef(
        ctx,
        'rekeningnummers',
        voorkeursRekeningnummers,
        row['voorkeurs_rekeningnummer_id'],
      ),
      partijIdentificatoren: identificatoren.get(id) ?? [],
      soortPartij: row['soort_partij'],
      indicatieGeheimhouding: readNullableBool(row['indicatie_geheimhouding']),
      voorkeurstaal: readText(row['voorkeurstaal']),
      indicatieActief: readBool(row['indicatie_actief']),
      bezoekadres: readGroup(row, 'bezoekadres', ADRES_MEMBERS),
      correspondentieadres: readGroup(row, 'correspondentieadres', ADRES_MEMBERS),
      partijIdentificatie: partijIdentificatie(
        row,
        fkRef(ctx, 'partijen', werkgevers, row['werkte_voor_partij_id']),
      ),
    }
  })
}

/**
 * `partijIdentificatie` per soortPartij (OAS `Persoon`, `Organisatie`, `Contactpersoon`).
 * Open Klant keeps a Contactpersoon row with its own uuid; this provider keeps the subtype data on
 * the partij row, so a contactpersoon's `uuid` is the partij's (stable and unique as well).
 */
function partijIdentificatie(row: Row, werkteVoorPartij: Ref | null): Json {
  const contactnaam = readGroup(row, 'contactnaam', CONTACTNAAM_MEMBERS)
  switch (row['soort_partij']) {
    case 'organisatie':
      return { naam: readText(row['organisatie_naam']) }
    case 'contactpersoon':
      return {
        uuid: row['uuid'],
        werkteVoorPartij,
        contactnaam,
        volledigeNaam: volledigeNaam(contactnaam),
      }
    default:
      return { contactnaam, volledigeNaam: volledigeNaam(contactnaam) }
  }
}

/** `categorieRelaties` (OAS `CategorieRelatieForeignKey`): the reference plus the categorie's name and dates. */
async function categorieRelatiesByPartij(ctx: ResourceContext, ids: number[]): Promise<Map<number, Json[]>> {
  if (ids.length === 0) {
    return new Map()
  }
  const rows = await ctx.db
    .selectFrom('categorie_relatie as cr')
    .leftJoin('categorie as c', 'c.id', 'cr.categorie_id')
    .select([
      'cr.uuid as uuid',
      'cr.partij_id as partij_id',
      'cr.begin_datum as begin_datum',
      'cr.eind_datum as eind_datum',
    ])
    .select('c.naam as categorie_naam')
    .where('cr.partij_id', 'in', ids)
    .orderBy('cr.id')
    .execute()
  return groupByParent(
    rows,
    (r) => r['partij_id'],
    (r) => ({
      ...ref(ctx, 'categorie-relaties', r['uuid']),
      categorieNaam: readNullableText(r['categorie_naam']),
      beginDatum: readDate(r['begin_datum']),
      eindDatum: readDate(r['eind_datum']),
    }),
  )
}

/** `vertegenwoordigden`: the partijen this partij represents (Open Klant `get_vertegenwoordigden`). */
async function vertegenwoordigdenByPartij(
  ctx: ResourceContext,
  ids: number[],
): Promise<Map<number, string[]>> {
  if (ids.length === 0) {
    return new Map()
  }
  const rows = await ctx.db
    .selectFrom('vertegenwoordiging as v')
    .innerJoin('partij as p', 'p.id', 'v.vertegenwoordigde_partij_id')
    .select(['v.vertegenwoordigende_partij_id as owner', 'p.uuid as uuid'])
    .where('v.vertegenwoordigende_partij_id', 'in', ids)
    .orderBy('v.id')
    .execute()
  return groupByParent(
    rows,
    (r) => r['owner'],
    (r) => String(r['uuid']),
  )
}

/** `partijIdentificatoren`: whole PartijIdentificator objects, as Open Klant 2.18 nests them. */
async function identificatorenByPartij(ctx: ResourceContext, ids: number[]): Promise<Map<number, Json[]>> {
  if (ids.length === 0) {
    return new Map()
  }
  const rows = await ctx.db
    .selectFrom('partij_identificator')
    .selectAll()
    .where('partij_id', 'in', ids)
    .orderBy('id')
    .execute()
  const serialised = await serializePartijIdentificatoren(ctx, rows)
  return groupByParent(
    rows,
    (r) => r['partij_id'],
    (_r, i) => serialised[i]!,
  )
}
