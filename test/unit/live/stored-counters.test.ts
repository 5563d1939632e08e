import { describe, expect, it } from 'vitest'
import { createMemoryHub } from '../../../server/gateway/live/hub'
import type { CounterStore } from '../../../server/gateway/live/counter-store'
import {
  ZERO_COUNTERS,
  emptyCounters,
  type CounterDelta,
  type DayCounters,
} from '../../../shared/live/counters'
import { call, silent } from './fixtures'

const NOON = Date.parse('2026-12-04T11:00:00.000Z')

/** A store in memory that records what the hub handed it. */
function fakeStore(): CounterStore & { deltas: CounterDelta[] } {
  const deltas: CounterDelta[] = []
  return {
    deltas,
    load: (day) => Promise.resolve(emptyCounters(day)),
    add(delta) {
      deltas.push(delta)
      return Promise.resolve()
    },
  }
}

describe("the memory hub's call ends and stored counters", () => {
  it('marks an ending call with the direction the hub knows, whatever the end message says', async () => {
    const hub = createMemoryHub({ logger: silent, now: () => NOON })
    await hub.publish({ type: 'call.started', call: call({ callId: 'uit', direction: 'outbound' }) })
    const ended = await hub.publish({
      type: 'call.ended',
      callId: 'uit',
      agent: 'medewerker1',
      afdeling: 'kcc',
      reason: 'abandoned',
      direction: 'inbound',
    })
    expect(ended).toMatchObject({ type: 'call.ended', direction: 'outbound' })
    // A dial the citizen did not pick up is no caller who hung up while waiting.
    expect(hub.snapshot().counters?.afdelingen['kcc']).toBeUndefined()
  })

  it("counts an inbound call's abandonment and copies the call's internal mark", async () => {
    const hub = createMemoryHub({ logger: silent, now: () => NOON })
    await hub.publish({ type: 'call.started', call: call({ callId: 'in' }) })
    await hub.publish({ type: 'call.started', call: call({ callId: 'collega', internal: true }) })
    const end = (callId: string) =>
      hub.publish({ type: 'call.ended', callId, agent: 'medewerker1', afdeling: 'kcc', reason: 'abandoned' })
    expect(await end('in')).toMatchObject({ direction: 'inbound' })
    expect(await end('collega')).toMatchObject({ direction: 'inbound', internal: true })
    expect(hub.snapshot().counters?.afdelingen['kcc']).toEqual({ ...ZERO_COUNTERS, abandoned: 1 })
  })

  it('starts from the stored counters and hands each counted event to the store', async () => {
    const store = fakeStore()
    const initial: DayCounters = {
      day: '2026-12-04',
      afdelingen: { kcc: { ...ZERO_COUNTERS, queueAnswered: 5, queueOffered: 5 } },
    }
    const hub = createMemoryHub({ logger: silent, now: () => NOON, counters: { store, initial } })
    expect(hub.snapshot().counters).toEqual(initial)
    await hub.publish({ type: 'agent.state', login: 'medewerker1', afdeling: 'kcc', state: 'beschikbaar' })
    await hub.publish({ type: 'terugbelverzoek.created', afdeling: 'kcc' })
    expect(store.deltas).toEqual([
      { day: '2026-12-04', afdeling: 'kcc', counts: { ...ZERO_COUNTERS, terugbelverzoeken: 1 } },
    ])
    expect(hub.snapshot().counters?.afdelingen['kcc']).toMatchObject({
      queueAnswered: 5,
      terugbelverzoeken: 1,
    })
    await hub.close()
  })

  it('keeps the event when storing its counts fails', async () => {
    const store: CounterStore = {
      load: (day) => Promise.resolve(emptyCounters(day)),
      add: () => Promise.reject(new Error('disk full')),
    }
    const hub = createMemoryHub({
      logger: silent,
      now: () => NOON,
      counters: { store, initial: emptyCounters('2026-12-04') },
    })
    const event = await hub.publish({ type: 'terugbelverzoek.created', afdeling: 'kcc' })
    expect(event.seq).toBe(1)
    expect(hub.snapshot().counters?.afdelingen['kcc']?.terugbelverzoeken).toBe(1)
    await hub.close()
  })
})
