import type { Row } from '../../../lib/db/database'
import { validationError, type InvalidParam } from '../../../lib/http/problem'
import type { Json, ResourceContext } from '../common/context'
import type { ResourceDefinition, WriteResult } from '../common/definition'
import { fkUrl, fkUuid } from '../common/filters'
import { ReferenceResolver, ref, referencedUuids } from '../common/references'

/**
 * Vertegenwoordiging (OAS `Vertegenwoordigden`; Open Klant models/partijen.py `Vertegenwoordigden`,
 * `VertegenwoordigdenSerializer`): one partij represents another. The pair is unique and a partij
 * cannot represent itself.
 */
export async function serializeVertegenwoordigingen(ctx: ResourceContext, rows: Row[]): Promise<Json[]> {
  const partijen = await referencedUuids(
    ctx,
    'partij',
    rows,
    'vertegenwoordigende_partij_id',
    'vertegenwoordigde_partij_id',
  )
  return rows.map((row) => ({
    uuid: row['uuid'],
    url: ref(ctx, 'vertegenwoordigingen', row['uuid']).url,
    vertegenwoordigendePartij: ref(
      ctx,
      'partijen',
      partijen.get(Number(row['vertegenwoordigende_partij_id'])),
    ),
    vertegenwoordigdePartij: ref(ctx, 'partijen', partijen.get(Number(row['vertegenwoordigde_partij_id']))),
  }))
}

async function writeVertegenwoordiging(
  ctx: ResourceContext,
  body: Json,
  existing?: Row,
): Promise<WriteResult> {
  const refs = new ReferenceResolver(ctx)
  const vertegenwoordigende = await refs.resolve(body, 'vertegenwoordigendePartij', 'partij', 'Partij')
  const vertegenwoordigde = await refs.resolve(body, 'vertegenwoordigdePartij', 'partij', 'Partij')
  if (refs.errors.length > 0) {
    throw validationError(refs.errors)
  }
  const effective = (id: number | null | undefined, column: string): number =>
    Number(id ?? existing?.[column])
  const van = effective(vertegenwoordigende, 'vertegenwoordigende_partij_id')
  const voor = effective(vertegenwoordigde, 'vertegenwoordigde_partij_id')
  const errors: InvalidParam[] = []
  if (van === voor) {
    errors.push({
      name: 'vertegenwoordigdePartij',
      code: 'invalid',
      reason: 'De partij kan niet zichzelf vertegenwoordigen.',
    })
  } else {
    // Open Klant's FKUniqueTogetherValidator over the two partijen (unique_together in the model).
    const taken = await ctx.db
      .selectFrom('vertegenwoordiging')
      .select('id')
      .where('vertegenwoordigende_partij_id', '=', van)
      .where('vertegenwoordigde_partij_id', '=', voor)
      .where('id', '!=', Number(existing?.['id'] ?? 0))
      .executeTakeFirst()
    if (taken) {
      errors.push({
        name: 'nonFieldErrors',
        code: 'unique',
        reason: 'De velden vertegenwoordigende_partij, vertegenwoordigde_partij moeten een unieke set zijn.',
      })
    }
  }
  if (errors.length > 0) {
    throw validationError(errors)
  }
  const columns: Row = {}
  if (vertegenwoordigende != null) {
    columns['vertegenwoordigende_partij_id'] = vertegenwoordigende
  }
  if (vertegenwoordigde != null) {
    columns['vertegenwoordigde_partij_id'] = vertegenwoordigde
  }
  return { columns }
}

export const vertegenwoordigingen: ResourceDefinition = {
  path: 'vertegenwoordigingen',
  table: 'vertegenwoordiging',
  schemas: { write: 'Vertegenwoordigden', patch: 'PatchedVertegenwoordigden' },
  filters: {
    vertegenwoordigendePartij__uuid: fkUuid('vertegenwoordiging.vertegenwoordigende_partij_id', 'partij'),
    vertegenwoordigendePartij__url: fkUrl('vertegenwoordiging.vertegenwoordigende_partij_id', 'partij'),
    vertegenwoordigdePartij__uuid: fkUuid('vertegenwoordiging.vertegenwoordigde_partij_id', 'partij'),
    vertegenwoordigdePartij__url: fkUrl('vertegenwoordiging.vertegenwoordigde_partij_id', 'partij'),
  },
  // Open Klant: VertegenwoordigdenViewSet queryset `.order_by("-pk")`.
  orderBy: [['id', 'desc']],
  serialize: serializeVertegenwoordigingen,
  write: (ctx, body, _mode, existing) => writeVertegenwoordiging(ctx, body, existing),
}
