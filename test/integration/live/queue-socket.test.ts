import { afterEach, describe, expect, it } from 'vitest'
import { createMemoryHub, type LiveHub } from '../../../server/gateway/live/hub'
import type { LiveEvent } from '../../../shared/live/protocol'
import { freshSchema, LiveClient, postgresHub, silent, startLiveServer, type LiveServer } from './support'

/**
 * The queues and the call ends over the live socket, on both hubs: who gets which queue in the
 * snapshot, in the stream and on resume; and that an outbound call the agent's app reports as
 * abandoned reaches everyone, and the counters, as the outbound call it was.
 */
const running: Array<{ close(): Promise<unknown> }> = []
afterEach(async () => {
  for (const item of running.splice(0).reverse()) {
    await item.close()
  }
})

const hubs: Array<[string, () => Promise<LiveHub>]> = [
  ['memory hub', () => Promise.resolve(createMemoryHub({ logger: silent }))],
  [
    'PostgreSQL hub',
    async () => {
      const s = await freshSchema()
      running.push({ close: () => s.drop() })
      return postgresHub(s.pool(), s.channel)
    },
  ],
]

const changed = (afdeling: string, waiting: number) =>
  ({
    type: 'queue.changed',
    queue: { afdeling, waiting, ...(waiting > 0 ? { oldestSince: '2026-12-04T10:00:00.000Z' } : {}) },
  }) as const
const left = {
  type: 'queue.left',
  queueCallId: 'q1',
  afdeling: 'kcc',
  outcome: 'no_agent',
  waitedMs: 0,
  withinServiceLevel: false,
} as const

describe.each(hubs)('queues and call ends on the live socket (%s)', (_, makeHub) => {
  async function server(): Promise<LiveServer> {
    const s = await startLiveServer({ hub: await makeHub() })
    running.push(s)
    return s
  }
  async function as(s: LiveServer, login: string, resume?: { epoch: string; lastSeq: number }) {
    const client = await LiveClient.as(s.url, login, resume)
    running.push(client)
    return client
  }

  it("gives an agent its own afdeling's queue and a supervisor every queue and outcome", async () => {
    const s = await server()
    await s.hub.publish(changed('kcc', 2))
    await s.hub.publish(changed('vergunningen', 1))

    const agent = await as(s, 'medewerker1')
    const supervisor = await as(s, 'supervisor')
    expect((await agent.nextOf('snapshot')).queues).toEqual([
      { afdeling: 'kcc', waiting: 2, oldestSince: '2026-12-04T10:00:00.000Z' },
    ])
    expect((await supervisor.nextOf('snapshot')).queues).toHaveLength(2)

    await s.hub.publish(left)
    await s.hub.publish({ type: 'terugbelverzoek.created', afdeling: 'kcc' })
    await s.hub.publish(changed('vergunningen', 0))
    await s.hub.publish(changed('kcc', 1))
    const seen = await supervisor.events(4)
    expect(seen.map((e) => e.type)).toEqual([
      'queue.left',
      'terugbelverzoek.created',
      'queue.changed',
      'queue.changed',
    ])
    // The agent's next event is its own afdeling's queue: the others passed it by.
    expect(await agent.nextEvent()).toMatchObject({
      type: 'queue.changed',
      queue: { afdeling: 'kcc', waiting: 1 },
    })
  })

  it("replays on resume only the agent's own afdeling's queue changes", async () => {
    const s = await server()
    const agent = await as(s, 'medewerker1')
    await agent.nextOf('snapshot')
    const from = { epoch: agent.epoch, lastSeq: agent.lastSeq }
    await agent.close()

    await s.hub.publish(changed('vergunningen', 3))
    await s.hub.publish(left)
    await s.hub.publish(changed('kcc', 1))
    const again = await as(s, 'medewerker1', from)
    expect(await again.nextOf('resumed')).toMatchObject({ lastSeq: from.lastSeq })
    expect(await again.nextEvent()).toMatchObject({
      type: 'queue.changed',
      queue: { afdeling: 'kcc', waiting: 1 },
    })
  })

  it('does not count an outbound call the citizen did not pick up as abandoned', async () => {
    const s = await server()
    const supervisor = await as(s, 'supervisor')
    await supervisor.nextOf('snapshot')
    const agent = await as(s, 'medewerker1')
    await agent.nextOf('snapshot')
    const dial = (callId: string, direction: 'inbound' | 'outbound') => {
      agent.send({ type: 'call.started', call: { callId, direction, callerNumber: '0612345678' } })
      agent.send({ type: 'call.ended', callId, reason: 'abandoned' })
    }
    dial('uit', 'outbound')
    dial('in', 'inbound')
    const ends = (await supervisor.through((e) => e.type === 'call.ended' && e.callId === 'in')).filter(
      (e): e is Extract<LiveEvent, { type: 'call.ended' }> => e.type === 'call.ended',
    )
    expect(ends.map((e) => [e.callId, e.direction])).toEqual([
      ['uit', 'outbound'],
      ['in', 'inbound'],
    ])
    expect(s.hub.snapshot().counters?.afdelingen['kcc']).toMatchObject({ abandoned: 1 })
    // A supervisor who connects now gets the same figure.
    const late = await as(s, 'supervisor')
    expect((await late.nextOf('snapshot')).counters?.afdelingen['kcc']).toMatchObject({ abandoned: 1 })
  })
})
