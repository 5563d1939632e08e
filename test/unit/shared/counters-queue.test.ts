import { describe, expect, it } from 'vitest'
import {
  applyCounters,
  emptyCounters,
  serviceLevel,
  ZERO_COUNTERS,
  type AfdelingCounters,
  type DayCounters,
} from '../../../shared/live/counters'
import type { LiveEvent, LiveEventBody } from '../../../shared/live/protocol'
import type { QueueOutcome } from '../../../shared/live/queue'

let seq = 0
const MORNING = '2026-12-04T09:00:00.000Z'
const at = (body: LiveEventBody, iso = MORNING): LiveEvent => ({ ...body, seq: ++seq, at: iso })
const left = (
  outcome: QueueOutcome,
  extra: { waitedMs?: number; withinServiceLevel?: boolean; afdeling?: string } = {},
): LiveEvent =>
  at({
    type: 'queue.left',
    queueCallId: `q${seq}`,
    afdeling: extra.afdeling ?? 'kcc',
    outcome,
    waitedMs: extra.waitedMs ?? 0,
    withinServiceLevel: extra.withinServiceLevel ?? false,
  })
const counts = (some: Partial<AfdelingCounters>): AfdelingCounters => ({ ...ZERO_COUNTERS, ...some })

function count(events: LiveEvent[], start: DayCounters = emptyCounters('')): DayCounters {
  return events.reduce(applyCounters, start)
}

describe("today's queue counters per afdeling", () => {
  it('counts a caller answered from the queue, within the service level or not, with the wait', () => {
    const counters = count([
      left('answered', { waitedMs: 8_000, withinServiceLevel: true }),
      left('answered', { waitedMs: 45_000, withinServiceLevel: false }),
    ])
    expect(counters.afdelingen['kcc']).toEqual(
      counts({ queueOffered: 2, queueAnswered: 2, answeredWithinServiceLevel: 1, answeredWaitedMs: 53_000 }),
    )
  })

  it('counts hanging up, nobody available and the maximum wait as abandoned, nobody available also apart', () => {
    const counters = count([left('abandoned', { waitedMs: 30_000 }), left('no_agent'), left('timeout')])
    expect(counters.afdelingen['kcc']).toEqual(
      counts({ queueOffered: 3, queueAbandoned: 3, queueNoAgent: 1 }),
    )
  })

  it('counts an overflowed caller as offered and overflowed, not as lost, and again where it ends', () => {
    const counters = count([
      left('overflowed', { waitedMs: 60_000 }),
      left('answered', { afdeling: 'vergunningen', waitedMs: 5_000, withinServiceLevel: true }),
    ])
    expect(counters.afdelingen['kcc']).toEqual(counts({ queueOffered: 1, overflowed: 1 }))
    expect(counters.afdelingen['vergunningen']).toEqual(
      counts({ queueOffered: 1, queueAnswered: 1, answeredWithinServiceLevel: 1, answeredWaitedMs: 5_000 }),
    )
  })

  it('counts each terugbelverzoek registered today for its afdeling', () => {
    const counters = count([
      at({ type: 'terugbelverzoek.created', afdeling: 'kcc' }),
      at({ type: 'terugbelverzoek.created', afdeling: 'kcc' }),
      at({ type: 'terugbelverzoek.created', afdeling: 'vergunningen' }),
    ])
    expect(counters.afdelingen['kcc']).toEqual(counts({ terugbelverzoeken: 2 }))
    expect(counters.afdelingen['vergunningen']).toEqual(counts({ terugbelverzoeken: 1 }))
  })

  it('starts the queue counters from zero on a new day', () => {
    const yesterday = count([left('answered', { withinServiceLevel: true }), left('no_agent')])
    const today = count([{ ...left('timeout'), at: '2026-12-05T07:00:00.000Z' }], yesterday)
    expect(today).toEqual({
      day: '2026-12-05',
      afdelingen: { kcc: counts({ queueOffered: 1, queueAbandoned: 1 }) },
    })
  })

  it('gives the service level as answered in time over answered and lost, without the overflowed', () => {
    const counters = count([
      left('answered', { withinServiceLevel: true }),
      left('answered', { withinServiceLevel: true }),
      left('answered', { withinServiceLevel: true }),
      left('answered', { withinServiceLevel: false }),
      left('abandoned'),
      left('overflowed'),
    ])
    expect(serviceLevel(counters.afdelingen['kcc']!)).toBe(3 / 5)
    expect(serviceLevel(counts({ overflowed: 2 }))).toBeUndefined()
  })
})
