import { sql } from 'kysely'
import type { Filter } from './definition'
import { boolean, exact, icontains, parseBoolean } from './filters'
import { isUuid, uuidFromUrl } from './references'
import { writeTimestamp } from './values'

/**
 * The query parameters of `GET /klantcontacten` (OAS 0.9.0; Open Klant api/filterset/klantcontacten.py).
 * Conditions on related rows are `exists` subqueries so a klantcontact never appears twice
 * (Open Klant #624 fixed exactly that duplication).
 */
const IDENTIFICATOR = {
  CodeObjecttype: 'code_objecttype',
  CodeRegister: 'code_register',
  CodeSoortObjectId: 'code_soort_object_id',
  ObjectId: 'object_id',
} as const

const NO_MATCH = '00000000-0000-0000-0000-000000000000'
const uuidOrNone = (value: string): string => (isUuid(value) ? value.toLowerCase() : NO_MATCH)

/** exists (select 1 from betrokkene where betrokkene.klantcontact_id = klantcontact.id and <cond>) */
const viaBetrokkene =
  (cond: Filter): Filter =>
  (eb, value, ctx) =>
    eb.exists(
      eb
        .selectFrom('betrokkene as b')
        .select(sql`1`.as('one'))
        .whereRef('b.klantcontact_id', '=', 'klantcontact.id')
        .where((ib) => cond(ib as never, value, ctx)),
    )

/** Onderwerpobjecten point at a klantcontact through `klantcontact_id` or `was_klantcontact_id`. */
const viaOnderwerpobject =
  (fk: 'klantcontact_id' | 'was_klantcontact_id', cond: Filter): Filter =>
  (eb, value, ctx) =>
    eb.exists(
      eb
        .selectFrom('onderwerpobject as o')
        .select(sql`1`.as('one'))
        .whereRef(`o.${fk}`, '=', 'klantcontact.id')
        .where((ib) => cond(ib as never, value, ctx)),
    )

function onderwerpobjectFilters(
  prefix: string,
  fk: 'klantcontact_id' | 'was_klantcontact_id',
): Record<string, Filter> {
  const out: Record<string, Filter> = {
    [`${prefix}__uuid`]: viaOnderwerpobject(fk, (eb, v) => eb('o.uuid', '=', uuidOrNone(v))),
    [`${prefix}__url`]: viaOnderwerpobject(fk, (eb, v) => eb('o.uuid', '=', uuidOrNone(uuidFromUrl(v)))),
  }
  for (const [suffix, column] of Object.entries(IDENTIFICATOR)) {
    out[`${prefix}__onderwerpobjectidentificator${suffix}`] = viaOnderwerpobject(fk, (eb, v) =>
      eb(`o.onderwerpobjectidentificator_${column}`, '=', v),
    )
  }
  return out
}

const partijIdentificatorFilters: Record<string, Filter> = Object.fromEntries(
  Object.entries({
    codeObjecttype: 'code_objecttype',
    codeRegister: 'code_register',
    codeSoortObjectId: 'code_soort_object_id',
    objectId: 'object_id',
  }).map(([member, column]) => [
    `hadBetrokkene__wasPartij__partijIdentificator__${member}`,
    viaBetrokkene((eb, v) =>
      eb(
        'b.partij_id',
        'in',
        eb
          .selectFrom('partij_identificator')
          .select('partij_id')
          .where(`partij_identificator_${column}`, '=', v),
      ),
    ),
  ]),
)

export const klantcontactFilters: Record<string, Filter> = {
  nummer: exact('klantcontact.nummer'),
  referentienummer: exact('klantcontact.referentienummer'),
  kanaal: exact('klantcontact.kanaal'),
  onderwerp: icontains('klantcontact.onderwerp'),
  inhoud: icontains('klantcontact.inhoud'),
  reactie: icontains('klantcontact.reactie'),
  indicatieContactGelukt: boolean('klantcontact.indicatie_contact_gelukt'),
  vertrouwelijk: boolean('klantcontact.vertrouwelijk'),
  plaatsgevondenOp: (eb, value) => {
    const time = Date.parse(value)
    return Number.isNaN(time)
      ? sql<boolean>`1 = 0`
      : eb('klantcontact.plaatsgevonden_op', '=', writeTimestamp(new Date(time)))
  },
  hadBetrokkene__uuid: viaBetrokkene((eb, v) => eb('b.uuid', '=', uuidOrNone(v))),
  hadBetrokkene__url: viaBetrokkene((eb, v) => eb('b.uuid', '=', uuidOrNone(uuidFromUrl(v)))),
  hadBetrokkene__wasPartij: (eb, value, ctx) => {
    const hasPartij = parseBoolean('hadBetrokkene__wasPartij', value)
    const exists = viaBetrokkene((ib) => ib('b.partij_id', 'is not', null))(eb, value, ctx)
    return hasPartij ? exists : eb.not(exists)
  },
  hadBetrokkene__wasPartij__uuid: viaBetrokkene((eb, v) =>
    eb('b.partij_id', 'in', eb.selectFrom('partij').select('id').where('uuid', '=', uuidOrNone(v))),
  ),
  hadBetrokkene__wasPartij__url: viaBetrokkene((eb, v) =>
    eb(
      'b.partij_id',
      'in',
      eb
        .selectFrom('partij')
        .select('id')
        .where('uuid', '=', uuidOrNone(uuidFromUrl(v))),
    ),
  ),
  ...partijIdentificatorFilters,
  hadBetrokkene__digitaaladres__adres__icontains: viaBetrokkene((eb, v, ctx) =>
    eb(
      'b.id',
      'in',
      eb
        .selectFrom('digitaal_adres')
        .select('betrokkene_id')
        .where((ib) => icontains('digitaal_adres.adres')(ib as never, v, ctx)),
    ),
  ),
  leiddeTotInterneTaken: (eb, value) => {
    const has = parseBoolean('leiddeTotInterneTaken', value)
    const exists = eb.exists(
      eb
        .selectFrom('interne_taak as t')
        .select(sql`1`.as('one'))
        .whereRef('t.klantcontact_id', '=', 'klantcontact.id'),
    )
    return has ? exists : eb.not(exists)
  },
  ...onderwerpobjectFilters('onderwerpobject', 'klantcontact_id'),
  ...onderwerpobjectFilters('wasOnderwerpobject', 'was_klantcontact_id'),
}
