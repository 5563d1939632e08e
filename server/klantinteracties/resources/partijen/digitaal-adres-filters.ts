import { sql } from 'kysely'
import type { Filter } from '../common/definition'
import { exact, fkUrl, fkUuid, icontains } from '../common/filters'
import { booleanFilter, choice, dateFilter, isSet } from '../common/filter-values'
import { partijIdentificatorFilters, SOORTEN_PARTIJ } from './partij-filters'

/**
 * The query parameters of `GET /digitaleadressen` (OAS 0.9.0; Open Klant api/filterset/
 * digitaal_adres.py `DigitaalAdresFilterSet`). `rol` and `soortPartij` are ChoiceFilters there;
 * `soortDigitaalAdres` is a plain CharFilter (an unknown value finds nothing).
 */
const ROLLEN = ['klant', 'vertegenwoordiger'] as const

const DATUM = 'digitaal_adres.verificatie_datum'

export const digitaalAdresFilters: Record<string, Filter> = {
  adres: exact('digitaal_adres.adres'),
  adres__icontains: icontains('digitaal_adres.adres'),
  soortDigitaalAdres: exact('digitaal_adres.soort_digitaal_adres'),
  isStandaardAdres: booleanFilter('digitaal_adres.is_standaard_adres', 'isStandaardAdres'),
  omschrijving: icontains('digitaal_adres.omschrijving'),
  referentie: exact('digitaal_adres.referentie'),
  verificatieDatum: dateFilter(DATUM, 'verificatieDatum', '='),
  verificatieDatum__gt: dateFilter(DATUM, 'verificatieDatum__gt', '>'),
  verificatieDatum__gte: dateFilter(DATUM, 'verificatieDatum__gte', '>='),
  verificatieDatum__lt: dateFilter(DATUM, 'verificatieDatum__lt', '<'),
  verificatieDatum__lte: dateFilter(DATUM, 'verificatieDatum__lte', '<='),
  isGeverifieerd: isSet(DATUM, 'isGeverifieerd'),
  verstrektDoorBetrokkene__uuid: fkUuid('digitaal_adres.betrokkene_id', 'betrokkene'),
  verstrektDoorBetrokkene__url: fkUrl('digitaal_adres.betrokkene_id', 'betrokkene'),
  verstrektDoorBetrokkene__rol: (eb, value, ctx) =>
    eb(
      'digitaal_adres.betrokkene_id',
      'in',
      eb
        .selectFrom('betrokkene')
        .select('betrokkene.id')
        .where((ib) =>
          choice('betrokkene.rol', 'verstrektDoorBetrokkene__rol', ROLLEN)(ib as never, value, ctx),
        ),
    ),
  verstrektDoorPartij__uuid: fkUuid('digitaal_adres.partij_id', 'partij'),
  verstrektDoorPartij__url: fkUrl('digitaal_adres.partij_id', 'partij'),
  // Correlated `exists`, not `partij_id in (select id from partij where soort_partij = …)`: with an
  // exact `adres` the few matching rows each look up their partij by primary key, where the `in`
  // form made SQLite collect the ids of every partij of that soort first.
  verstrektDoorPartij__soortPartij: (eb, value, ctx) =>
    eb.exists(
      eb
        .selectFrom('partij')
        .select(sql`1`.as('one'))
        .whereRef('partij.id', '=', 'digitaal_adres.partij_id')
        .where((ib) =>
          choice('partij.soort_partij', 'verstrektDoorPartij__soortPartij', SOORTEN_PARTIJ)(
            ib as never,
            value,
            ctx,
          ),
        ),
    ),
  ...partijIdentificatorFilters('verstrektDoorPartij__partijIdentificator__', 'digitaal_adres.partij_id'),
}
