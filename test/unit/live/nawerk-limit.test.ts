import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHub, type LiveHub } from '../../../server/gateway/live/hub'
import { startNawerkLimit, type NawerkLimit } from '../../../server/gateway/live/nawerk-limit'
import type { AgentState, LiveEvent } from '../../../server/gateway/live/types'
import { silent } from './fixtures'

const START = Date.parse('2026-12-07T10:00:00.000Z')
const inSeconds = (s: number): string => new Date(Date.now() + s * 1000).toISOString()

let hub: LiveHub
let events: LiveEvent[]
const limits: NawerkLimit[] = []

beforeEach(() => {
  vi.useFakeTimers({ now: START })
  hub = createMemoryHub({ logger: silent })
  events = []
  hub.subscribe({ kind: 'types', types: ['agent.state'] }, (event) => events.push(event))
})
afterEach(async () => {
  for (const limit of limits.splice(0)) {
    limit.close()
  }
  await hub.close()
  vi.useRealTimers()
})

function start(options: { isLocal?: (login: string) => boolean } = {}): NawerkLimit {
  const limit = startNawerkLimit({ hub, logger: silent, ...options })
  limits.push(limit)
  return limit
}
const set = (state: AgentState, extra: { nawerkTot?: string; login?: string } = {}) =>
  hub.publish({ type: 'agent.state', login: extra.login ?? 'medewerker1', afdeling: 'kcc', state, ...extra })
const states = (): string[] =>
  events.map((e) => (e.type === 'agent.state' ? `${e.login}:${e.state}` : e.type))

describe('the nawerk limit', () => {
  it('makes the agent beschikbaar when nawerk runs out, and not a moment before', async () => {
    start()
    await set('nawerk', { nawerkTot: inSeconds(60) })
    await vi.advanceTimersByTimeAsync(59_000)
    expect(hub.agent('medewerker1')?.state).toBe('nawerk')
    await vi.advanceTimersByTimeAsync(1_000)
    expect(hub.agent('medewerker1')?.state).toBe('beschikbaar')
    expect(states()).toEqual(['medewerker1:nawerk', 'medewerker1:beschikbaar'])
  })

  it('leaves a later state alone: the agent ended nawerk early and went on pauze', async () => {
    const limit = start()
    await set('nawerk', { nawerkTot: inSeconds(60) })
    await set('beschikbaar')
    await set('pauze')
    await vi.advanceTimersByTimeAsync(120_000)
    expect(hub.agent('medewerker1')?.state).toBe('pauze')
    expect(limit.watching()).toEqual([])
  })

  it('counts from the latest nawerk when the agent took another call meanwhile', async () => {
    start()
    await set('nawerk', { nawerkTot: inSeconds(60) })
    await vi.advanceTimersByTimeAsync(30_000)
    await set('in_gesprek')
    await set('nawerk', { nawerkTot: inSeconds(60) })
    await vi.advanceTimersByTimeAsync(45_000)
    expect(hub.agent('medewerker1')?.state).toBe('nawerk')
    await vi.advanceTimersByTimeAsync(15_000)
    expect(hub.agent('medewerker1')?.state).toBe('beschikbaar')
  })

  it('leaves nawerk without a deadline to the agent', async () => {
    const limit = start()
    await set('nawerk')
    await vi.advanceTimersByTimeAsync(3_600_000)
    expect(hub.agent('medewerker1')?.state).toBe('nawerk')
    expect(limit.watching()).toEqual([])
  })

  it('picks up deadlines already in the hub when it starts, and ends one that passed at once', async () => {
    // A gateway restart: the hub's state came back with two agents in nawerk.
    await set('nawerk', { nawerkTot: inSeconds(-5) })
    await set('nawerk', { nawerkTot: inSeconds(30), login: 'medewerker4' })
    start()
    await vi.advanceTimersByTimeAsync(0)
    expect(hub.agent('medewerker1')?.state).toBe('beschikbaar')
    expect(hub.agent('medewerker4')?.state).toBe('nawerk')
    await vi.advanceTimersByTimeAsync(30_000)
    expect(hub.agent('medewerker4')?.state).toBe('beschikbaar')
  })

  it('notices a gateway clock that jumps past the deadline without waiting for the timer', async () => {
    let skew = 0
    const limit = startNawerkLimit({ hub, logger: silent, now: () => Date.now() + skew })
    limits.push(limit)
    await set('nawerk', { nawerkTot: new Date(START + 600_000).toISOString() })
    skew = 600_000
    await vi.advanceTimersByTimeAsync(1_000)
    expect(hub.agent('medewerker1')?.state).toBe('beschikbaar')
  })

  it('lets the instance with the agent fire first, another only when that did not happen', async () => {
    start({ isLocal: () => false })
    await set('nawerk', { nawerkTot: inSeconds(60) })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(hub.agent('medewerker1')?.state).toBe('nawerk')
    await vi.advanceTimersByTimeAsync(2_000)
    expect(hub.agent('medewerker1')?.state).toBe('beschikbaar')
  })

  it('publishes one beschikbaar when two instances fire for the same deadline', async () => {
    const first = start()
    const second = start()
    await set('nawerk', { nawerkTot: inSeconds(60) })
    await vi.advanceTimersByTimeAsync(60_000)
    await Promise.all([first.check(), second.check()])
    expect(states()).toEqual(['medewerker1:nawerk', 'medewerker1:beschikbaar'])
  })

  it('tries again when the hub could not publish', async () => {
    start()
    await set('nawerk', { nawerkTot: inSeconds(10) })
    const publish = vi.spyOn(hub, 'publish').mockRejectedValueOnce(new Error('database down'))
    await vi.advanceTimersByTimeAsync(10_000)
    expect(hub.agent('medewerker1')?.state).toBe('nawerk')
    // Not in a loop: once per look at the clock.
    await vi.advanceTimersByTimeAsync(999)
    expect(publish).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(hub.agent('medewerker1')?.state).toBe('beschikbaar')
    expect(publish).toHaveBeenCalledTimes(2)
  })

  it('stops when closed', async () => {
    const limit = start()
    await set('nawerk', { nawerkTot: inSeconds(10) })
    limit.close()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(hub.agent('medewerker1')?.state).toBe('nawerk')
  })
})
