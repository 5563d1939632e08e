import type { ResourceDefinition } from '../common/definition'
import { ref } from '../common/references'
import { readText } from '../common/values'

/**
 * Categorie (OAS `Categorie`, experimental; Open Klant models/partijen.py `Categorie`): a named
 * label that partijen are linked to through categorie-relaties. No filters in the OAS.
 */
export const categorieen: ResourceDefinition = {
  path: 'categorieen',
  table: 'categorie',
  schemas: { write: 'Categorie', patch: 'PatchedCategorie' },
  filters: {},
  // Open Klant: CategorieViewSet queryset `.order_by("-pk")`.
  orderBy: [['id', 'desc']],
  serialize: (ctx, rows) =>
    Promise.resolve(
      rows.map((row) => ({
        uuid: row['uuid'],
        url: ref(ctx, 'categorieen', row['uuid']).url,
        naam: readText(row['naam']),
      })),
    ),
  write: (_ctx, body) => Promise.resolve({ columns: 'naam' in body ? { naam: body['naam'] ?? '' } : {} }),
}
