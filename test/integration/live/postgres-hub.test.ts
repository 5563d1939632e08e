import { afterEach, describe, expect, it } from 'vitest'
import type { LiveHub } from '../../../server/gateway/live/hub'
import type { LiveEvent } from '../../../server/gateway/live/types'
import { ZERO_COUNTERS } from '../../../shared/live/counters'
import { cutListener, freshSchema, postgresHub, unreachable } from './support'

type Schema = Awaited<ReturnType<typeof freshSchema>>
const cleanup: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) {
    await step()
  }
})

async function schema(): Promise<Schema> {
  const s = await freshSchema()
  cleanup.push(() => s.drop())
  return s
}
async function hubOn(s: Schema, extra: Parameters<typeof postgresHub>[2] = {}): Promise<LiveHub> {
  const hub = await postgresHub(s.pool(), s.channel, extra)
  cleanup.push(() => hub.close())
  return hub
}
const state = (login: string, value: 'beschikbaar' | 'pauze' | 'in_gesprek' = 'beschikbaar') =>
  ({ type: 'agent.state', login, afdeling: 'kcc', state: value }) as const
const callInfo = {
  callId: 'c1',
  agent: 'medewerker1',
  afdeling: 'kcc',
  direction: 'inbound',
  callerNumber: '0612345678',
  vertrouwelijk: false,
} as const

/** Collects what a hub delivers, and lets a test wait for a seq to arrive. */
function recorder(hub: LiveHub) {
  const events: LiveEvent[] = []
  const waiters: Array<{ seq: number; resolve(): void }> = []
  hub.subscribe({ kind: 'everything' }, (event) => {
    events.push(event)
    for (const waiter of waiters.filter((w) => w.seq <= event.seq)) {
      waiter.resolve()
    }
  })
  return {
    events,
    /** Resolves once an event with this seq (or later) was delivered; fails after 10 s, not hangs. */
    reached(seq: number): Promise<void> {
      if ((events.at(-1)?.seq ?? 0) >= seq) {
        return Promise.resolve()
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`seq ${seq} never arrived`)), 10_000)
        waiters.push({
          seq,
          resolve: () => {
            clearTimeout(timer)
            resolve()
          },
        })
      })
    },
  }
}

describe('PostgreSQL live hub', () => {
  it('gives events published on two instances one global order, the same on both', async () => {
    const s = await schema()
    const [a, b] = [await hubOn(s), await hubOn(s)]
    expect(a.epoch).toBe(b.epoch)
    const [seenA, seenB] = [recorder(a), recorder(b)]
    const published = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).publish(state(`agent${i}`))),
    )
    expect(published.map((e) => e.seq).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    )
    await Promise.all([seenA.reached(40), seenB.reached(40)])
    expect(seenA.events.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
    expect(seenB.events).toEqual(seenA.events)
  })

  it('resolves a publish only once the event is part of this instance’s state', async () => {
    const s = await schema()
    const hub = await hubOn(s)
    const event = await hub.publish(state('medewerker1', 'pauze'))
    expect(hub.agent('medewerker1')).toMatchObject({ state: 'pauze', since: event.at })
    expect(hub.snapshot().seq).toBe(event.seq)
  })

  it('shows what one instance publishes in the other instance’s state', async () => {
    const s = await schema()
    const [a, b] = [await hubOn(s), await hubOn(s)]
    const seen = recorder(b)
    const event = await a.publish({ type: 'call.started', call: callInfo })
    await seen.reached(event.seq)
    expect(b.call('c1')).toMatchObject({ agent: 'medewerker1', startedAt: event.at })
  })

  it('rebuilds its state from live_state when an instance starts', async () => {
    const s = await schema()
    const first = await hubOn(s)
    await first.publish(state('medewerker1', 'in_gesprek'))
    const started = await first.publish({ type: 'call.started', call: callInfo })
    const updated = await first.publish({
      type: 'call.updated',
      call: { ...callInfo, klantcontactnummer: '0000000042' },
    })
    await first.publish({ type: 'call.started', call: { ...callInfo, callId: 'c2' } })
    await first.publish({
      type: 'call.ended',
      callId: 'c2',
      agent: 'medewerker1',
      afdeling: 'kcc',
      reason: 'completed',
    })
    const transfer = {
      transferId: 't1',
      klantcontactnummer: '0000000042',
      from: 'medewerker1',
      to: { kind: 'agent', login: 'medewerker2' },
    } as const
    const offered = await first.publish({ type: 'transfer.offered', transfer })
    await first.publish({ type: 'transfer.offered', transfer: { ...transfer, transferId: 't2' } })
    await first.publish({ type: 'transfer.closed', ...transfer, transferId: 't2', outcome: 'accepted' })

    const later = await hubOn(s)
    expect(later.snapshot()).toEqual(first.snapshot())
    expect(later.snapshot()).toMatchObject({
      seq: 8,
      agents: [{ login: 'medewerker1', state: 'in_gesprek' }],
      calls: [
        { callId: 'c1', klantcontactnummer: '0000000042', startedAt: started.at, updatedAt: updated.at },
      ],
      transfers: [{ transferId: 't1', offeredAt: offered.at }],
    })
    // Its buffer starts at the rebuild: older seqs need a snapshot, newer ones replay.
    expect(later.since(7)).toBeUndefined()
    expect(later.since(8)).toEqual([])
  })

  it("keeps today's counters with the events, so an instance that starts later has them too", async () => {
    const s = await schema()
    const first = await hubOn(s)
    await first.publish({ type: 'call.started', call: callInfo })
    await first.publish({
      type: 'call.ended',
      callId: 'c1',
      agent: 'medewerker1',
      afdeling: 'kcc',
      reason: 'completed',
      handledMs: 90_000,
    })
    await first.publish({ type: 'call.started', call: { ...callInfo, callId: 'c2', internal: true } })
    await first.publish({
      type: 'call.ended',
      callId: 'c2',
      agent: 'medewerker1',
      afdeling: 'kcc',
      reason: 'completed',
      handledMs: 5_000,
      internal: true,
    })
    await first.publish({
      type: 'transfer.offered',
      transfer: {
        transferId: 't1',
        klantcontactnummer: '0000000042',
        from: 'medewerker1',
        afdeling: 'kcc',
        to: { kind: 'afdeling', afdeling: 'vergunningen' },
      },
    })
    await first.publish({ type: 'contactverzoek.created', from: 'medewerker1', afdeling: 'kcc' })

    const later = await hubOn(s)
    expect(later.snapshot().counters?.afdelingen).toEqual({
      kcc: { ...ZERO_COUNTERS, answered: 1, handledMs: 90_000, transfers: 1, contactverzoeken: 1 },
    })
    expect(later.snapshot().counters).toEqual(first.snapshot().counters)
    // Both go on counting the same events from here.
    await later.publish({ type: 'call.started', call: { ...callInfo, callId: 'c3' } })
    await later.publish({
      type: 'call.ended',
      callId: 'c3',
      agent: 'medewerker1',
      afdeling: 'kcc',
      reason: 'abandoned',
    })
    const third = await hubOn(s)
    expect(third.snapshot().counters?.afdelingen['kcc']).toMatchObject({ answered: 1, abandoned: 1 })
  })

  it('catches up on events published while its LISTEN connection was down', async () => {
    const s = await schema()
    const a = await hubOn(s)
    const poolB = s.pool('hub-b')
    const b = await postgresHub(poolB, s.channel)
    cleanup.push(() => b.close())
    const seen = recorder(b)
    await a.publish(state('medewerker1'))
    await seen.reached(1)
    const outage = unreachable(poolB)
    await cutListener(s.channel, 'hub-b')
    for (const login of ['medewerker2', 'medewerker3', 'medewerker4']) {
      await a.publish(state(login))
    }
    expect(b.snapshot().seq).toBe(1) // b cannot have heard of them
    outage.restore()
    await seen.reached(4)
    expect(seen.events.map((e) => e.seq)).toEqual([1, 2, 3, 4])
    expect(b.snapshot()).toEqual(a.snapshot())
  })

  it('rebuilds from live_state, and tells subscribers to resync, when the events it missed were pruned', async () => {
    const s = await schema()
    const a = await hubOn(s, { retainEvents: 2 })
    const poolB = s.pool('hub-b')
    const b = await postgresHub(poolB, s.channel)
    cleanup.push(() => b.close())
    const seen = recorder(b)
    let resets = 0
    b.onReset(() => {
      resets += 1
    })
    await a.publish(state('medewerker1'))
    await seen.reached(1)
    const outage = unreachable(poolB)
    await cutListener(s.channel, 'hub-b')
    for (const login of ['medewerker2', 'medewerker3', 'medewerker4', 'medewerker5', 'medewerker6']) {
      await a.publish(state(login, 'pauze'))
    }
    const reset = new Promise<void>((resolve) => b.onReset(resolve))
    outage.restore()
    await reset
    expect(resets).toBe(1)
    expect(b.snapshot()).toEqual(a.snapshot())
    expect(b.snapshot().seq).toBe(6)
    expect(b.since(1)).toBeUndefined()
    // Later events flow as before.
    await a.publish(state('medewerker1', 'pauze'))
    await seen.reached(7)
    expect(seen.events.map((e) => e.seq)).toEqual([1, 7])
  })

  it('delivers an event too large for a notification by reading it from the table', async () => {
    const s = await schema()
    const [a, b] = [await hubOn(s), await hubOn(s)]
    const seen = recorder(b)
    const big = { ...callInfo, callerNumber: '0'.repeat(10_000) }
    const event = await a.publish({ type: 'call.started', call: big })
    await seen.reached(event.seq)
    expect(seen.events.at(-1)).toEqual(event)
    expect(b.call('c1')?.callerNumber).toHaveLength(10_000)
  })

  it('ignores notifications of another hub on the same channel (another schema)', async () => {
    const [s1, s2] = [await schema(), await schema()]
    const a = await postgresHub(s1.pool(), 'live_shared_channel')
    cleanup.push(() => a.close())
    const b = await postgresHub(s2.pool(), 'live_shared_channel')
    cleanup.push(() => b.close())
    await a.publish(state('only-in-a'))
    const own = await b.publish(state('only-in-b'))
    expect(own.seq).toBe(1)
    expect(b.agent('only-in-a')).toBeUndefined()
    expect(a.agent('only-in-b')).toBeUndefined()
  })

  it('never stores the onderwerp of a vertrouwelijk call', async () => {
    const s = await schema()
    const hub = await hubOn(s)
    await hub.publish({
      type: 'call.started',
      call: { ...callInfo, vertrouwelijk: true, onderwerp: 'Schuldhulp' },
    })
    const rows = await s
      .pool()
      .query<{ body: string }>(
        'select body::text as body from live_event union all select body::text from live_state',
      )
    expect(rows.rows.map((r) => r.body).join('')).not.toContain('Schuldhulp')
  })
})
