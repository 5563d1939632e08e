import { sql } from 'kysely'
import type { Filter } from '../common/definition'
import { choice, NOTHING } from '../common/filter-values'
import { exact, fkUrl, fkUuid, matchUrl, matchUuid } from '../common/filters'
import { writeTimestamp } from '../common/values'

/**
 * The query parameters of `GET /internetaken` (OAS 0.9.0; Open Klant api/filterset/internetaken.py
 * `InternetaakFilterSet`). `actoren__naam` is listed in that filterset's `Meta.fields`, so it is
 * Django's default exact lookup, not a substring search. Conditions on the assigned actors are
 * `exists` subqueries so a taak with two matching actors is listed once.
 */
const TAAKSTATUS = ['te_verwerken', 'verwerkt'] as const

/** exists (select 1 from interne_taak_actor join actor where <cond on actor a>) */
const viaActor =
  (cond: Filter): Filter =>
  (eb, value, ctx) =>
    eb.exists(
      eb
        .selectFrom('interne_taak_actor as ta')
        .innerJoin('actor as a', 'a.id', 'ta.actor_id')
        .select(sql`1`.as('one'))
        .whereRef('ta.interne_taak_id', '=', 'interne_taak.id')
        .where((ib) => cond(ib as never, value, ctx)),
    )

/** interne_taak.klantcontact_id in (select id from klantcontact where <column> = value) */
const viaKlantcontact =
  (column: string): Filter =>
  (eb, value) =>
    eb(
      'interne_taak.klantcontact_id',
      'in',
      eb.selectFrom('klantcontact').select('id').where(column, '=', value),
    )

export const interneTaakFilters: Record<string, Filter> = {
  nummer: exact('interne_taak.nummer'),
  referentienummer: exact('interne_taak.referentienummer'),
  // `status` has model choices, so django-filter makes it a ChoiceFilter: an unknown value is a 400.
  status: choice('interne_taak.status', 'status', TAAKSTATUS),
  toegewezenOp: (eb, value) => {
    const time = Date.parse(value)
    return Number.isNaN(time)
      ? NOTHING
      : eb('interne_taak.toegewezen_op', '=', writeTimestamp(new Date(time)))
  },
  actoren__naam: viaActor((eb, v) => eb('a.naam', '=', v)),
  toegewezenAanActor__uuid: viaActor((eb, v) => eb('a.uuid', '=', matchUuid(v))),
  toegewezenAanActor__url: viaActor((eb, v) => eb('a.uuid', '=', matchUrl(v))),
  aanleidinggevendKlantcontact__uuid: fkUuid('interne_taak.klantcontact_id', 'klantcontact'),
  aanleidinggevendKlantcontact__url: fkUrl('interne_taak.klantcontact_id', 'klantcontact'),
  klantcontact__uuid: fkUuid('interne_taak.klantcontact_id', 'klantcontact'),
  klantcontact__nummer: viaKlantcontact('nummer'),
  klantcontact__referentienummer: viaKlantcontact('referentienummer'),
}
