import { afterEach, describe, expect, it } from 'vitest'
import { LiveCloseCode } from '../../../shared/live/protocol'
import { createMemoryHub } from '../../../server/gateway/live/hub'
import { label, LiveClient, silent, startLiveServer, tokenOf, type LiveServer } from './support'

const running: Array<{ close(): Promise<unknown> }> = []
afterEach(async () => {
  for (const item of running.splice(0).reverse()) {
    await item.close()
  }
})

async function server(options: Parameters<typeof startLiveServer>[0] = {}): Promise<LiveServer> {
  const s = await startLiveServer(options)
  running.push(s)
  return s
}
async function as(s: LiveServer, login: string): Promise<LiveClient> {
  const client = await LiveClient.as(s.url, login)
  running.push(client)
  return client
}

describe('presence', () => {
  it('marks an agent offline, and ends their calls, once the grace period after their last socket closed is over', async () => {
    const s = await server({ graceMs: 50 })
    const supervisor = await as(s, 'supervisor')
    await supervisor.nextOf('snapshot')
    const agent = await as(s, 'medewerker1')
    await agent.nextOf('snapshot')
    agent.send({ type: 'state', state: 'in_gesprek' })
    agent.send({
      type: 'call.started',
      call: { callId: 'c1', direction: 'inbound', callerNumber: '0612345678' },
    })
    await agent.events(2)
    await agent.close()
    const events = await supervisor.events(4)
    expect(events.map(label)).toEqual([
      'medewerker1:in_gesprek',
      'call.started',
      'call.ended',
      'medewerker1:offline',
    ])
    expect(events[2]).toMatchObject({ callId: 'c1', reason: 'agent_offline' })
  })

  it('keeps an agent online while another of their sockets is open', async () => {
    const s = await server({ graceMs: 20 })
    const supervisor = await as(s, 'supervisor')
    await supervisor.nextOf('snapshot')
    const first = await as(s, 'medewerker1')
    await first.nextOf('snapshot')
    const second = await as(s, 'medewerker1')
    await second.nextOf('snapshot')
    first.send({ type: 'state', state: 'beschikbaar' })
    await first.nextEvent()
    await first.close()
    // The other socket goes on; its next state is the supervisor's next event, not offline.
    second.send({ type: 'state', state: 'pauze' })
    expect((await supervisor.events(2)).map(label)).toEqual(['medewerker1:beschikbaar', 'medewerker1:pauze'])
    await second.close()
    expect(label(await supervisor.nextEvent())).toBe('medewerker1:offline')
  })
})

describe('heartbeat', () => {
  it('drops a socket that stops answering pings, and the agent then goes offline', async () => {
    const s = await server({ heartbeatMs: 30, graceMs: 10 })
    const supervisor = await as(s, 'supervisor')
    await supervisor.nextOf('snapshot')
    const silentClient = await LiveClient.open(s.url, { autoPong: false })
    running.push(silentClient)
    silentClient.send({ type: 'auth', token: tokenOf('medewerker1') })
    silentClient.send({ type: 'state', state: 'beschikbaar' })
    expect((await silentClient.closed).code).toBe(1006)
    expect((await supervisor.events(2)).map(label)).toEqual([
      'medewerker1:beschikbaar',
      'medewerker1:offline',
    ])
  })

  it('keeps a socket that answers pings', async () => {
    // Not too short: client and server share one event loop, and a stall longer than the
    // interval would (rightly) count as a missed pong.
    const s = await server({ heartbeatMs: 150 })
    const agent = await as(s, 'medewerker1')
    await agent.nextOf('snapshot')
    let pings = 0
    const threePings = new Promise<void>((resolve) => {
      agent.socket.on('ping', () => {
        pings += 1
        if (pings === 3) {
          resolve()
        }
      })
    })
    await Promise.race([threePings, agent.closed])
    expect(pings).toBe(3)
    agent.send({ type: 'ping' })
    expect(await agent.next()).toEqual({ type: 'pong', serverTime: expect.any(String) })
  })
})

describe('send queue bound', () => {
  it('disconnects a client that stops reading with 4429 instead of buffering without limit', async () => {
    const s = await server({
      maxBufferedBytes: 64 * 1024,
      hub: createMemoryHub({ logger: silent, bufferSize: 16 }),
    })
    const supervisor = await as(s, 'supervisor')
    await supervisor.nextOf('snapshot')
    // Stop reading: the kernel buffers fill, then the server's own queue grows.
    ;(supervisor.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause()
    const onderwerp = 'x'.repeat(8_000)
    let published = 0
    // The server forgets a socket's presence the moment it drops it.
    while (s.presence.connections('supervisor') > 0) {
      // About 500 of these fill the loopback buffers here; 10 000 (80 MB) means no bound at all.
      if (published > 10_000) {
        throw new Error('the server never dropped the client')
      }
      await s.hub.publish({
        type: 'call.updated',
        call: {
          callId: 'c1',
          agent: 'medewerker1',
          afdeling: 'kcc',
          direction: 'inbound',
          callerNumber: '0612345678',
          vertrouwelijk: false,
          onderwerp,
        },
      })
      published += 1
      if (published % 100 === 0) {
        await new Promise((resolve) => setImmediate(resolve))
      }
    }
    ;(supervisor.socket as unknown as { _socket: { resume(): void } })._socket.resume()
    expect((await supervisor.closed).code).toBe(LiveCloseCode.tooSlow)
  })
})

describe('shutdown', () => {
  it('tells clients the server is going away, so they reconnect and resume', async () => {
    const s = await startLiveServer()
    const agent = await LiveClient.as(s.url, 'medewerker1')
    await agent.nextOf('snapshot')
    await s.close()
    expect((await agent.closed).code).toBe(LiveCloseCode.goingAway)
  })
})
