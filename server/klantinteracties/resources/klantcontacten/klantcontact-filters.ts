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

/**
 * klantcontact.id in (select b.klantcontact_id from betrokkene b where <cond>): the same rows as
 * `viaBetrokkene`, each once, for a condition that picks out a few betrokkenen (a uuid). On the
 * `exists` shape SQLite walks the klantcontacten newest first (klantcontact_order) probing each
 * one's betrokkenen until a page is full, and counts by probing every klantcontact: at 1,000,000
 * klantcontacten a partij with 5 contacts took 3.6 s for its page and 2.6 s for the count. This
 * shape starts from the betrokkenen (EXPLAIN QUERY PLAN: `SEARCH b USING COVERING INDEX
 * betrokkene_partij_klantcontact (partij_id=?)`, `SEARCH klantcontact USING INTEGER PRIMARY KEY`,
 * `USE TEMP B-TREE FOR ORDER BY`): under 1 ms, 65 ms for a partij with 2,862 contacts.
 * PostgreSQL flattens both shapes into the same plan (Index Only Scan on
 * betrokkene_partij_klantcontact, HashAggregate, Nested Loop over klantcontact_pkey, top-N Sort).
 * Not used for conditions most betrokkenen meet, where the newest-first walk stops early and this
 * shape would sort them all.
 */
const viaFewBetrokkenen =
  (cond: Filter): Filter =>
  (eb, value, ctx) =>
    eb(
      'klantcontact.id',
      'in',
      eb
        .selectFrom('betrokkene as b')
        .select('b.klantcontact_id')
        .where((ib) => cond(ib as never, value, ctx)),
    )

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
  hadBetrokkene__uuid: viaFewBetrokkenen((eb, v) => eb('b.uuid', '=', matchUuid(v))),
  hadBetrokkene__url: viaFewBetrokkenen((eb, v) => eb('b.uuid', '=', matchUrl(v))),
  hadBetrokkene__wasPartij: (eb, value, ctx) => {
    const hasPartij = parseBoolean('hadBetrokkene__wasPartij', value)
    const exists = viaBetrokkene((ib) => ib('b.partij_id', 'is not', null))(eb, value, ctx)
    return hasPartij ? exists : eb.not(exists)
  },
  hadBetrokkene__wasPartij__uuid: viaFewBetrokkenen(fkUuid('b.partij_id', 'partij')),
  hadBetrokkene__wasPartij__url: viaFewBetrokkenen(fkUrl('b.partij_id', 'partij')),
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
