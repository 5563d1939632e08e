import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CallInfo, ClientCallInfo, LiveCall, ServerMessage } from '../../../shared/live/protocol'
import { LiveConnection } from '../../../renderer/src/live/live-connection'
import type { LiveView } from '../../../renderer/src/live/live-view'
import { createLogger } from '../../../renderer/src/log'
import { FakeSocket } from './fake-live-socket'

const welcome: ServerMessage = {
  type: 'welcome',
  login: 'medewerker1',
  role: 'agent',
  afdeling: 'kcc',
  epoch: 'e1',
  heartbeatMs: 30_000,
}
const snapshot: ServerMessage = {
  type: 'snapshot',
  epoch: 'e1',
  seq: 7,
  agents: [],
  calls: [],
  transfers: [],
}
const silent = createLogger('test', () => undefined)

describe('the agent app’s live connection', () => {
  let views: LiveView[]
  let connection: LiveConnection
  let unauthenticated: number

  beforeEach(() => {
    vi.useFakeTimers()
    FakeSocket.instances = []
    views = []
    unauthenticated = 0
    connection = new LiveConnection({
      gatewayUrl: 'https://gateway.example/',
      token: () => 'secret-token',
      onChange: (view) => views.push(view),
      onUnauthenticated: () => unauthenticated++,
      logger: silent,
      webSocket: FakeSocket as unknown as typeof WebSocket,
    })
  })
  afterEach(() => {
    connection.stop()
    vi.useRealTimers()
  })

  const connect = (): FakeSocket => {
    const socket = FakeSocket.instances.at(-1)!
    socket.open()
    socket.receive(welcome)
    socket.receive(snapshot)
    return socket
  }

  it('opens wss on the gateway host and sends the token in the first message, not the URL', () => {
    connection.start()
    const socket = FakeSocket.instances[0]!
    expect(socket.url).toBe('wss://gateway.example/api/live')
    socket.open()
    expect(socket.sent).toEqual([{ type: 'auth', token: 'secret-token' }])
    socket.receive(welcome)
    expect(socket.sent[1]).toEqual({ type: 'snapshot' })
  })

  it('tells its state once the snapshot is in, and again after a reconnect with resume', () => {
    connection.start()
    connection.setState('beschikbaar')
    const first = connect()
    expect(first.sent.at(-1)).toEqual({ type: 'state', state: 'beschikbaar' })
    expect(views.at(-1)?.connection).toBe('open')

    first.drop()
    expect(views.at(-1)?.connection).toBe('connecting')
    vi.advanceTimersByTime(500)
    const second = FakeSocket.instances[1]!
    second.open()
    second.receive(welcome)
    expect(second.sent[1]).toEqual({ type: 'resume', epoch: 'e1', lastSeq: 7 })
    second.receive({ type: 'resumed', epoch: 'e1', lastSeq: 7 })
    expect(second.sent.at(-1)).toEqual({ type: 'state', state: 'beschikbaar' })
  })

  it('sends a change derived from a call with the state it comes from, and the agent choice without', () => {
    connection.start()
    const socket = connect()
    connection.setState('beschikbaar')
    connection.setState('ringing', { derived: true })
    expect(socket.sent.at(-1)).toEqual({ type: 'state', state: 'ringing', from: 'beschikbaar' })
    connection.setState('beschikbaar', { derived: true })
    expect(socket.sent.at(-1)).toEqual({ type: 'state', state: 'beschikbaar', from: 'ringing' })
    connection.setState('pauze')
    expect(socket.sent.at(-1)).toEqual({ type: 'state', state: 'pauze' })
  })

  it('reports a call that ended while offline on the next connect', () => {
    connection.start()
    const first = connect()
    connection.callStarted({ callId: 'abc', direction: 'inbound', callerNumber: '0612345678' })
    expect(first.sent.at(-1)).toMatchObject({ type: 'call.started' })
    first.drop()
    connection.callEnded('abc', 'completed')
    vi.advanceTimersByTime(500)
    const second = FakeSocket.instances[1]!
    second.open()
    second.receive(welcome)
    second.receive({ type: 'resumed', epoch: 'e1', lastSeq: 7 })
    expect(second.sent).toContainEqual({ type: 'call.ended', callId: 'abc', reason: 'completed' })
    expect(second.sent.filter((m) => m.type === 'call.started')).toEqual([])
  })

  it('keeps transfer offers addressed to it until they close, ignoring replayed events', () => {
    connection.start()
    const socket = connect()
    const transfer = {
      transferId: 't1',
      klantcontactnummer: '26000001',
      from: 'medewerker1',
      to: { kind: 'agent' as const, login: 'medewerker2' },
    }
    socket.receive({
      type: 'event',
      event: { type: 'transfer.offered', transfer, seq: 8, at: '2026-12-04T10:00:00Z' },
    })
    expect(views.at(-1)?.transfers).toEqual([{ ...transfer, offeredAt: '2026-12-04T10:00:00Z' }])
    socket.receive({
      type: 'event',
      event: { type: 'transfer.offered', transfer: { ...transfer, transferId: 'old' }, seq: 8, at: 'x' },
    })
    expect(views.at(-1)?.transfers).toHaveLength(1)
    socket.receive({
      type: 'event',
      event: {
        type: 'transfer.closed',
        transferId: 't1',
        klantcontactnummer: '26000001',
        from: 'medewerker1',
        to: transfer.to,
        outcome: 'accepted',
        seq: 9,
        at: 'y',
      },
    })
    expect(views.at(-1)?.transfers).toEqual([])
  })

  it('ignores malformed messages instead of crashing', () => {
    connection.start()
    const socket = connect()
    const before = views.length
    socket.receive('not json')
    socket.receive('{"type":"event","event":{"type":"agent.state"}}')
    expect(views.length).toBe(before)
  })

  it('stops and asks for a new login when the server closes with 4401', () => {
    connection.start()
    const socket = connect()
    socket.drop(4401)
    expect(unauthenticated).toBe(1)
    expect(views.at(-1)?.connection).toBe('unauthenticated')
    vi.advanceTimersByTime(60_000)
    expect(FakeSocket.instances).toHaveLength(1)
  })

  describe('the calls in the view (the supervisor’s team overview)', () => {
    const liveCall: LiveCall = {
      callId: 'c1@pbx',
      agent: 'medewerker2',
      afdeling: 'kcc',
      direction: 'inbound',
      callerNumber: '0612345678',
      vertrouwelijk: false,
      startedAt: '2026-12-04T09:58:00Z',
      updatedAt: '2026-12-04T09:59:00Z',
    }
    const info: CallInfo = {
      callId: 'c2@pbx',
      agent: 'medewerker3',
      afdeling: 'kcc',
      direction: 'outbound',
      callerNumber: '0201234567',
      vertrouwelijk: false,
    }
    const connectWith = (calls: LiveCall[]): FakeSocket => {
      const socket = FakeSocket.instances.at(-1)!
      socket.open()
      socket.receive(welcome)
      socket.receive({ ...snapshot, calls })
      return socket
    }
    const callEvent = (
      socket: FakeSocket,
      type: 'call.started' | 'call.updated',
      call: CallInfo,
      seq: number,
      at: string,
    ): void => socket.receive({ type: 'event', event: { type, call, seq, at } })

    it('starts from the calls in the snapshot', () => {
      connection.start()
      connectWith([liveCall])
      expect(views.at(-1)?.calls).toEqual([liveCall])
    })

    it('adds a started call, with when it started', () => {
      connection.start()
      const socket = connectWith([liveCall])
      callEvent(socket, 'call.started', info, 8, '2026-12-04T10:00:00Z')
      expect(views.at(-1)?.calls).toEqual([
        liveCall,
        { ...info, startedAt: '2026-12-04T10:00:00Z', updatedAt: '2026-12-04T10:00:00Z' },
      ])
    })

    it('takes what an update says about a call but keeps when it started', () => {
      connection.start()
      const socket = connectWith([liveCall])
      const { startedAt: _s, updatedAt: _u, ...known } = liveCall
      callEvent(
        socket,
        'call.updated',
        { ...known, klantcontactnummer: '26000042', onderwerp: 'Afvalpas kwijt' },
        8,
        '2026-12-04T10:01:00Z',
      )
      expect(views.at(-1)?.calls).toEqual([
        {
          ...liveCall,
          klantcontactnummer: '26000042',
          onderwerp: 'Afvalpas kwijt',
          startedAt: '2026-12-04T09:58:00Z',
          updatedAt: '2026-12-04T10:01:00Z',
        },
      ])
    })

    it('removes an ended call and keeps the others', () => {
      connection.start()
      const socket = connectWith([liveCall])
      callEvent(socket, 'call.started', info, 8, '2026-12-04T10:00:00Z')
      socket.receive({
        type: 'event',
        event: {
          type: 'call.ended',
          callId: 'c1@pbx',
          agent: 'medewerker2',
          afdeling: 'kcc',
          reason: 'completed',
          seq: 9,
          at: '2026-12-04T10:02:00Z',
        },
      })
      expect(views.at(-1)?.calls.map((c) => c.callId)).toEqual(['c2@pbx'])
    })

    it('ignores a replayed call event it already has', () => {
      connection.start()
      const socket = connectWith([])
      callEvent(socket, 'call.started', info, 7, '2026-12-04T10:00:00Z')
      expect(views.at(-1)?.calls).toEqual([])
    })

    it('replaces its calls with those of an unasked snapshot', () => {
      connection.start()
      const socket = connectWith([liveCall])
      callEvent(socket, 'call.started', info, 8, '2026-12-04T10:00:00Z')
      socket.receive({ ...snapshot, epoch: 'e2', seq: 1, calls: [] })
      expect(views.at(-1)?.calls).toEqual([])
    })
  })

  describe('telling the hub about its own call as more becomes known', () => {
    const started: ClientCallInfo = { callId: 'abc', direction: 'inbound', callerNumber: '0612345678' }
    const callMessages = (socket: FakeSocket) =>
      socket.sent.filter((m) => m.type === 'call.started' || m.type === 'call.updated')

    it('sends the second word about a call as an update carrying the whole call', () => {
      connection.start()
      const socket = connect()
      connection.callStarted({ ...started, klantcontactnummer: '26000001' })
      connection.callStarted({ ...started, onderwerp: 'Afvalpas kwijt', vertrouwelijk: false })
      expect(callMessages(socket)).toEqual([
        { type: 'call.started', call: { ...started, klantcontactnummer: '26000001' } },
        {
          type: 'call.updated',
          call: {
            ...started,
            klantcontactnummer: '26000001',
            onderwerp: 'Afvalpas kwijt',
            vertrouwelijk: false,
          },
        },
      ])
    })

    it('never sends the onderwerp of a vertrouwelijk klantcontact, not even one told before', () => {
      connection.start()
      const socket = connect()
      connection.callStarted({ ...started, klantcontactnummer: '26000001', onderwerp: 'Schuldhulp' })
      connection.callStarted({ ...started, klantcontactnummer: '26000001', vertrouwelijk: true })
      connection.callStarted({ ...started, onderwerp: 'Schuldhulp, tweede keer' })
      expect(callMessages(socket).slice(1)).toEqual([
        { type: 'call.updated', call: { ...started, klantcontactnummer: '26000001', vertrouwelijk: true } },
        { type: 'call.updated', call: { ...started, klantcontactnummer: '26000001', vertrouwelijk: true } },
      ])
    })

    it('never sends the onderwerp of a call told as vertrouwelijk at once, nor after a reconnect', () => {
      connection.start()
      const first = connect()
      connection.callStarted({ ...started, onderwerp: 'Schuldhulp', vertrouwelijk: true })
      expect(callMessages(first)).toEqual([
        { type: 'call.started', call: { ...started, vertrouwelijk: true } },
      ])
      first.drop()
      vi.advanceTimersByTime(500)
      const second = FakeSocket.instances[1]!
      second.open()
      second.receive(welcome)
      second.receive({ ...snapshot, epoch: 'e2' })
      expect(callMessages(second)).toEqual([
        { type: 'call.started', call: { ...started, vertrouwelijk: true } },
      ])
      expect(JSON.stringify([...first.sent, ...second.sent])).not.toContain('Schuldhulp')
    })

    it('re-sends after a resume what it learned about a call while offline (the hub takes it as an update)', () => {
      connection.start()
      const first = connect()
      connection.callStarted(started)
      first.drop()
      // The klantcontact is saved while the socket is down (call-context.ts tells it now).
      connection.callStarted({ ...started, klantcontactnummer: '26000001', vertrouwelijk: false })
      vi.advanceTimersByTime(500)
      const second = FakeSocket.instances[1]!
      second.open()
      second.receive(welcome)
      second.receive({ type: 'resumed', epoch: 'e1', lastSeq: 7 })
      // server/gateway/live/commands.ts turns a start of the agent's own live call into an update.
      expect(second.sent).toContainEqual({
        type: 'call.started',
        call: expect.objectContaining({ callId: 'abc', klantcontactnummer: '26000001' }) as unknown,
      })
    })
  })
})
