import type { Row } from '../../../lib/db/database'
import { validationError } from '../../../lib/http/problem'
import type { Json, ResourceContext } from '../common/context'
import type { ResourceDefinition, WriteMode, WriteResult } from '../common/definition'
import { fkUrl, fkUuid } from '../common/filters'
import { dateFilter } from '../common/filter-values'
import { distinctIds, nullableRef, ReferenceResolver, ref } from '../common/references'
import { readDate, readNullableText } from '../common/values'

/**
 * CategorieRelatie (OAS `CategorieRelatie`, experimental; Open Klant models/partijen.py
 * `CategorieRelatie`, `CategorieRelatieSerializer`): a partij in a categorie from `beginDatum`
 * until `eindDatum`.
 */
export async function serializeCategorieRelaties(ctx: ResourceContext, rows: Row[]): Promise<Json[]> {
  const partijIds = distinctIds(rows.map((r) => r['partij_id']))
  const categorieIds = distinctIds(rows.map((r) => r['categorie_id']))
  const [partijen, categorieen] = await Promise.all([
    partijIds.length
      ? ctx.db.selectFrom('partij').select(['id', 'uuid']).where('id', 'in', partijIds).execute()
      : [],
    categorieIds.length
      ? ctx.db
          .selectFrom('categorie')
          .select(['id', 'uuid', 'naam'])
          .where('id', 'in', categorieIds)
          .execute()
      : [],
  ])
  const partijById = new Map(partijen.map((p) => [Number(p['id']), p]))
  const categorieById = new Map(categorieen.map((c) => [Number(c['id']), c]))
  return rows.map((row) => {
    const categorie = row['categorie_id'] == null ? undefined : categorieById.get(Number(row['categorie_id']))
    return {
      uuid: row['uuid'],
      url: ref(ctx, 'categorie-relaties', row['uuid']).url,
      partij: nullableRef(
        ctx,
        'partijen',
        row['partij_id'] == null ? null : partijById.get(Number(row['partij_id']))?.['uuid'],
      ),
      // OAS CategorieForeignKey carries the categorie's naam (readOnly) beside the reference.
      categorie: categorie
        ? { ...ref(ctx, 'categorieen', categorie['uuid']), naam: readNullableText(categorie['naam']) ?? '' }
        : null,
      beginDatum: readDate(row['begin_datum']),
      eindDatum: readDate(row['eind_datum']),
    }
  })
}

/** Today in the Netherlands, as Open Klant (TIME_ZONE Europe/Amsterdam) fills a missing beginDatum. */
const todayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' })

async function writeCategorieRelatie(
  ctx: ResourceContext,
  body: Json,
  mode: WriteMode,
): Promise<WriteResult> {
  const refs = new ReferenceResolver(ctx)
  const partijId = await refs.resolve(body, 'partij', 'partij', 'Partij')
  const categorieId = await refs.resolve(body, 'categorie', 'categorie', 'Categorie')
  if (refs.errors.length > 0) {
    throw validationError(refs.errors)
  }
  const columns: Row = {}
  if (partijId !== undefined) {
    columns['partij_id'] = partijId
  }
  if (categorieId !== undefined) {
    columns['categorie_id'] = categorieId
  }
  if ('beginDatum' in body) {
    columns['begin_datum'] = body['beginDatum'] ?? null
  }
  if ('eindDatum' in body) {
    columns['eind_datum'] = body['eindDatum'] ?? null
  }
  // Open Klant CategorieRelatieSerializer.create: an empty beginDatum becomes today.
  if (mode === 'create' && (columns['begin_datum'] === undefined || columns['begin_datum'] === null)) {
    columns['begin_datum'] = todayFormat.format(new Date())
  }
  return { columns }
}

export const categorieRelaties: ResourceDefinition = {
  path: 'categorie-relaties',
  table: 'categorie_relatie',
  schemas: { write: 'CategorieRelatie', patch: 'PatchedCategorieRelatie' },
  filters: {
    partij__uuid: fkUuid('categorie_relatie.partij_id', 'partij'),
    partij__url: fkUrl('categorie_relatie.partij_id', 'partij'),
    partij__nummer: (eb, value) =>
      eb(
        'categorie_relatie.partij_id',
        'in',
        eb.selectFrom('partij').select('partij.id').where('partij.nummer', '=', value),
      ),
    categorie__uuid: fkUuid('categorie_relatie.categorie_id', 'categorie'),
    categorie__url: fkUrl('categorie_relatie.categorie_id', 'categorie'),
    categorie__naam: (eb, value) =>
      eb(
        'categorie_relatie.categorie_id',
        'in',
        eb.selectFrom('categorie').select('categorie.id').where('categorie.naam', '=', value),
      ),
    beginDatum: dateFilter('categorie_relatie.begin_datum', 'beginDatum', '='),
    eindDatum: dateFilter('categorie_relatie.eind_datum', 'eindDatum', '='),
  },
  // Open Klant: CategorieRelatieViewSet queryset `.order_by("-pk")`.
  orderBy: [['id', 'desc']],
  serialize: serializeCategorieRelaties,
  write: (ctx, body, mode) => writeCategorieRelatie(ctx, body, mode),
}
