import type { Row } from '../../../lib/db/database'
import { validationError, type InvalidParam } from '../../../lib/http/problem'
import type { Json, ResourceContext } from '../common/context'
import type { ResourceDefinition, WriteMode, WriteResult } from '../common/definition'
import { interneTaakFilters } from './internetaak-filters'
import { numberColumns, numberFieldErrors, type NumberFields } from '../common/number-fields'
import { childRefs, groupByParent, ReferenceResolver, ref, referencedUuids } from '../common/references'
import { readNullableText, readText, readTimestamp, writeTimestamp } from '../common/values'

/**
 * InterneTaak (OAS `InterneTaak`): a contactverzoek or terugbelverzoek that a klantcontact led to,
 * assigned to one or more actoren. Behaviour follows Open Klant 2.18
 * (openklant/components/klantinteracties/models/internetaken.py, api/serializers/internetaken.py).
 *
 * The actoren live in `interne_taak_actor` with a `position`, so `toegewezenAanActor` (deprecated
 * since Open Klant 2.2, #182) can be "the first actor" as Open Klant orders by the link's pk.
 */

const NUMBERS: NumberFields = {
  table: 'interne_taak',
  label: 'interne taak',
  fields: ['nummer', 'referentienummer'],
}

const BOTH_ACTOR_FIELDS = 'Gebruik toegewezenAanActor of toegewezenAanActoren, niet allebei.'
const NO_ACTOR_FIELD = 'Geef toegewezenAanActor of toegewezenAanActoren op (één van beide).'
const AFGEHANDELD_REASON =
  "De Internetaak kan geen afgehandeld op datum bevatten als de status niet op 'verwerkt' staat."

async function actorUuidsByTaak(ctx: ResourceContext, ids: number[]): Promise<Map<number, string[]>> {
  if (ids.length === 0) {
    return new Map()
  }
  const rows = await ctx.db
    .selectFrom('interne_taak_actor as ta')
    .innerJoin('actor as a', 'a.id', 'ta.actor_id')
    .select(['ta.interne_taak_id as taak_id', 'a.uuid as actor_uuid'])
    .where('ta.interne_taak_id', 'in', ids)
    .orderBy('ta.position')
    .execute()
  return groupByParent(
    rows,
    (row) => row['taak_id'],
    (row) => String(row['actor_uuid']),
  )
}

async function serializeInterneTaken(ctx: ResourceContext, rows: Row[]): Promise<Json[]> {
  const [klantcontacten, actors] = await Promise.all([
    referencedUuids(ctx, 'klantcontact', rows, 'klantcontact_id'),
    actorUuidsByTaak(
      ctx,
      rows.map((r) => Number(r['id'])),
    ),
  ])
  return rows.map((row) => {
    const actoren = childRefs(ctx, 'actoren', actors, Number(row['id']))
    return {
      uuid: row['uuid'],
      url: ref(ctx, 'internetaken', row['uuid']).url,
      nummer: readNullableText(row['nummer']),
      referentienummer: readNullableText(row['referentienummer']),
      gevraagdeHandeling: readText(row['gevraagde_handeling']),
      aanleidinggevendKlantcontact: ref(
        ctx,
        'klantcontacten',
        klantcontacten.get(Number(row['klantcontact_id'])),
      ),
      // The OAS does not let this be null; with no actor at all (`toegewezenAanActoren: []`) it is left out.
      ...(actoren[0] ? { toegewezenAanActor: actoren[0] } : {}),
      toegewezenAanActoren: actoren,
      toelichting: readText(row['toelichting']),
      status: readText(row['status']),
      toegewezenOp: readTimestamp(row['toegewezen_op']),
      afgehandeldOp: readTimestamp(row['afgehandeld_op']),
    }
  })
}

/** Open Klant `InterneTaakSerializer._validate_actoren`: exactly one of the two fields, except on PATCH. */
function actorFieldErrors(body: Json, mode: WriteMode): InvalidParam[] {
  const single = 'toegewezenAanActor' in body
  const multiple = 'toegewezenAanActoren' in body
  if (single && multiple) {
    return [{ name: 'nonFieldErrors', code: 'invalid', reason: BOTH_ACTOR_FIELDS }]
  }
  if (!single && !multiple && mode !== 'partial') {
    return [{ name: 'nonFieldErrors', code: 'invalid', reason: NO_ACTOR_FIELD }]
  }
  return []
}

/** The actor ids to link, in order and without repeats (Django's `actoren.add` ignores a repeat). */
async function resolveActors(refs: ReferenceResolver, body: Json): Promise<number[] | undefined> {
  let values: Array<[value: unknown, name: string]>
  if ('toegewezenAanActor' in body) {
    values = [[body['toegewezenAanActor'], 'toegewezenAanActor']]
  } else if (Array.isArray(body['toegewezenAanActoren'])) {
    values = (body['toegewezenAanActoren'] as unknown[]).map((v, i) => [v, `toegewezenAanActoren.${i}`])
  } else {
    return undefined
  }
  const ids: number[] = []
  for (const [value, name] of values) {
    const id = await refs.resolveValue(value, 'actor', 'Actor', name)
    if (id !== undefined && !ids.includes(id)) {
      ids.push(id)
    }
  }
  return ids
}

/**
 * `afgehandeldOp` as Open Klant's serializer and `InterneTaak.save()` treat it: a value is refused
 * unless the (new or stored) status is `verwerkt`; becoming `verwerkt` without one stamps now;
 * going back to `te_verwerken` clears it.
 */
function afgehandeldOp(body: Json, status: unknown, existing?: Row): unknown {
  let value: unknown =
    'afgehandeldOp' in body
      ? body['afgehandeldOp'] == null
        ? null
        : writeTimestamp(String(body['afgehandeldOp']))
      : (existing?.['afgehandeld_op'] ?? null)
  if (value == null && status === 'verwerkt') {
    value = writeTimestamp(new Date())
  } else if (value != null && status === 'te_verwerken') {
    value = null
  }
  return value
}

async function writeInterneTaak(
  ctx: ResourceContext,
  body: Json,
  mode: WriteMode,
  existing?: Row,
): Promise<WriteResult> {
  const refs = new ReferenceResolver(ctx)
  const klantcontactId = await refs.resolve(
    body,
    'aanleidinggevendKlantcontact',
    'klantcontact',
    'Klantcontact',
  )
  const actorIds = await resolveActors(refs, body)
  const status = body['status'] ?? existing?.['status']
  const errors: InvalidParam[] = [
    ...actorFieldErrors(body, mode),
    ...refs.errors,
    ...(await numberFieldErrors(ctx, NUMBERS, body, existing)),
  ]
  if (typeof body['gevraagdeHandeling'] === 'string' && body['gevraagdeHandeling'].trim() === '') {
    errors.push({ name: 'gevraagdeHandeling', code: 'blank', reason: 'Dit veld mag niet leeg zijn.' })
  }
  if (body['afgehandeldOp'] != null && status !== 'verwerkt') {
    errors.push({ name: 'afgehandeldOp', code: 'invalid', reason: AFGEHANDELD_REASON })
  }
  if (errors.length > 0) {
    throw validationError(errors)
  }

  const columns: Row = numberColumns(body, NUMBERS)
  if ('gevraagdeHandeling' in body) {
    columns['gevraagde_handeling'] = body['gevraagdeHandeling']
  }
  if (klantcontactId != null) {
    columns['klantcontact_id'] = klantcontactId
  }
  if ('toelichting' in body) {
    columns['toelichting'] = body['toelichting'] ?? ''
  }
  if ('status' in body) {
    columns['status'] = body['status']
  }
  columns['afgehandeld_op'] = afgehandeldOp(body, status, existing)
  if (mode === 'create') {
    columns['toegewezen_op'] = writeTimestamp(new Date())
  }

  const afterWrite =
    actorIds === undefined
      ? undefined
      : async (id: number): Promise<void> => {
          await ctx.db.deleteFrom('interne_taak_actor').where('interne_taak_id', '=', id).execute()
          if (actorIds.length > 0) {
            await ctx.db
              .insertInto('interne_taak_actor')
              .values(
                actorIds.map((actorId, position) => ({ interne_taak_id: id, actor_id: actorId, position })),
              )
              .execute()
          }
        }
  return { columns, ...(afterWrite ? { afterWrite } : {}) }
}

export const internetaken: ResourceDefinition = {
  path: 'internetaken',
  table: 'interne_taak',
  schemas: { write: 'InterneTaak', patch: 'PatchedInterneTaak' },
  filters: interneTaakFilters,
  // Open Klant InterneTaakViewSet: `order_by("-pk")`.
  orderBy: [['id', 'desc']],
  serialize: serializeInterneTaken,
  write: writeInterneTaak,
}
