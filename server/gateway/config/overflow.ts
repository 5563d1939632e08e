import type { AfdelingConfig } from './types'

/**
 * An afdeling's `queue.overflowTo` must name another configured afdeling, and following the
 * overflow afdelingen from any afdeling must never come back to it: a loop would be a
 * configuration mistake (a call overflows once, so it would not spin, but the setting would say
 * something the queue does not do).
 */
export function overflowProblems(afdelingen: readonly AfdelingConfig[]): string[] {
  const problems: string[] = []
  const byId = new Map(afdelingen.map((a) => [a.id, a]))
  for (const afdeling of afdelingen) {
    const target = afdeling.queue?.overflowTo
    if (target === undefined) {
      continue
    }
    if (target === afdeling.id) {
      problems.push(`afdeling ${afdeling.id}: queue.overflowTo names the afdeling itself`)
      continue
    }
    if (!byId.has(target)) {
      problems.push(`afdeling ${afdeling.id}: queue.overflowTo ${target} is not configured`)
      continue
    }
    const seen = new Set([afdeling.id])
    let next: string | undefined = target
    while (next !== undefined && byId.has(next)) {
      if (seen.has(next)) {
        problems.push(`afdeling ${afdeling.id}: queue.overflowTo loops (${[...seen, next].join(' → ')})`)
        break
      }
      seen.add(next)
      next = byId.get(next)?.queue?.overflowTo
    }
  }
  return problems
}
