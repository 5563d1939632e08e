import { describe, expect, it } from 'vitest'
import {
  applyCounters,
  dayOf,
  emptyCounters,
  ZERO_COUNTERS,
  type AfdelingCounters,
  type DayCounters,
} from '../../../shared/live/counters'
import type { CallDirection, CallEndReason, LiveEvent, LiveEventBody } from '../../../shared/live/protocol'

let seq = 0
const at = (iso: string, body: LiveEventBody): LiveEvent => ({ ...body, seq: ++seq, at: iso })
const ended = (
  reason: CallEndReason,
  extra: { handledMs?: number; internal?: boolean; afdeling?: string; direction?: CallDirection | null } = {},
): LiveEventBody => ({
  type: 'call.ended',
  callId: `c${seq}`,
  agent: 'medewerker1',
  afdeling: extra.afdeling ?? 'kcc',
  reason,
  ...(extra.direction !== null ? { direction: extra.direction ?? 'inbound' } : {}),
  ...(extra.handledMs !== undefined ? { handledMs: extra.handledMs } : {}),
  ...(extra.internal !== undefined ? { internal: extra.internal } : {}),
})
const MORNING = '2026-12-04T09:00:00.000Z'
const counts = (some: Partial<AfdelingCounters>): AfdelingCounters => ({ ...ZERO_COUNTERS, ...some })

function count(events: LiveEvent[], start: DayCounters = emptyCounters('')): DayCounters {
  return events.reduce(applyCounters, start)
}

describe("today's counters per afdeling", () => {
  it('takes the day in Amsterdam, not in UTC', () => {
    expect(dayOf('2026-12-04T22:59:59.000Z')).toBe('2026-12-04')
    expect(dayOf('2026-12-04T23:00:00.000Z')).toBe('2026-12-05')
    expect(dayOf('2026-07-01T21:59:00.000Z')).toBe('2026-07-01')
    expect(dayOf('2026-07-01T22:00:00.000Z')).toBe('2026-07-02')
  })

  it('counts answered inbound calls with their handling time, and inbound calls abandoned while ringing', () => {
    const counters = count([
      at(MORNING, ended('completed', { handledMs: 120_000 })),
      at(MORNING, ended('transferred', { handledMs: 60_000 })),
      at(MORNING, ended('abandoned')),
      // The other agents' legs of a group call a colleague answered: neither answered nor abandoned.
      at(MORNING, ended('answered_elsewhere')),
      at(MORNING, ended('answered_elsewhere')),
      at(MORNING, ended('completed', { handledMs: 30_000, afdeling: 'vergunningen' })),
    ])
    expect(counters).toEqual({
      day: '2026-12-04',
      afdelingen: {
        kcc: counts({ answered: 2, abandoned: 1, handledMs: 180_000 }),
        vergunningen: counts({ answered: 1, handledMs: 30_000 }),
      },
    })
  })

  it('never counts an outbound call as abandoned or answered, whatever reason the app gave', () => {
    const start = count([at(MORNING, ended('completed', { handledMs: 1_000 }))])
    const after = count(
      [
        // A dial the citizen did not pick up, reported by the app as 'abandoned'.
        at(MORNING, ended('abandoned', { direction: 'outbound' })),
        at(MORNING, ended('failed', { direction: 'outbound' })),
        at(MORNING, ended('completed', { handledMs: 5_000, direction: 'outbound' })),
        // An end without the hub's record of the call's direction proves nothing either.
        at(MORNING, ended('abandoned', { direction: null })),
      ],
      start,
    )
    expect(after).toBe(start)
  })

  it('leaves out calls between colleagues and calls that failed or were lost with the agent', () => {
    const start = count([at(MORNING, ended('completed', { handledMs: 1_000 }))])
    const after = count(
      [
        at(MORNING, ended('completed', { handledMs: 5_000, internal: true })),
        at(MORNING, ended('abandoned', { internal: true })),
        at(MORNING, ended('failed')),
        at(MORNING, ended('agent_offline')),
        at(MORNING, { type: 'agent.state', login: 'medewerker1', afdeling: 'kcc', state: 'pauze' }),
        at(MORNING, { type: 'queue.changed', queue: { afdeling: 'kcc', waiting: 3, oldestSince: MORNING } }),
      ],
      start,
    )
    expect(after).toBe(start)
  })

  it("counts a transfer for the sending agent's afdeling, and each contactverzoek", () => {
    const counters = count([
      at(MORNING, {
        type: 'transfer.offered',
        transfer: {
          transferId: 't1',
          klantcontactnummer: '26000001',
          from: 'medewerker1',
          afdeling: 'kcc',
          to: { kind: 'afdeling', afdeling: 'vergunningen' },
        },
      }),
      at(MORNING, { type: 'contactverzoek.created', from: 'medewerker1', afdeling: 'kcc' }),
      at(MORNING, { type: 'contactverzoek.created', from: 'medewerker1', afdeling: 'kcc' }),
    ])
    expect(counters.afdelingen['kcc']).toMatchObject({ transfers: 1, contactverzoeken: 2 })
    expect(counters.afdelingen['vergunningen']).toBeUndefined()
  })

  it('starts from zero with the first counted event of a new day', () => {
    const yesterday = count([
      at(MORNING, ended('completed', { handledMs: 1_000 })),
      at(MORNING, { type: 'terugbelverzoek.created', afdeling: 'kcc' }),
    ])
    const today = count([at('2026-12-05T08:00:00.000Z', ended('abandoned'))], yesterday)
    expect(today).toEqual({ day: '2026-12-05', afdelingen: { kcc: counts({ abandoned: 1 }) } })
  })

  it('ignores an event of an earlier day once a later day is counted', () => {
    const today = count([at('2026-12-05T08:00:00.000Z', ended('abandoned'))])
    expect(count([at(MORNING, ended('completed', { handledMs: 1 }))], today)).toBe(today)
  })

  it('adds to counters from a gateway that did not know the newer fields yet', () => {
    const old = {
      day: '2026-12-04',
      afdelingen: { kcc: { answered: 3, abandoned: 1, handledMs: 10, transfers: 0, contactverzoeken: 0 } },
    } as unknown as DayCounters
    const after = count([at(MORNING, { type: 'terugbelverzoek.created', afdeling: 'kcc' })], old)
    expect(after.afdelingen['kcc']).toEqual(
      counts({ answered: 3, abandoned: 1, handledMs: 10, terugbelverzoeken: 1 }),
    )
  })
})
