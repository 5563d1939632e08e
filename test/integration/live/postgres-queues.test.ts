import { afterEach, describe, expect, it } from 'vitest'
import type { LiveHub } from '../../../server/gateway/live/hub'
import { ZERO_COUNTERS } from '../../../shared/live/counters'
import type { QueueStatus } from '../../../shared/live/queue'
import { freshSchema, postgresHub } from './support'

/**
 * The PostgreSQL hub and the afdelingen's queues: every instance keeps each afdeling's latest queue
 * status (a `live_state` row of kind 'queue'), and today's counters count how callers left the
 * queue, the terugbelverzoeken and the agents' calls as the hub knows them, in `live_counter`.
 */
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
async function hubOn(s: Schema, now?: () => number): Promise<LiveHub> {
  const hub = await postgresHub(s.pool(), s.channel, now ? { now } : {})
  cleanup.push(() => hub.close())
  return hub
}

/** Resolves once `hub` has applied the event with this seq; fails after 10 s rather than hang. */
function reached(hub: LiveHub, seq: number): Promise<void> {
  if (hub.snapshot().seq >= seq) {
    return Promise.resolve()
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`seq ${seq} never arrived`)), 10_000)
    const stop = hub.subscribe({ kind: 'everything' }, (event) => {
      if (event.seq >= seq) {
        clearTimeout(timer)
        stop()
        resolve()
      }
    })
  })
}

const changed = (queue: QueueStatus) => ({ type: 'queue.changed', queue }) as const
const NOON = Date.parse('2026-12-04T11:00:00.000Z')
const NEXT_MORNING = Date.parse('2026-12-05T07:00:00.000Z')

describe('PostgreSQL live hub: queues', () => {
  it("shows every instance each afdeling's latest queue, and rebuilds it on start", async () => {
    const s = await schema()
    const first = await hubOn(s)
    const second = await hubOn(s)
    await first.publish(changed({ afdeling: 'kcc', waiting: 1, oldestSince: '2026-12-04T10:59:00.000Z' }))
    await first.publish(
      changed({ afdeling: 'vergunningen', waiting: 2, oldestSince: '2026-12-04T10:58:00.000Z' }),
    )
    const last = await second.publish(changed({ afdeling: 'kcc', waiting: 0 }))
    await reached(first, last.seq)

    const expected = [
      { afdeling: 'kcc', waiting: 0 },
      { afdeling: 'vergunningen', waiting: 2, oldestSince: '2026-12-04T10:58:00.000Z' },
    ]
    const byAfdeling = (queues: QueueStatus[] | undefined) =>
      [...(queues ?? [])].sort((a, b) => a.afdeling.localeCompare(b.afdeling))
    expect(byAfdeling(first.snapshot().queues)).toEqual(expected)
    expect(byAfdeling(second.snapshot().queues)).toEqual(expected)
    const later = await hubOn(s)
    expect(byAfdeling(later.snapshot().queues)).toEqual(expected)
  })

  it('stores the queue outcomes and terugbelverzoeken in the counters a new instance reads', async () => {
    const s = await schema()
    const first = await hubOn(s, () => NOON)
    const left = (
      outcome: 'answered' | 'abandoned' | 'no_agent' | 'timeout' | 'overflowed',
      within = false,
    ) =>
      first.publish({
        type: 'queue.left',
        queueCallId: `q-${outcome}`,
        afdeling: 'kcc',
        outcome,
        waitedMs: 10_000,
        withinServiceLevel: within,
      })
    await left('answered', true)
    await left('abandoned')
    await left('no_agent')
    await left('timeout')
    await left('overflowed')
    await first.publish({ type: 'terugbelverzoek.created', afdeling: 'kcc' })

    const later = await hubOn(s, () => NOON)
    const kcc = {
      ...ZERO_COUNTERS,
      queueOffered: 5,
      queueAnswered: 1,
      answeredWithinServiceLevel: 1,
      answeredWaitedMs: 10_000,
      queueAbandoned: 3,
      queueNoAgent: 1,
      overflowed: 1,
      terugbelverzoeken: 1,
    }
    expect(later.snapshot().counters).toEqual({ day: '2026-12-04', afdelingen: { kcc } })
    expect(first.snapshot().counters).toEqual(later.snapshot().counters)
  })

  it('does not count an outbound call the citizen did not pick up as abandoned', async () => {
    const s = await schema()
    const hub = await hubOn(s, () => NOON)
    const base = { agent: 'medewerker1', afdeling: 'kcc', callerNumber: '0612345678', vertrouwelijk: false }
    await hub.publish({ type: 'call.started', call: { ...base, callId: 'uit', direction: 'outbound' } })
    await hub.publish({ type: 'call.started', call: { ...base, callId: 'in', direction: 'inbound' } })
    // The agent's app says 'abandoned' for both: only the inbound one is a caller who hung up.
    for (const callId of ['uit', 'in']) {
      await hub.publish({
        type: 'call.ended',
        callId,
        agent: 'medewerker1',
        afdeling: 'kcc',
        reason: 'abandoned',
      })
    }
    const later = await hubOn(s, () => NOON)
    expect(later.snapshot().counters?.afdelingen['kcc']).toEqual({ ...ZERO_COUNTERS, abandoned: 1 })
  })

  it("starts a new day's counters from zero", async () => {
    const s = await schema()
    const today = await hubOn(s, () => NOON)
    await today.publish({ type: 'terugbelverzoek.created', afdeling: 'kcc' })
    await today.close()
    const tomorrow = await hubOn(s, () => NEXT_MORNING)
    await tomorrow.publish({ type: 'contactverzoek.created', from: 'medewerker1', afdeling: 'kcc' })
    const later = await hubOn(s, () => NEXT_MORNING)
    expect(later.snapshot().counters).toEqual({
      day: '2026-12-05',
      afdelingen: { kcc: { ...ZERO_COUNTERS, contactverzoeken: 1 } },
    })
  })

  it('adds the new counters to a live_counter table made before they existed', async () => {
    const s = await schema()
    const pool = s.pool()
    await pool.query(`create table live_counter (
      day text not null,
      afdeling text not null,
      answered bigint not null default 0,
      abandoned bigint not null default 0,
      handled_ms bigint not null default 0,
      transfers bigint not null default 0,
      contactverzoeken bigint not null default 0,
      primary key (day, afdeling)
    )`)
    await pool.query(
      `insert into live_counter (day, afdeling, answered, handled_ms) values ('2026-12-04', 'kcc', 7, 700)`,
    )
    const hub = await hubOn(s, () => NOON)
    expect(hub.snapshot().counters?.afdelingen['kcc']).toEqual({
      ...ZERO_COUNTERS,
      answered: 7,
      handledMs: 700,
    })
    await hub.publish({ type: 'terugbelverzoek.created', afdeling: 'kcc' })
    const later = await hubOn(s, () => NOON)
    expect(later.snapshot().counters?.afdelingen['kcc']).toEqual({
      ...ZERO_COUNTERS,
      answered: 7,
      handledMs: 700,
      terugbelverzoeken: 1,
    })
  })
})
