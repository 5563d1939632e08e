import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHub } from '../../../server/gateway/live/hub'
import { createPresenceTracker, presenceStep } from '../../../server/gateway/live/presence'
import { call, silent } from './fixtures'

describe('presence machine', () => {
  it('counts connections and starts the grace period only when the last one closes', () => {
    let status = presenceStep({ kind: 'absent' }, 'connect').next
    status = presenceStep(status, 'connect').next
    expect(status).toEqual({ kind: 'connected', connections: 2 })
    const first = presenceStep(status, 'disconnect')
    expect(first).toEqual({ next: { kind: 'connected', connections: 1 }, effect: 'none' })
    expect(presenceStep(first.next, 'disconnect')).toEqual({ next: { kind: 'grace' }, effect: 'start_grace' })
  })

  it('cancels the grace period when the user reconnects in time', () => {
    expect(presenceStep({ kind: 'grace' }, 'connect')).toEqual({
      next: { kind: 'connected', connections: 1 },
      effect: 'cancel_grace',
    })
  })

  it('goes offline when the grace period runs out', () => {
    expect(presenceStep({ kind: 'grace' }, 'grace_expired')).toEqual({
      next: { kind: 'absent' },
      effect: 'go_offline',
    })
  })

  it('ignores stale inputs: a late timer, a disconnect of someone unknown', () => {
    expect(presenceStep({ kind: 'connected', connections: 1 }, 'grace_expired').effect).toBe('none')
    expect(presenceStep({ kind: 'absent' }, 'disconnect')).toEqual({
      next: { kind: 'absent' },
      effect: 'none',
    })
    expect(presenceStep({ kind: 'absent' }, 'grace_expired').effect).toBe('none')
    expect(presenceStep({ kind: 'grace' }, 'disconnect').effect).toBe('none')
  })
})

describe('presence tracker', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  async function setup() {
    vi.useFakeTimers()
    const hub = createMemoryHub({ logger: silent })
    const presence = createPresenceTracker({ hub, logger: silent, graceMs: 10_000 })
    await hub.publish({ type: 'agent.state', login: 'medewerker1', afdeling: 'kcc', state: 'in_gesprek' })
    await hub.publish({ type: 'call.started', call: call() })
    return { hub, presence }
  }

  it('marks a user offline and ends their calls once the grace period after the last close is over', async () => {
    const { hub, presence } = await setup()
    presence.connected('medewerker1')
    presence.disconnected('medewerker1')
    await vi.advanceTimersByTimeAsync(9_999)
    expect(hub.agent('medewerker1')?.state).toBe('in_gesprek')
    await vi.advanceTimersByTimeAsync(1)
    expect(hub.agent('medewerker1')?.state).toBe('offline')
    expect(hub.callsOf('medewerker1')).toEqual([])
    const events = hub.since(2)?.map((e) => e.type)
    expect(events).toEqual(['call.ended', 'agent.state'])
  })

  it('keeps a user who reconnects within the grace period', async () => {
    const { hub, presence } = await setup()
    presence.connected('medewerker1')
    presence.disconnected('medewerker1')
    await vi.advanceTimersByTimeAsync(5_000)
    presence.connected('medewerker1')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(hub.agent('medewerker1')?.state).toBe('in_gesprek')
    expect(presence.connections('medewerker1')).toBe(1)
  })

  it('does not publish offline for someone already offline', async () => {
    const { hub, presence } = await setup()
    await hub.publish({
      type: 'call.ended',
      callId: 'call-1',
      agent: 'medewerker1',
      afdeling: 'kcc',
      reason: 'completed',
    })
    await hub.publish({ type: 'agent.state', login: 'medewerker1', afdeling: 'kcc', state: 'offline' })
    presence.connected('medewerker1')
    presence.disconnected('medewerker1')
    await vi.advanceTimersByTimeAsync(10_000)
    expect(hub.since(4)).toEqual([])
  })

  it('leaves users as they are when closed during a grace period (the instance is stopping)', async () => {
    const { hub, presence } = await setup()
    presence.connected('medewerker1')
    presence.disconnected('medewerker1')
    presence.close()
    presence.disconnected('medewerker1')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(hub.agent('medewerker1')?.state).toBe('in_gesprek')
  })
})
