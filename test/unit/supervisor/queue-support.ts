import { ZERO_COUNTERS, type AfdelingCounters, type DayCounters } from '../../../shared/live/counters'
import type { QueueStatus } from '../../../shared/live/queue'
import { ago } from './fixtures'

/** Today's counters (the fixtures' day) with the given figures per afdeling, zeros elsewhere. */
export function countersToday(afdelingen: Record<string, Partial<AfdelingCounters>>): DayCounters {
  return {
    day: '2026-12-04',
    afdelingen: Object.fromEntries(
      Object.entries(afdelingen).map(([id, c]) => [id, { ...ZERO_COUNTERS, ...c }]),
    ),
  }
}

/** `waiting` callers for `afdeling`, the longest of them waiting `longestMs` at the fixtures' NOW. */
export function queue(afdeling: string, waiting: number, longestMs?: number): QueueStatus {
  return { afdeling, waiting, ...(longestMs !== undefined ? { oldestSince: ago(longestMs) } : {}) }
}

/** KCC: 17 answered from the queue, 15 of them in time, 3 lost of which 1 with nobody available, 2 terugbelverzoeken. */
export const KCC_TODAY = {
  queueOffered: 20,
  queueAnswered: 17,
  answeredWithinServiceLevel: 15,
  queueAbandoned: 3,
  queueNoAgent: 1,
  terugbelverzoeken: 2,
}
