import type { Row } from '../../../lib/db/database'
import type { Json, ResourceContext } from './context'
import type { ResourceDefinition } from './definition'

export type Registry = ReadonlyMap<string, ResourceDefinition>

/**
 * Adds `_expand` to serialised items for the requested dotted paths (Open Klant ExpandMixin):
 * `_expand` is present whenever expand was asked, lists stay lists, a missing single relation
 * is null, and a two-level path nests another `_expand` inside the expanded item.
 */
export async function applyExpand(
  ctx: ResourceContext,
  registry: Registry,
  definition: ResourceDefinition,
  items: Json[],
  rows: Row[],
  paths: string[],
): Promise<void> {
  if (paths.length === 0) {
    return
  }
  for (const item of items) {
    item['_expand'] = {}
  }
  const byFirst = new Map<string, string[]>()
  for (const path of paths) {
    const [first, ...rest] = path.split('.')
    if (!first) {
      continue
    }
    const nested = byFirst.get(first) ?? []
    if (rest.length > 0) {
      nested.push(rest.join('.'))
    }
    byFirst.set(first, nested)
  }

  for (const [name, nested] of byFirst) {
    const relation = definition.relations?.[name]
    if (!relation) {
      throw new Error(`${definition.path}: expand path ${name} has no relation`)
    }
    const target = registry.get(relation.target)
    if (!target) {
      throw new Error(`${definition.path}: unknown expand target ${relation.target}`)
    }
    if (relation.many) {
      const groups = await relation.load(ctx, rows)
      const flatRows = groups.flat()
      const flatItems = await target.serialize(ctx, flatRows)
      await applyExpand(ctx, registry, target, flatItems, flatRows, nested)
      let offset = 0
      groups.forEach((group, i) => {
        ;(items[i]!['_expand'] as Json)[name] = flatItems.slice(offset, offset + group.length)
        offset += group.length
      })
    } else {
      const related = await relation.load(ctx, rows)
      const present = related.filter((r): r is Row => r !== null)
      const serialised = await target.serialize(ctx, present)
      await applyExpand(ctx, registry, target, serialised, present, nested)
      const byId = new Map(present.map((r, i) => [Number(r['id']), serialised[i]]))
      related.forEach((r, i) => {
        ;(items[i]!['_expand'] as Json)[name] = r === null ? null : (byId.get(Number(r['id'])) ?? null)
      })
    }
  }
}
