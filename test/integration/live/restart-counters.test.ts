import { describe, expect, it } from 'vitest'
import type { GatewayApp } from '../../../server/gateway/app'
import { ZERO_COUNTERS } from '../../../shared/live/counters'
import { useGateway } from '../../support/gateway'

/**
 * Today's counters survive a gateway restart: the gateway's own (memory) hub stores each counted
 * event's increments in the gateway's database and reads today's on start. Run on the engine
 * `KCC_DB_ENGINE` picks (SQLite in the data dir, or a PostgreSQL schema).
 */
const clock = { now: Date.parse('2026-12-04T11:00:00.000Z') }
const NEXT_MORNING = Date.parse('2026-12-05T07:00:00.000Z')

describe("today's counters across a gateway restart", () => {
  const gw = useGateway()
  const start = (): Promise<GatewayApp> => gw().startInstance({ clock: () => clock.now })

  it('keeps the figures of today, and starts a new day from zero', async () => {
    const first = await start()
    const hub = first.live.hub
    const left = (outcome: 'answered' | 'abandoned' | 'no_agent', withinServiceLevel = false) =>
      hub.publish({
        type: 'queue.left',
        queueCallId: `q-${outcome}`,
        afdeling: 'kcc',
        outcome,
        waitedMs: 15_000,
        withinServiceLevel,
      })
    await left('answered', true)
    await left('abandoned')
    await left('no_agent')
    await hub.publish({ type: 'terugbelverzoek.created', afdeling: 'kcc' })
    const call = { agent: 'medewerker1', afdeling: 'kcc', callerNumber: '0612345678', vertrouwelijk: false }
    await hub.publish({ type: 'call.started', call: { ...call, callId: 'in', direction: 'inbound' } })
    await hub.publish({ type: 'call.started', call: { ...call, callId: 'uit', direction: 'outbound' } })
    await hub.publish({
      type: 'call.ended',
      callId: 'in',
      agent: 'medewerker1',
      afdeling: 'kcc',
      reason: 'completed',
      handledMs: 240_000,
    })
    // A dial the citizen did not pick up: the app calls it abandoned, the counters do not.
    await hub.publish({
      type: 'call.ended',
      callId: 'uit',
      agent: 'medewerker1',
      afdeling: 'kcc',
      reason: 'abandoned',
    })
    const today = {
      day: '2026-12-04',
      afdelingen: {
        kcc: {
          ...ZERO_COUNTERS,
          answered: 1,
          handledMs: 240_000,
          queueOffered: 3,
          queueAnswered: 1,
          answeredWithinServiceLevel: 1,
          answeredWaitedMs: 15_000,
          queueAbandoned: 2,
          queueNoAgent: 1,
          terugbelverzoeken: 1,
        },
      },
    }
    expect(hub.snapshot().counters).toEqual(today)
    await first.app.close()

    const restarted = await start()
    expect(restarted.live.hub.snapshot().counters).toEqual(today)
    // It goes on counting from there.
    await restarted.live.hub.publish({ type: 'terugbelverzoek.created', afdeling: 'kcc' })
    await restarted.app.close()
    const again = await start()
    expect(again.live.hub.snapshot().counters?.afdelingen['kcc']?.terugbelverzoeken).toBe(2)
    await again.app.close()

    clock.now = NEXT_MORNING
    const tomorrow = await start()
    expect(tomorrow.live.hub.snapshot().counters).toEqual({ day: '2026-12-05', afdelingen: {} })
    await tomorrow.live.hub.publish({ type: 'terugbelverzoek.created', afdeling: 'kcc' })
    expect(tomorrow.live.hub.snapshot().counters).toEqual({
      day: '2026-12-05',
      afdelingen: { kcc: { ...ZERO_COUNTERS, terugbelverzoeken: 1 } },
    })
    await tomorrow.app.close()
  })
})
