import type { Row } from '../db/database'
import type { Json, ResourceContext } from './context'
import { serializePartijIdentificatoren } from './partij-identificatoren'
import { childUuids, nullableRef, ref, uuidsById } from './references'
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
} from './values'

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
    uuidsById(
      ctx,
      'digitaal_adres',
      rows.map((r) => r['voorkeurs_digitaal_adres_id']),
    ),
    uuidsById(
      ctx,
      'rekeningnummer',
      rows.map((r) => r['voorkeurs_rekeningnummer_id']),
    ),
    uuidsById(
      ctx,
      'partij',
      rows.map((r) => r['werkte_voor_partij_id']),
    ),
  ])
  const lookup = (map: Map<number, string>, id: unknown): string | null =>
    id === null || id === undefined ? null : (map.get(Number(id)) ?? null)

  return rows.map((row) => {
    const id = Number(row['id'])
    const refs = (map: Map<number, string[]>, path: string): Json[] =>
      (map.get(id) ?? []).map((u) => ref(ctx, path, u))
    return {
      uuid: row['uuid'],
      url: ref(ctx, 'partijen', row['uuid']).url,
      nummer: readNullableText(row['nummer']),
      interneNotitie: readText(row['interne_notitie']),
      betrokkenen: refs(betrokkenen, 'betrokkenen'),
      categorieRelaties: categorieRelaties.get(id) ?? [],
      digitaleAdressen: refs(digitaleAdressen, 'digitaleadressen'),
      voorkeursDigitaalAdres: nullableRef(
        ctx,
        'digitaleadressen',
        lookup(voorkeursAdressen, row['voorkeurs_digitaal_adres_id']),
      ),
      vertegenwoordigden: refs(vertegenwoordigden, 'partijen'),
      rekeningnummers: refs(rekeningnummers, 'rekeningnummers'),
      voorkeursRekeningnummer: nullableRef(
        ctx,
        'rekeningnummers',
        lookup(voorkeursRekeningnummers, row['voorkeurs_rekeningnummer_id']),
      ),
      partijIdentificatoren: identificatoren.get(id) ?? [],
      soortPartij: row['soort_partij'],
      indicatieGeheimhouding: readNullableBool(row['indicatie_geheimhouding']),
      voorkeurstaal: readText(row['voorkeurstaal']),
      indicatieActief: readBool(row['indicatie_actief']),
      bezoekadres: readGroup(row, 'bezoekadres', ADRES_MEMBERS),
      correspondentieadres: readGroup(row, 'correspondentieadres', ADRES_MEMBERS),
      partijIdentificatie: partijIdentificatie(ctx, row, lookup(werkgevers, row['werkte_voor_partij_id'])),
    }
  })
}

/**
 * `partijIdentificatie` per soortPartij (OAS `Persoon`, `Organisatie`, `Contactpersoon`).
 * Open Klant keeps a Contactpersoon row with its own uuid; this provider keeps the subtype data on
 * the partij row, so a contactpersoon's `uuid` is the partij's (stable and unique as well).
 */
function partijIdentificatie(ctx: ResourceContext, row: Row, werkteVoorPartij: string | null): Json {
  const contactnaam = readGroup(row, 'contactnaam', CONTACTNAAM_MEMBERS)
  switch (row['soort_partij']) {
    case 'organisatie':
      return { naam: readText(row['organisatie_naam']) }
    case 'contactpersoon':
      return {
        uuid: row['uuid'],
        werkteVoorPartij: nullableRef(ctx, 'partijen', werkteVoorPartij),
        contactnaam,
        volledigeNaam: volledigeNaam(contactnaam),
      }
    default:
      return { contactnaam, volledigeNaam: volledigeNaam(contactnaam) }
  }
}

/** `categorieRelaties` (OAS `CategorieRelatieForeignKey`): the reference plus the categorie's name and dates. */
async function categorieRelatiesByPartij(ctx: ResourceContext, ids: number[]): Promise<Map<number, Json[]>> {
  const map = new Map<number, Json[]>()
  if (ids.length === 0) {
    return map
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
  for (const r of rows) {
    const list = map.get(Number(r['partij_id'])) ?? []
    list.push({
      ...ref(ctx, 'categorie-relaties', r['uuid']),
      categorieNaam: readNullableText(r['categorie_naam']),
      beginDatum: readDate(r['begin_datum']),
      eindDatum: readDate(r['eind_datum']),
    })
    map.set(Number(r['partij_id']), list)
  }
  return map
}

/** `vertegenwoordigden`: the partijen this partij represents (Open Klant `get_vertegenwoordigden`). */
async function vertegenwoordigdenByPartij(
  ctx: ResourceContext,
  ids: number[],
): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>()
  if (ids.length === 0) {
    return map
  }
  const rows = await ctx.db
    .selectFrom('vertegenwoordiging as v')
    .innerJoin('partij as p', 'p.id', 'v.vertegenwoordigde_partij_id')
    .select(['v.vertegenwoordigende_partij_id as owner', 'p.uuid as uuid'])
    .where('v.vertegenwoordigende_partij_id', 'in', ids)
    .orderBy('v.id')
    .execute()
  for (const r of rows) {
    const list = map.get(Number(r['owner'])) ?? []
    list.push(String(r['uuid']))
    map.set(Number(r['owner']), list)
  }
  return map
}

/** `partijIdentificatoren`: whole PartijIdentificator objects, as Open Klant 2.18 nests them. */
async function identificatorenByPartij(ctx: ResourceContext, ids: number[]): Promise<Map<number, Json[]>> {
  const map = new Map<number, Json[]>()
  if (ids.length === 0) {
    return map
  }
  const rows = await ctx.db
    .selectFrom('partij_identificator')
    .selectAll()
    .where('partij_id', 'in', ids)
    .orderBy('id')
    .execute()
  const serialised = await serializePartijIdentificatoren(ctx, rows)
  rows.forEach((r, i) => {
    const list = map.get(Number(r['partij_id'])) ?? []
    list.push(serialised[i]!)
    map.set(Number(r['partij_id']), list)
  })
  return map
}
