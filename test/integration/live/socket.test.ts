import { afterEach, describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import { LiveCloseCode } from '../../../shared/live/protocol'
import { label, LiveClient, startLiveServer, tokenOf, USERS, type LiveServer } from './support'

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
async function as(
  s: LiveServer,
  login: string,
  resume?: { epoch: string; lastSeq: number },
): Promise<LiveClient> {
  const client = await LiveClient.as(s.url, login, resume)
  running.push(client)
  return client
}
async function open(s: LiveServer, options?: WebSocket.ClientOptions): Promise<LiveClient> {
  const client = await LiveClient.open(s.url, options)
  running.push(client)
  return client
}

/** Publishes a state and waits for the agent's own echo, so the global order is the test's. */
async function setState(agent: LiveClient, state: string): Promise<void> {
  agent.send({ type: 'state', state })
  const event = await agent.nextEvent()
  expect(event).toMatchObject({ type: 'agent.state', state })
}

describe('authentication', () => {
  it('closes a socket whose first message is not auth with 4401', async () => {
    const s = await server()
    const client = await open(s)
    client.send({ type: 'state', state: 'beschikbaar' })
    expect((await client.closed).code).toBe(LiveCloseCode.unauthenticated)
  })

  it('closes a socket with an unknown token with 4401', async () => {
    const s = await server()
    const client = await open(s)
    client.send({ type: 'auth', token: 'token-nobody' })
    expect((await client.closed).code).toBe(4401)
  })

  it('closes a socket that sends nothing within the auth timeout with 4401', async () => {
    const s = await server({ authTimeoutMs: 50 })
    const client = await open(s)
    expect((await client.closed).code).toBe(4401)
  })

  it('closes with 4401 when the session check does not answer within the auth timeout', async () => {
    const s = await server({ authTimeoutMs: 50, authenticate: () => new Promise(() => undefined) })
    const client = await open(s)
    client.send({ type: 'auth', token: tokenOf('medewerker1') })
    expect((await client.closed).code).toBe(4401)
  })

  it('closes with 1011, not 4401, when the session check fails, so the app retries instead of logging out', async () => {
    const s = await server({ authenticate: () => Promise.reject(new Error('session store down')) })
    const client = await open(s)
    client.send({ type: 'auth', token: tokenOf('medewerker1') })
    expect((await client.closed).code).toBe(LiveCloseCode.internalError)
  })

  it('closes a socket whose first message is not JSON with 4401', async () => {
    const s = await server()
    const client = await open(s)
    client.socket.send('hello')
    expect((await client.closed).code).toBe(4401)
  })

  it('welcomes a valid session with who it is, the hub epoch and the gateway’s clock', async () => {
    const s = await server()
    const client = await open(s)
    const before = Date.now()
    client.send({ type: 'auth', token: tokenOf('medewerker2') })
    const welcome = await client.next()
    expect(welcome).toEqual({
      type: 'welcome',
      login: 'medewerker2',
      role: 'agent',
      afdeling: 'vergunningen',
      epoch: s.hub.epoch,
      heartbeatMs: 30_000,
      serverTime: expect.any(String),
    })
    const at = Date.parse(welcome.type === 'welcome' ? (welcome.serverTime ?? '') : '')
    expect(at).toBeGreaterThanOrEqual(before)
    expect(at).toBeLessThanOrEqual(Date.now())
  })

  it('does not accept a second auth on an authenticated socket', async () => {
    const s = await server()
    const client = await as(s, 'medewerker1')
    await client.nextOf('snapshot')
    client.send({ type: 'auth', token: tokenOf('supervisor') })
    expect(await client.next()).toMatchObject({ type: 'error', code: 'invalid_message' })
  })
})

describe('agent states', () => {
  it("shows a supervisor three agents' state changes in the order they happened", async () => {
    const s = await server()
    const supervisor = await as(s, 'supervisor')
    expect(await supervisor.nextOf('snapshot')).toMatchObject({ agents: [], calls: [], transfers: [] })
    const [a, b, c] = [await as(s, 'medewerker1'), await as(s, 'medewerker2'), await as(s, 'medewerker3')]
    for (const agent of [a, b, c]) {
      await agent.nextOf('snapshot')
    }
    const steps: Array<[LiveClient, string, string]> = [
      [a, 'medewerker1', 'beschikbaar'],
      [b, 'medewerker2', 'pauze'],
      [c, 'medewerker3', 'beschikbaar'],
      [a, 'medewerker1', 'ringing'],
      [c, 'medewerker3', 'ringing'],
      [a, 'medewerker1', 'in_gesprek'],
      [b, 'medewerker2', 'beschikbaar'],
      [c, 'medewerker3', 'beschikbaar'],
      [a, 'medewerker1', 'on_hold'],
      [a, 'medewerker1', 'in_gesprek'],
      [a, 'medewerker1', 'nawerk'],
    ]
    for (const [agent, , state] of steps) {
      await setState(agent, state)
    }
    const seen = await supervisor.events(steps.length)
    expect(seen.map(label)).toEqual(steps.map(([, login, state]) => `${login}:${state}`))
    const seqs = seen.map((e) => e.seq)
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y))
    expect(new Set(seqs).size).toBe(seqs.length)
  })

  it("does not let an agent publish another agent's state", async () => {
    const s = await server()
    const supervisor = await as(s, 'supervisor')
    await supervisor.nextOf('snapshot')
    const agent = await as(s, 'medewerker1')
    await agent.nextOf('snapshot')
    agent.send({ type: 'state', state: 'pauze', login: 'medewerker2' })
    expect(await agent.next()).toMatchObject({ type: 'error', code: 'invalid_message' })
    // A marker after the attempt: it is the next thing the supervisor sees.
    await setState(agent, 'beschikbaar')
    expect(label(await supervisor.nextEvent())).toBe('medewerker1:beschikbaar')
    expect(s.hub.agent('medewerker2')).toBeUndefined()
  })

  it('refuses a state that cannot follow the current one, and tells the agent', async () => {
    const s = await server()
    const agent = await as(s, 'medewerker1')
    await agent.nextOf('snapshot')
    await setState(agent, 'beschikbaar')
    agent.send({ type: 'state', state: 'on_hold' })
    expect(await agent.next()).toEqual({
      type: 'error',
      code: 'invalid_transition',
      message: 'cannot go from beschikbaar to on_hold',
    })
    expect(s.hub.agent('medewerker1')?.state).toBe('beschikbaar')
  })

  it("shows an agent its own state changes but not a colleague's", async () => {
    const s = await server()
    const [mine, colleague] = [await as(s, 'medewerker2'), await as(s, 'medewerker3')]
    await mine.nextOf('snapshot')
    await colleague.nextOf('snapshot')
    await setState(colleague, 'beschikbaar')
    mine.send({ type: 'state', state: 'pauze' })
    expect(label(await mine.nextEvent())).toBe('medewerker2:pauze')
  })

  it('answers an app-level ping with pong and the gateway’s clock', async () => {
    const s = await server()
    const agent = await as(s, 'medewerker1')
    await agent.nextOf('snapshot')
    const before = Date.now()
    agent.send({ type: 'ping' })
    const pong = await agent.next()
    expect(pong).toEqual({ type: 'pong', serverTime: expect.any(String) })
    const at = Date.parse(pong.type === 'pong' ? (pong.serverTime ?? '') : '')
    expect(at).toBeGreaterThanOrEqual(before)
    expect(at).toBeLessThanOrEqual(Date.now())
  })
})

describe('live calls', () => {
  it('shows a supervisor an agent’s call from start to end, without the onderwerp of a vertrouwelijk one', async () => {
    const s = await server()
    const supervisor = await as(s, 'supervisor')
    await supervisor.nextOf('snapshot')
    const agent = await as(s, 'medewerker1')
    await agent.nextOf('snapshot')
    const call = { callId: 'sip-call-1@kcc', direction: 'inbound', callerNumber: '0612345678' } as const
    agent.send({ type: 'call.started', call })
    agent.send({
      type: 'call.updated',
      call: { ...call, klantcontactnummer: '0000000042', onderwerp: 'Paspoort' },
    })
    agent.send({
      type: 'call.updated',
      call: { ...call, klantcontactnummer: '0000000042', onderwerp: 'Schuld', vertrouwelijk: true },
    })
    agent.send({ type: 'call.ended', callId: call.callId, reason: 'completed' })
    const events = await supervisor.events(4)
    expect(events.map((e) => e.type)).toEqual(['call.started', 'call.updated', 'call.updated', 'call.ended'])
    expect(events[0]).toMatchObject({
      call: { ...call, agent: 'medewerker1', afdeling: 'kcc', vertrouwelijk: false },
    })
    expect(events[1]).toMatchObject({ call: { onderwerp: 'Paspoort' } })
    expect(events[2]).toMatchObject({ call: { klantcontactnummer: '0000000042', vertrouwelijk: true } })
    expect(events[2]).not.toHaveProperty('call.onderwerp')
    expect(events[3]).toMatchObject({ callId: call.callId, agent: 'medewerker1', reason: 'completed' })
  })

  it("does not let an agent end a colleague's call", async () => {
    const s = await server()
    const [owner, other] = [await as(s, 'medewerker1'), await as(s, 'medewerker4')]
    await owner.nextOf('snapshot')
    await other.nextOf('snapshot')
    owner.send({
      type: 'call.started',
      call: { callId: 'c1', direction: 'outbound', callerNumber: '0201234567' },
    })
    await owner.nextEvent()
    other.send({ type: 'call.ended', callId: 'c1', reason: 'completed' })
    expect(await other.next()).toMatchObject({ type: 'error', code: 'forbidden' })
    expect(s.hub.call('c1')?.agent).toBe('medewerker1')
  })
})

describe('transfer offers', () => {
  type Target = { kind: 'agent'; login: string } | { kind: 'afdeling'; afdeling: string }
  const offer = (transferId: string, to: Target) =>
    ({
      type: 'transfer.offered',
      transfer: { transferId, klantcontactnummer: '0000000042', from: 'medewerker1', to },
    }) as const
  const AGENTS = ['medewerker1', 'medewerker2', 'medewerker3', 'medewerker4'] as const

  /** Offers, then a marker state per agent; returns what each client saw up to its marker. */
  async function offerAndCollect(target: Target, state: 'beschikbaar' | 'pauze') {
    const s = await server()
    const clients = new Map<string, LiveClient>()
    for (const login of [...AGENTS, 'supervisor']) {
      const client = await as(s, login)
      await client.nextOf('snapshot')
      clients.set(login, client)
    }
    await s.hub.publish(offer('t1', target))
    for (const login of AGENTS) {
      await s.hub.publish({ type: 'agent.state', login, afdeling: USERS[login]!.afdeling, state })
    }
    const seen = new Map<string, string[]>()
    for (const [login, client] of clients) {
      const until = login === 'supervisor' ? 'medewerker4' : login
      const events = await client.through((e) => e.type === 'agent.state' && e.login === until)
      seen.set(login, events.map(label))
    }
    return seen
  }

  it('reach the addressed agent, the offering agent and supervisors, and no one else', async () => {
    const seen = await offerAndCollect({ kind: 'agent', login: 'medewerker2' }, 'beschikbaar')
    expect(seen.get('medewerker2')).toEqual(['transfer.offered', 'medewerker2:beschikbaar'])
    expect(seen.get('medewerker1')).toEqual(['transfer.offered', 'medewerker1:beschikbaar'])
    expect(seen.get('medewerker3')).toEqual(['medewerker3:beschikbaar'])
    expect(seen.get('medewerker4')).toEqual(['medewerker4:beschikbaar'])
    expect(seen.get('supervisor')?.[0]).toBe('transfer.offered')
  })

  it('to an afdeling reach every member of it, and no one else', async () => {
    const seen = await offerAndCollect({ kind: 'afdeling', afdeling: 'vergunningen' }, 'pauze')
    expect(seen.get('medewerker2')).toEqual(['transfer.offered', 'medewerker2:pauze'])
    expect(seen.get('medewerker3')).toEqual(['transfer.offered', 'medewerker3:pauze'])
    expect(seen.get('medewerker4')).toEqual(['medewerker4:pauze'])
    expect(seen.get('supervisor')?.[0]).toBe('transfer.offered')
  })

  it('come with the snapshot to an agent that connects after the offer', async () => {
    const s = await server()
    await s.hub.publish(offer('t9', { kind: 'afdeling', afdeling: 'vergunningen' }))
    const member = await as(s, 'medewerker3')
    expect((await member.nextOf('snapshot')).transfers).toMatchObject([{ transferId: 't9' }])
    const outsider = await as(s, 'medewerker4')
    expect((await outsider.nextOf('snapshot')).transfers).toEqual([])
  })
})
