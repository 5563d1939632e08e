import { describe, expect, it } from 'vitest'
import { filterFor, filterSnapshot, matches } from '../../../server/gateway/live/filter'
import { createMemoryHub } from '../../../server/gateway/live/hub'
import { LiveState, stateChangeOf } from '../../../server/gateway/live/state'
import type { LiveFilter } from '../../../server/gateway/live/types'
import type { QueueStatus } from '../../../shared/live/queue'
import { at, silent, timeOf } from './fixtures'

const kccAgent: LiveFilter = { kind: 'agent', login: 'medewerker1', afdeling: 'kcc' }
const supervisor = filterFor({ login: 'supervisor', role: 'supervisor', afdeling: 'kcc' })
const changed = (queue: QueueStatus) => ({ type: 'queue.changed', queue }) as const
const left = {
  type: 'queue.left',
  queueCallId: 'q1',
  afdeling: 'kcc',
  outcome: 'abandoned',
  waitedMs: 12_000,
  withinServiceLevel: false,
} as const

describe("the afdelingen's queues in the live state", () => {
  it("keeps each afdeling's latest queue status for the snapshot", () => {
    const state = new LiveState('e')
    state.apply(at(1, changed({ afdeling: 'kcc', waiting: 1, oldestSince: timeOf(1) })))
    state.apply(at(2, changed({ afdeling: 'vergunningen', waiting: 1, oldestSince: timeOf(2) })))
    state.apply(at(3, changed({ afdeling: 'kcc', waiting: 2, oldestSince: timeOf(1) })))
    state.apply(at(4, changed({ afdeling: 'vergunningen', waiting: 0 })))
    expect(state.snapshot().queues).toEqual([
      { afdeling: 'kcc', waiting: 2, oldestSince: timeOf(1) },
      { afdeling: 'vergunningen', waiting: 0 },
    ])
  })

  it('replaces the queues when loaded from a snapshot', () => {
    const state = new LiveState('e')
    state.apply(at(1, changed({ afdeling: 'kcc', waiting: 4, oldestSince: timeOf(1) })))
    state.load({
      seq: 9,
      agents: [],
      calls: [],
      transfers: [],
      queues: [{ afdeling: 'burgerzaken', waiting: 1 }],
    })
    expect(state.snapshot().queues).toEqual([{ afdeling: 'burgerzaken', waiting: 1 }])
  })

  it("persists a queue status as its afdeling's record, and the outcomes as none", () => {
    expect(stateChangeOf(changed({ afdeling: 'kcc', waiting: 0 }))).toEqual({
      op: 'upsert',
      kind: 'queue',
      key: 'kcc',
    })
    expect(stateChangeOf(left).op).toBe('none')
    expect(stateChangeOf({ type: 'terugbelverzoek.created', afdeling: 'kcc' }).op).toBe('none')
  })
})

describe('who sees the queues', () => {
  it("shows an agent its own afdeling's queue only, and never how callers left it", () => {
    expect(matches(kccAgent, at(1, changed({ afdeling: 'kcc', waiting: 1 })))).toBe(true)
    expect(matches(kccAgent, at(2, changed({ afdeling: 'vergunningen', waiting: 1 })))).toBe(false)
    expect(matches(kccAgent, at(3, left))).toBe(false)
    expect(matches(kccAgent, at(4, { type: 'terugbelverzoek.created', afdeling: 'kcc' }))).toBe(false)
  })

  it('shows a supervisor every queue and every outcome', () => {
    expect(matches(supervisor, at(1, changed({ afdeling: 'vergunningen', waiting: 1 })))).toBe(true)
    expect(matches(supervisor, at(2, left))).toBe(true)
    expect(matches(supervisor, at(3, { type: 'terugbelverzoek.created', afdeling: 'kcc' }))).toBe(true)
  })

  it("cuts a snapshot's queues down to the agent's own afdeling", () => {
    const state = new LiveState('e')
    state.apply(at(1, changed({ afdeling: 'kcc', waiting: 1, oldestSince: timeOf(1) })))
    state.apply(at(2, changed({ afdeling: 'vergunningen', waiting: 3, oldestSince: timeOf(2) })))
    const snapshot = state.snapshot()
    expect(filterSnapshot(kccAgent, snapshot).queues).toEqual([
      { afdeling: 'kcc', waiting: 1, oldestSince: timeOf(1) },
    ])
    expect(filterSnapshot(supervisor, snapshot).queues).toHaveLength(2)
    expect(filterSnapshot(kccAgent, snapshot).counters).toBeUndefined()
    expect(filterSnapshot(supervisor, snapshot).counters).toEqual(snapshot.counters)
    expect(filterSnapshot({ kind: 'types', types: ['agent.state'] }, snapshot).queues).toEqual([])
    expect(filterSnapshot({ kind: 'types', types: ['queue.changed'] }, snapshot).queues).toHaveLength(2)
  })
})

describe('the memory hub and the queues', () => {
  it('streams queue changes to a subscriber and keeps the latest for a new one', async () => {
    const hub = createMemoryHub({ logger: silent })
    const seen: number[] = []
    hub.subscribe(kccAgent, (event) => seen.push(event.seq))
    await hub.publish(changed({ afdeling: 'kcc', waiting: 1, oldestSince: '2026-12-04T09:00:00.000Z' }))
    await hub.publish(changed({ afdeling: 'vergunningen', waiting: 1 }))
    await hub.publish(left)
    expect(seen).toEqual([1])
    expect(hub.snapshot().queues).toEqual([
      { afdeling: 'kcc', waiting: 1, oldestSince: '2026-12-04T09:00:00.000Z' },
      { afdeling: 'vergunningen', waiting: 1 },
    ])
    expect(hub.since(0)?.map((e) => e.type)).toEqual(['queue.changed', 'queue.changed', 'queue.left'])
  })
})
