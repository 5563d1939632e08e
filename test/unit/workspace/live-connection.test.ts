import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ClientMessage, ServerMessage } from '../../../shared/live/protocol'
import { LiveConnection, type LiveView } from '../../../renderer/src/live/live-connection'
import { createLogger } from '../../../renderer/src/log'

/** A WebSocket stand-in (unit test only): records what the client sends, lets the test answer. */
class FakeSocket {
  static instances: FakeSocket[] = []
  readonly OPEN = 1
  readyState = 0
  sent: ClientMessage[] = []
  onopen: (() => void) | null = null
  onmessage: ((event: { data: unknown }) => void) | null = null
  onclose: ((event: { code: number }) => void) | null = null
  onerror: (() => void) | null = null

  constructor(readonly url: string) {
    FakeSocket.instances.push(this)
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data) as ClientMessage)
  }

  close(code = 1000): void {
    this.readyState = 3
    this.onclose?.({ code })
  }

  open(): void {
    this.readyState = 1
    this.onopen?.()
  }

  receive(message: ServerMessage | string): void {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) })
  }

  drop(code = 1006): void {
    this.readyState = 3
    this.onclose?.({ code })
  }
}

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
})
