import { AFHANDELINGEN, type Afhandeling } from '../../../shared/klantcontact/afhandeling'
import { AFHANDELING_COUNTERS, type AfdelingCounters } from '../../../shared/live/counters'

/**
 * Today's klantcontacten of one afdeling per afhandeling, from its day counters (undefined before
 * its first event today). A snapshot from a gateway that does not count afhandelingen yet lacks the
 * fields: zero.
 */
export function afhandelingFigures(
  counters: Partial<AfdelingCounters> | undefined,
): Readonly<Record<Afhandeling, number>> {
  return Object.fromEntries(
    AFHANDELINGEN.map((a) => [a, counters?.[AFHANDELING_COUNTERS[a]] ?? 0]),
  ) as Record<Afhandeling, number>
}
