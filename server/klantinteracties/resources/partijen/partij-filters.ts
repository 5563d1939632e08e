import { sql } from 'kysely'
import type { Filter } from '../common/definition'
import { childWhere, exact, identificatorFilters, matchUrl, matchUuid } from '../common/filters'
import { booleanFilter, choice } from '../common/filter-values'

/**
 * The query parameters of `GET /partijen` (OAS 0.9.0; Open Klant api/filterset/partijen.py
 * `PartijFilterSet`). Conditions on related rows are `exists` subqueries, so a partij is listed
 * once however many identificatoren or categorieën match (Open Klant #624).
 */
export const SOORTEN_PARTIJ = ['persoon', 'organisatie', 'contactpersoon'] as const

/**
 * `<prefix><member>` for each partijIdentificator member, on a resource that points at a partij
 * through `partijFk`: that partij has an identificator with that value. `wrap` places the condition
 * where `partijFk` is in scope (e.g. inside an `exists` on the betrokkenen of a klantcontact).
 */
export function partijIdentificatorFilters(
  prefix: string,
  partijFk: string,
  wrap: (filter: Filter) => Filter = (filter) => filter,
): Record<string, Filter> {
  return identificatorFilters(prefix, (column) =>
    wrap((eb, value) =>
      eb(
        partijFk,
        'in',
        eb
          .selectFrom('partij_identificator')
          .select('partij_identificator.partij_id')
          .where(`partij_identificator.partij_identificator_${column}`, '=', value),
      ),
    ),
  )
}

/** `partijIdentificator__<member>`: the partij has an identificator with that value. */
const viaIdentificator = (column: string): Filter =>
  childWhere('partij', 'partij_identificator', 'partij_id', exact(`pi.partij_identificator_${column}`), 'pi')

/**
 * `subIdentificatorVan__<member>`: the partij has an identificator (a vestiging) whose
 * subIdentificatorVan (the rechtspersoon's kvk_nummer) has that value.
 */
const viaSubIdentificatorVan =
  (column: string): Filter =>
  (eb, value) =>
    eb.exists(
      eb
        .selectFrom('partij_identificator as pi')
        .innerJoin('partij_identificator as parent', 'parent.id', 'pi.sub_identificator_van_id')
        .select(sql`1`.as('one'))
        .whereRef('pi.partij_id', '=', 'partij.id')
        .where(`parent.partij_identificator_${column}`, '=', value),
    )

/**
 * `vertegenwoordigdePartij__uuid`: Open Klant filters `vertegenwoordigde__vertegenwoordigende_partij
 * __uuid`, i.e. the partijen that the given partij represents (it is the vertegenwoordigende in a
 * vertegenwoordiging whose vertegenwoordigde is the listed partij).
 */
const representedBy =
  (toUuid: (value: string) => string): Filter =>
  (eb, value) =>
    eb.exists(
      eb
        .selectFrom('vertegenwoordiging as v')
        .innerJoin('partij as vertegenwoordiger', 'vertegenwoordiger.id', 'v.vertegenwoordigende_partij_id')
        .select(sql`1`.as('one'))
        .whereRef('v.vertegenwoordigde_partij_id', '=', 'partij.id')
        .where('vertegenwoordiger.uuid', '=', toUuid(value)),
    )

const ADRES_FILTERS = ['NummeraanduidingId', 'Adresregel1', 'Adresregel2', 'Adresregel3', 'Land'] as const

function adresFilters(prefix: 'bezoekadres' | 'correspondentieadres'): Record<string, Filter> {
  return Object.fromEntries(
    ADRES_FILTERS.map((member) => [
      `${prefix}${member}`,
      exact(`partij.${prefix}_${member.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/^_/, '')}`),
    ]),
  )
}

export const partijFilters: Record<string, Filter> = {
  nummer: exact('partij.nummer'),
  soortPartij: choice('partij.soort_partij', 'soortPartij', SOORTEN_PARTIJ),
  indicatieActief: booleanFilter('partij.indicatie_actief', 'indicatieActief'),
  indicatieGeheimhouding: booleanFilter('partij.indicatie_geheimhouding', 'indicatieGeheimhouding'),
  vertegenwoordigdePartij__uuid: representedBy(matchUuid),
  vertegenwoordigdePartij__url: representedBy(matchUrl),
  ...identificatorFilters('partijIdentificator__', viaIdentificator),
  ...identificatorFilters('subIdentificatorVan__', viaSubIdentificatorVan),
  // A comma-separated list of categorie names; any of them matches (Open Klant
  // `filter_categorierelatie_categorie_naam`: `categorie__naam__in=value.split(",")`).
  categorierelatie__categorie__naam: (eb, value) =>
    eb.exists(
      eb
        .selectFrom('categorie_relatie as cr')
        .innerJoin('categorie as c', 'c.id', 'cr.categorie_id')
        .select(sql`1`.as('one'))
        .whereRef('cr.partij_id', '=', 'partij.id')
        .where('c.naam', 'in', value.split(',')),
    ),
  ...adresFilters('bezoekadres'),
  ...adresFilters('correspondentieadres'),
}
