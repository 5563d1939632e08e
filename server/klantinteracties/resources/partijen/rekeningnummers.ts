import type { Row } from '../../../lib/db/database'
import { validationError } from '../../../lib/http/problem'
import type { Json, ResourceContext } from '../common/context'
import type { ResourceDefinition, WriteMode, WriteResult } from '../common/definition'
import { exact } from '../common/filters'
import { NOTHING } from '../common/filter-values'
import { isUuid } from '../../../../shared/text/uuid'
import { fkRef, ReferenceResolver, ref, referencedUuids } from '../common/references'
import { readText } from '../common/values'

/**
 * Rekeningnummer (OAS `Rekeningnummer`; Open Klant models/rekeningnummers.py,
 * api/serializers/rekeningnummers.py): a partij's bank account. The OAS patterns check `iban`
 * (`^[A-Za-z]{2}[0-9]{2}[A-Za-z0-9]{1,30}$`, Open Klant `validate_iban`) and `bic` (8–11
 * characters without spaces).
 */
export async function serializeRekeningnummers(ctx: ResourceContext, rows: Row[]): Promise<Json[]> {
  const partijen = await referencedUuids(ctx, 'partij', rows, 'partij_id')
  return rows.map((row) => ({
    uuid: row['uuid'],
    url: ref(ctx, 'rekeningnummers', row['uuid']).url,
    partij: fkRef(ctx, 'partijen', partijen, row['partij_id']),
    iban: readText(row['iban']),
    bic: readText(row['bic']),
  }))
}

async function writeRekeningnummer(ctx: ResourceContext, body: Json, mode: WriteMode): Promise<WriteResult> {
  const refs = new ReferenceResolver(ctx)
  const partijId = await refs.resolve(body, 'partij', 'partij', 'Partij')
  // Open Klant's serializer makes `partij` optional on POST only (RekeningnummerSerializer.__init__):
  // a PUT must name it, if only as null.
  if (mode === 'update' && !('partij' in body)) {
    refs.errors.push({ name: 'partij', code: 'required', reason: 'Dit veld is vereist.' })
  }
  if (refs.errors.length > 0) {
    throw validationError(refs.errors)
  }
  const columns: Row = {}
  if (partijId !== undefined) {
    columns['partij_id'] = partijId
  }
  if ('iban' in body) {
    columns['iban'] = body['iban']
  }
  if ('bic' in body) {
    columns['bic'] = body['bic'] ?? ''
  }
  return {
    columns,
    afterWrite: async (id) => {
      if (partijId !== undefined) {
        // A partij may prefer only a rekeningnummer of its own (see partij-links.ts).
        let stale = ctx.db
          .updateTable('partij')
          .set({ voorkeurs_rekeningnummer_id: null })
          .where('voorkeurs_rekeningnummer_id', '=', id)
        if (partijId !== null) {
          stale = stale.where('id', '!=', partijId)
        }
        await stale.execute()
      }
    },
  }
}

export const rekeningnummers: ResourceDefinition = {
  path: 'rekeningnummers',
  table: 'rekeningnummer',
  schemas: { write: 'Rekeningnummer', patch: 'PatchedRekeningnummer' },
  filters: {
    iban: exact('rekeningnummer.iban'),
    bic: exact('rekeningnummer.bic'),
    // A malformed uuid matches nothing, as the framework's other uuid filters do.
    uuid: (eb, value) => (isUuid(value) ? eb('rekeningnummer.uuid', '=', value.toLowerCase()) : NOTHING),
  },
  // Open Klant: RekeningnummerViewSet queryset `.order_by("-pk")`.
  orderBy: [['id', 'desc']],
  serialize: serializeRekeningnummers,
  write: (ctx, body, mode) => writeRekeningnummer(ctx, body, mode),
}
