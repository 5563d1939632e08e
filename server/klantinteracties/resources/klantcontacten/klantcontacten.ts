import type { Row } from '../../../lib/db/database'
import { validationError, type InvalidParam } from '../../../lib/http/problem'
import type { Json, ResourceContext } from '../common/context'
import type { ResourceDefinition, SerializeOptions, WriteMode, WriteResult } from '../common/definition'
import { serializeActor } from '../actoren/actoren'
import { klantcontactFilters } from './klantcontact-filters'
import { numberColumns, numberFieldErrors, type NumberFields } from '../common/number-fields'
import { childRefs, childUuidsOfTables, groupByParent, ref } from '../common/references'
import { children } from '../common/relations'
import {
  readBool,
  readNullableBool,
  readNullableText,
  readText,
  readTimestamp,
  writeBool,
  writeTimestamp,
} from '../common/values'

/**
 * Klantcontact (OAS `Klantcontact`): one contact between the municipality and a citizen or
 * organisation. Behaviour follows Open Klant 2.18 (openklant/components/klantinteracties/models/
 * klantcontacten.py and api/serializers/klantcontacten.py).
 */

const NUMBERS: NumberFields = {
  table: 'klantcontact',
  label: 'klantcontact',
  fields: ['nummer', 'referentienummer'],
}
const NON_BLANK = ['kanaal', 'onderwerp', 'taal'] as const

export async function serializeKlantcontacten(
  ctx: ResourceContext,
  rows: Row[],
  options: SerializeOptions = {},
): Promise<Json[]> {
  // Nothing can point at a klantcontact inserted in this very transaction: skip the relation queries.
  const ids = options.justCreated ? [] : rows.map((r) => Number(r['id']))
  const [reverse, actors] = await Promise.all([
    childUuidsOfTables(
      ctx,
      [
        ['betrokkene', 'klantcontact_id'],
        ['onderwerpobject', 'klantcontact_id'],
        ['bijlage', 'klantcontact_id'],
        ['interne_taak', 'klantcontact_id'],
      ],
      ids,
    ),
    actorsByKlantcontact(ctx, ids),
  ])
  const [
    betrokkenen = new Map(),
    onderwerpobjecten = new Map(),
    bijlagen = new Map(),
    interneTaken = new Map(),
  ] = reverse
  return rows.map((row) => {
    const id = Number(row['id'])
    return {
      uuid: row['uuid'],
      url: ref(ctx, 'klantcontacten', row['uuid']).url,
      gingOverOnderwerpobjecten: childRefs(ctx, 'onderwerpobjecten', onderwerpobjecten, id),
      hadBetrokkenActoren: actors.get(id) ?? [],
      omvatteBijlagen: childRefs(ctx, 'bijlagen', bijlagen, id),
      hadBetrokkenen: childRefs(ctx, 'betrokkenen', betrokkenen, id),
      leiddeTotInterneTaken: childRefs(ctx, 'internetaken', interneTaken, id),
      nummer: readNullableText(row['nummer']),
      referentienummer: readNullableText(row['referentienummer']),
      kanaal: readText(row['kanaal']),
      onderwerp: readText(row['onderwerp']),
      inhoud: readText(row['inhoud']),
      reactie: readText(row['reactie']),
      indicatieContactGelukt: readNullableBool(row['indicatie_contact_gelukt']),
      hoofdOnderwerpType: readText(row['hoofd_onderwerp_type']),
      verdereActieOndernomen: readBool(row['verdere_actie_ondernomen']),
      taal: readText(row['taal']),
      vertrouwelijk: readBool(row['vertrouwelijk']),
      plaatsgevondenOp: readTimestamp(row['plaatsgevonden_op']),
      metadata: JSON.parse(readText(row['metadata']) || '{}') as Json,
    }
  })
}

/** `hadBetrokkenActoren` holds whole actors (not references), in the order they were linked. */
async function actorsByKlantcontact(ctx: ResourceContext, ids: number[]): Promise<Map<number, Json[]>> {
  if (ids.length === 0) {
    return new Map()
  }
  const rows = await ctx.db
    .selectFrom('actorklantcontact as ak')
    .innerJoin('actor', 'actor.id', 'ak.actor_id')
    .selectAll('actor')
    .select('ak.klantcontact_id as link_klantcontact_id')
    .where('ak.klantcontact_id', 'in', ids)
    .orderBy('ak.id')
    .execute()
  return groupByParent(
    rows,
    (row) => row['link_klantcontact_id'],
    (row) => serializeActor(ctx, row),
  )
}

export async function writeKlantcontact(
  ctx: ResourceContext,
  body: Json,
  mode: WriteMode,
  existing?: Row,
  name: (field: string) => string = (f) => f,
): Promise<WriteResult> {
  const errors: InvalidParam[] = []
  for (const field of NON_BLANK) {
    if (typeof body[field] === 'string' && (body[field] as string).trim() === '') {
      errors.push({ name: name(field), code: 'blank', reason: 'Dit veld mag niet leeg zijn.' })
    }
  }
  errors.push(...(await numberFieldErrors(ctx, NUMBERS, body, existing, name)))
  // Open Klant 2.18 (#598): a system cannot promise further action on a contact that succeeded.
  const gelukt =
    'indicatieContactGelukt' in body
      ? body['indicatieContactGelukt']
      : readNullableBool(existing?.['indicatie_contact_gelukt'])
  const verdereActie =
    'verdereActieOndernomen' in body
      ? body['verdereActieOndernomen']
      : readBool(existing?.['verdere_actie_ondernomen'])
  if (verdereActie === true && gelukt === true) {
    errors.push({
      name: name('nonFieldErrors'),
      code: 'no-further-action-when-contact-succesful',
      reason: 'Het veld verdereActieOndernomen kan alleen true zijn als indicatieContactGelukt false is.',
    })
  }
  if (errors.length > 0) {
    throw validationError(errors)
  }

  const columns: Row = numberColumns(body, NUMBERS)
  const text = (field: string, column: string): void => {
    if (field in body) {
      columns[column] = body[field] ?? ''
    }
  }
  text('kanaal', 'kanaal')
  text('onderwerp', 'onderwerp')
  text('inhoud', 'inhoud')
  text('reactie', 'reactie')
  text('hoofdOnderwerpType', 'hoofd_onderwerp_type')
  text('taal', 'taal')
  if ('indicatieContactGelukt' in body) {
    columns['indicatie_contact_gelukt'] = writeBool(
      ctx.engine,
      body['indicatieContactGelukt'] as boolean | null,
    )
  }
  if ('verdereActieOndernomen' in body) {
    columns['verdere_actie_ondernomen'] = writeBool(ctx.engine, body['verdereActieOndernomen'] as boolean)
  }
  if ('vertrouwelijk' in body) {
    columns['vertrouwelijk'] = writeBool(ctx.engine, body['vertrouwelijk'] as boolean)
  }
  if ('plaatsgevondenOp' in body && body['plaatsgevondenOp'] != null) {
    columns['plaatsgevonden_op'] = writeTimestamp(String(body['plaatsgevondenOp']))
  }
  if ('metadata' in body) {
    columns['metadata'] = JSON.stringify(body['metadata'] ?? {})
  }
  if (mode === 'create') {
    const now = new Date()
    columns['plaatsgevonden_op'] ??= writeTimestamp(now)
    columns['verdere_actie_ondernomen'] ??= writeBool(ctx.engine, false)
    if (ctx.nummer.generate && (columns['nummer'] === undefined || columns['nummer'] === null)) {
      columns['nummer'] = await ctx.nummer.next(ctx.db, now)
    }
  }
  return { columns }
}

export const klantcontacten: ResourceDefinition = {
  path: 'klantcontacten',
  table: 'klantcontact',
  schemas: { write: 'Klantcontact', patch: 'PatchedKlantcontact' },
  filters: klantcontactFilters,
  expand: [
    'hadBetrokkenen',
    'hadBetrokkenen.digitaleAdressen',
    'hadBetrokkenen.wasPartij',
    'leiddeTotInterneTaken',
    'gingOverOnderwerpobjecten',
    'omvatteBijlagen',
  ],
  relations: {
    hadBetrokkenen: children('betrokkenen', 'betrokkene', 'klantcontact_id'),
    leiddeTotInterneTaken: children('internetaken', 'interne_taak', 'klantcontact_id'),
    gingOverOnderwerpobjecten: children('onderwerpobjecten', 'onderwerpobject', 'klantcontact_id'),
    omvatteBijlagen: children('bijlagen', 'bijlage', 'klantcontact_id'),
  },
  // Newest contact first, as Open Klant 2.18 (#359): -plaatsgevondenOp, then -pk.
  orderBy: [
    ['plaatsgevonden_op', 'desc'],
    ['id', 'desc'],
  ],
  serialize: serializeKlantcontacten,
  write: (ctx, body, mode, existing) => writeKlantcontact(ctx, body, mode, existing),
}
