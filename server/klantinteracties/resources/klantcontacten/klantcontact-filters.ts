import { sql } from 'kysely'
import type { Filter } from '../common/definition'
import {
  boolean,
  childWhere,
  exact,
  fkUrl,
  fkUuid,
  icontains,
  identificatorFilters,
  matchUrl,
  matchUuid,
  parseBoolean,
} from '../common/filters'
import { partijIdentificatorFilters } from '../partijen/partij-filters'
import { writeTimestamp } from '../common/values'

/**
 * The query parameters of `GET /klantcontacten` (OAS 0.9.0; Open Klant api/filterset/klantcontacten.py).
 * Conditions on related rows are `exists` subqueries so a klantcontact never appears twice
 * (Open Klant #624 fixed exactly that duplication).
 */
/** exists (select 1 from betrokkene b where b.klantcontact_id = klantcontact.id and <cond>) */
const viaBetrokkene = (cond: Filter): Filter =>
  childWhere('klantcontact', 'betrokkene', 'klantcontact_id', cond, 'b')

/** Onderwerpobjecten (`o`) point at a klantcontact through `klantcontact_id` or `was_klantcontact_id`. */
const viaOnderwerpobject = (fk: 'klantcontact_id' | 'was_klantcontact_id', cond: Filter): Filter =>
  childWhere('klantcontact', 'onderwerpobject', fk, cond, 'o')

function onderwerpobjectFilters(
  prefix: string,
  fk: 'klantcontact_id' | 'was_klantcontact_id',
): Record<string, Filter> {
  return {
    [`${prefix}__uuid`]: viaOnderwerpobject(fk, (eb, v) => eb('o.uuid', '=', matchUuid(v))),
    [`${prefix}__url`]: viaOnderwerpobject(fk, (eb, v) => eb('o.uuid', '=', matchUrl(v))),
    ...identificatorFilters(`${prefix}__onderwerpobjectidentificator`, (column) =>
      viaOnderwerpobject(fk, exact(`o.onderwerpobjectidentificator_${column}`)),
    ),
  }
}

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
  hadBetrokkene__uuid: viaBetrokkene((eb, v) => eb('b.uuid', '=', matchUuid(v))),
  hadBetrokkene__url: viaBetrokkene((eb, v) => eb('b.uuid', '=', matchUrl(v))),
  hadBetrokkene__wasPartij: (eb, value, ctx) => {
    const hasPartij = parseBoolean('hadBetrokkene__wasPartij', value)
    const exists = viaBetrokkene((ib) => ib('b.partij_id', 'is not', null))(eb, value, ctx)
    return hasPartij ? exists : eb.not(exists)
  },
  hadBetrokkene__wasPartij__uuid: viaBetrokkene(fkUuid('b.partij_id', 'partij')),
  hadBetrokkene__wasPartij__url: viaBetrokkene(fkUrl('b.partij_id', 'partij')),
  ...partijIdentificatorFilters(
    'hadBetrokkene__wasPartij__partijIdentificator__',
    'b.partij_id',
    viaBetrokkene,
  ),
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
