import type { Filter } from '../common/definition'
import { childWhere, exact, fkUrl, fkUuid, matchUrl, matchUuid } from '../common/filters'
import { partijIdentificatorFilters } from '../partijen/partij-filters'

/**
 * The query parameters of `GET /betrokkenen` (OAS 0.9.0; Open Klant api/filterset/klantcontacten.py
 * `BetrokkeneFilterSet`). Everything is an exact match, as Django's default lookup. Conditions on
 * digitale adressen are `exists` subqueries so a betrokkene never appears twice (Open Klant #624).
 */
/** betrokkene.<fk> in (select id from <table> where <column> = value) */
const viaParent =
  (fk: string, table: string, column: string): Filter =>
  (eb, value) =>
    eb(`betrokkene.${fk}`, 'in', eb.selectFrom(table).select('id').where(column, '=', value))

const viaDigitaalAdres = (inner: Filter): Filter =>
  childWhere('betrokkene', 'digitaal_adres', 'betrokkene_id', inner)

export const betrokkeneFilters: Record<string, Filter> = {
  contactnaamVoorletters: exact('betrokkene.contactnaam_voorletters'),
  contactnaamVoornaam: exact('betrokkene.contactnaam_voornaam'),
  contactnaamVoorvoegselAchternaam: exact('betrokkene.contactnaam_voorvoegsel_achternaam'),
  contactnaamAchternaam: exact('betrokkene.contactnaam_achternaam'),
  organisatienaam: exact('betrokkene.organisatienaam'),
  hadKlantcontact__uuid: fkUuid('betrokkene.klantcontact_id', 'klantcontact'),
  hadKlantcontact__url: fkUrl('betrokkene.klantcontact_id', 'klantcontact'),
  hadKlantcontact__nummer: viaParent('klantcontact_id', 'klantcontact', 'nummer'),
  hadKlantcontact__referentienummer: viaParent('klantcontact_id', 'klantcontact', 'referentienummer'),
  verstrektedigitaalAdres__adres: viaDigitaalAdres((eb, v) => eb('child.adres', '=', v)),
  verstrektedigitaalAdres__uuid: viaDigitaalAdres((eb, v) => eb('child.uuid', '=', matchUuid(v))),
  verstrektedigitaalAdres__url: viaDigitaalAdres((eb, v) => eb('child.uuid', '=', matchUrl(v))),
  wasPartij__uuid: fkUuid('betrokkene.partij_id', 'partij'),
  wasPartij__url: fkUrl('betrokkene.partij_id', 'partij'),
  wasPartij__nummer: viaParent('partij_id', 'partij', 'nummer'),
  ...partijIdentificatorFilters('wasPartij__partijIdentificator__', 'betrokkene.partij_id'),
}
