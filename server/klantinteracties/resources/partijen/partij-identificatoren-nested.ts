import type { Row } from '../../../lib/db/database'
import { writeRow } from '../../http/resource-routes'
import type { InvalidParam } from '../../../lib/http/problem'
import type { Json, ResourceContext } from '../common/context'
import type { ResourceDefinition, WriteMode } from '../common/definition'
import { assertNotParentOfOthers, partijIdentificatoren, writeIdentificator } from './partij-identificatoren'
import type { ReferenceResolver } from '../common/references'

/**
 * `partijIdentificatoren` written through POST/PUT/PATCH /partijen (OAS `/partijen` operation
 * descriptions; Open Klant `PartijSerializer.update_or_create_partij_identificator`):
 *
 * - an item with `uuid` updates that existing identificator and attaches it to this partij;
 * - an item without `uuid` creates one;
 * - on PUT and PATCH the partij's identificatoren that are not listed by uuid are deleted first;
 * - on POST `identificeerdePartij` may not be sent (it is this partij); on PUT/PATCH it is
 *   overwritten with this partij;
 * - a uuid may occur once.
 *
 * Items are written one by one with all the rules of partij-identificator-rules.ts, so an item may
 * refer (subIdentificatorVan) to an identificator written earlier in the same request by uuid.
 * Errors are named `partijIdentificatoren.<i>.<field>`.
 */
const FIELD = 'partijIdentificatoren'

function items(body: Json): Json[] | null {
  const value = body[FIELD]
  return Array.isArray(value) ? (value as Json[]) : null
}

/** Checks made before anything is written, so they are reported with the partij's other errors. */
export async function checkNestedIdentificatoren(
  body: Json,
  mode: WriteMode,
  refs: ReferenceResolver,
  errors: InvalidParam[],
): Promise<void> {
  const list = items(body)
  if (!list) {
    return
  }
  const uuids = list.map((item) => item['uuid']).filter((u): u is string => typeof u === 'string')
  if (new Set(uuids).size !== uuids.length) {
    errors.push({
      name: `${FIELD}.identificeerdePartij`,
      code: 'duplicated',
      reason: 'Duplicaat uuid kan niet worden ingevoerd voor `partij_identificatoren`.',
    })
  }
  if (mode === 'create' && list.some((item) => item['identificeerdePartij'] != null)) {
    errors.push({
      name: `${FIELD}.identificeerdePartij`,
      code: 'invalid',
      reason:
        'Het veld `identificeerde_partij` wordt automatisch ingesteld en dient niet te worden opgegeven.',
    })
  }
  for (const [i, item] of list.entries()) {
    if ('uuid' in item) {
      await refs.resolveValue(item, 'partij_identificator', 'PartijIdentificator', `${FIELD}.${i}`)
    }
  }
}

/** Writes the items after the partij row exists, inside the partij's transaction. */
export async function applyNestedIdentificatoren(
  ctx: ResourceContext,
  partijId: number,
  body: Json,
  mode: WriteMode,
): Promise<void> {
  const list = items(body)
  if (!list) {
    return
  }
  const existingByUuid = new Map<string, Row>()
  const listedUuids = list.map((item) => item['uuid']).filter((u): u is string => typeof u === 'string')
  if (listedUuids.length > 0) {
    const rows = await ctx.db
      .selectFrom('partij_identificator')
      .selectAll()
      .where(
        'uuid',
        'in',
        listedUuids.map((u) => u.toLowerCase()),
      )
      .execute()
    for (const row of rows) {
      existingByUuid.set(String(row['uuid']), row)
    }
  }
  if (mode !== 'create') {
    const keep = [...existingByUuid.values()].map((r) => Number(r['id']))
    let query = ctx.db.selectFrom('partij_identificator').select('id').where('partij_id', '=', partijId)
    if (keep.length > 0) {
      query = query.where('id', 'not in', keep)
    }
    const obsolete = (await query.execute()).map((r) => Number(r['id']))
    await assertNotParentOfOthers(ctx, obsolete)
    if (obsolete.length > 0) {
      await ctx.db.deleteFrom('partij_identificator').where('id', 'in', obsolete).execute()
    }
  }
  for (const [i, item] of list.entries()) {
    const existing =
      typeof item['uuid'] === 'string' ? existingByUuid.get(item['uuid'].toLowerCase()) : undefined
    const definition: ResourceDefinition = {
      ...partijIdentificatoren,
      write: (c, b, _m, e) => writeIdentificator(c, b, e, { prefix: `${FIELD}.${i}.`, partijId }),
    }
    const { identificeerdePartij: _ignored, ...data } = item
    await writeRow(ctx, definition, data, existing ? 'update' : 'create', existing)
  }
}
