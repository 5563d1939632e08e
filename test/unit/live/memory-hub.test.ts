import { describe, expect, it } from 'vitest'
import { createMemoryHub } from '../../../server/gateway/live/hub'
import type { LiveEvent } from '../../../server/gateway/live/types'
import { silent, transfer } from './fixtures'

const state = (login: string, s: 'beschikbaar' | 'pauze' | 'offline' = 'beschikbaar') =>
  ({ type: 'agent.state', login, afdeling: 'kcc', state: s }) as const

describe('memory hub', () => {
  it('numbers events 1, 2, 3 … and stamps their time', async () => {
    const hub = createMemoryHub({ logger: silent, now: () => Date.UTC(2025, 4, 1, 8) })
    const first = await hub.publish(state('a'))
    const second = await hub.publish(state('b'))
    expect([first.seq, second.seq]).toEqual([1, 2])
    expect(first.at).toBe('2025-05-01T08:00:00.000Z')
    expect(hub.snapshot().seq).toBe(2)
  })

  it('delivers to a subscriber only later events its filter matches, in order', async () => {
    const hub = createMemoryHub({ logger: silent })
    await hub.publish(state('medewerker2'))
    const seen: LiveEvent[] = []
    hub.subscribe({ kind: 'agent', login: 'medewerker2', afdeling: 'vergunningen' }, (e) => seen.push(e))
    await hub.publish(state('medewerker1'))
    await hub.publish(state('medewerker2', 'pauze'))
    await hub.publish({ type: 'transfer.offered', transfer: transfer() })
    expect(seen.map((e) => e.seq)).toEqual([3, 4])
  })

  it('stops delivering after unsubscribe', async () => {
    const hub = createMemoryHub({ logger: silent })
    const seen: number[] = []
    const stop = hub.subscribe({ kind: 'everything' }, (e) => seen.push(e.seq))
    await hub.publish(state('a'))
    stop()
    await hub.publish(state('b'))
    expect(seen).toEqual([1])
  })

  it('keeps every subscriber in seq order when a listener publishes', async () => {
    const hub = createMemoryHub({ logger: silent })
    const first: number[] = []
    const second: number[] = []
    hub.subscribe({ kind: 'everything' }, (e) => {
      first.push(e.seq)
      if (e.seq === 1) {
        void hub.publish(state('reaction'))
      }
    })
    hub.subscribe({ kind: 'everything' }, (e) => second.push(e.seq))
    await hub.publish(state('a'))
    expect(first).toEqual([1, 2])
    expect(second).toEqual([1, 2])
  })

  it('goes on delivering to others when a listener throws', async () => {
    const hub = createMemoryHub({ logger: silent })
    const seen: number[] = []
    hub.subscribe({ kind: 'everything' }, () => {
      throw new Error('listener bug')
    })
    hub.subscribe({ kind: 'everything' }, (e) => seen.push(e.seq))
    await hub.publish(state('a'))
    expect(seen).toEqual([1])
  })

  it('replays buffered events after a seq, and asks for a snapshot once they are gone', async () => {
    const hub = createMemoryHub({ logger: silent, bufferSize: 3 })
    for (const login of ['a', 'b', 'c', 'd', 'e']) {
      await hub.publish(state(login))
    }
    expect(hub.since(3)?.map((e) => e.seq)).toEqual([4, 5])
    expect(hub.since(1)).toBeUndefined()
    expect(hub.since(5)).toEqual([])
  })

  it('gives each hub its own epoch, so a client of an earlier hub takes a snapshot', () => {
    expect(createMemoryHub({ logger: silent }).epoch).not.toBe(createMemoryHub({ logger: silent }).epoch)
  })

  it('never stores the onderwerp of a vertrouwelijk call', async () => {
    const hub = createMemoryHub({ logger: silent })
    const call = {
      callId: 'c',
      agent: 'a',
      afdeling: 'kcc',
      direction: 'inbound',
      callerNumber: '1',
    } as const
    const event = await hub.publish({
      type: 'call.started',
      call: { ...call, vertrouwelijk: true, onderwerp: 'Schuldhulp' },
    })
    expect(event).not.toHaveProperty('call.onderwerp')
    expect(hub.call('c')).not.toHaveProperty('onderwerp')
  })

  it('refuses to publish once closed', async () => {
    const hub = createMemoryHub({ logger: silent })
    await hub.close()
    await expect(hub.publish(state('a'))).rejects.toThrow(/closed/)
  })
})
