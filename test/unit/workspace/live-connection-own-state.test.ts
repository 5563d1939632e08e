import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AgentState, ServerMessage } from '../../../shared/live/protocol'
import { LiveConnection } from '../../../renderer/src/live/live-connection'
import { createLogger } from '../../../renderer/src/log'
import { FakeSocket } from './fake-live-socket'

const silent = createLogger('test', () => undefined)

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
  seq: 10,
  agents: [],
  calls: [],
  transfers: [],
}

describe('the app follows the own state the gateway set', () => {
  let connection: LiveConnection
  let followed: AgentState[]
  let seq: number

  beforeEach(() => {
    vi.useFakeTimers()
    FakeSocket.instances = []
    followed = []
    seq = 10
    connection = new LiveConnection({
      gatewayUrl: 'https://gateway.example/',
      token: () => 'secret-token',
      onChange: () => undefined,
      onOwnStateSet: (state) => followed.push(state),
      logger: silent,
      webSocket: FakeSocket as unknown as typeof WebSocket,
    })
  })
  afterEach(() => {
    connection.stop()
    vi.useRealTimers()
  })

  const connect = (): FakeSocket => {
    connection.start()
    const socket = FakeSocket.instances.at(-1)!
    socket.open()
    socket.receive(welcome)
    socket.receive(snapshot)
    return socket
  }
  const stateEvent = (state: AgentState, login = 'medewerker1'): ServerMessage => ({
    type: 'event',
    event: { type: 'agent.state', login, afdeling: 'kcc', state, seq: ++seq, at: '2026-12-04T10:00:00.000Z' },
  })

  it('does not follow the echo of a state it asked for', () => {
    connection.setState('beschikbaar')
    const socket = connect()
    socket.receive(stateEvent('beschikbaar'))
    connection.setState('pauze')
    socket.receive(stateEvent('pauze'))
    expect(followed).toEqual([])
  })

  it('follows Pauze the gateway set after a call rang out, and tells Pauze again after a reconnect', () => {
    connection.setState('beschikbaar')
    const first = connect()
    first.receive(stateEvent('beschikbaar'))
    connection.setState('ringing')
    first.receive(stateEvent('ringing'))
    connection.setState('beschikbaar')
    first.receive(stateEvent('beschikbaar'))
    first.receive(stateEvent('pauze'))
    expect(followed).toEqual(['pauze'])

    first.drop()
    vi.advanceTimersByTime(500)
    const second = FakeSocket.instances.at(-1)!
    second.open()
    second.receive(welcome)
    second.receive({ type: 'resumed', epoch: 'e1', lastSeq: seq })
    expect(second.sent.filter((m) => m.type === 'state')).toEqual([{ type: 'state', state: 'pauze' }])
  })

  it('follows Pauze that the gateway set before the app’s own request reached it', () => {
    connection.setState('beschikbaar')
    const socket = connect()
    connection.setState('ringing')
    socket.receive(stateEvent('ringing'))
    // The queue set Pauze; the app's Beschikbaar (sent as the call ended) came after it.
    connection.setState('beschikbaar')
    socket.receive(stateEvent('pauze'))
    socket.receive(stateEvent('beschikbaar'))
    expect(followed).toEqual(['pauze'])
  })

  it('does not follow echoes that arrive after the app moved on (ringing, then in gesprek)', () => {
    connection.setState('beschikbaar')
    const socket = connect()
    connection.setState('ringing')
    connection.setState('in_gesprek')
    socket.receive(stateEvent('ringing'))
    socket.receive(stateEvent('in_gesprek'))
    expect(followed).toEqual([])
  })

  it('follows Afgemeld the gateway set while the socket is open', () => {
    connection.setState('beschikbaar')
    const socket = connect()
    socket.receive(stateEvent('offline'))
    expect(followed).toEqual(['offline'])
  })

  it('does not follow the Afgemeld of the grace period that ran out while the socket was down', () => {
    connection.setState('beschikbaar')
    const first = connect()
    const lastSeq = seq
    first.drop()
    vi.advanceTimersByTime(500)
    const second = FakeSocket.instances.at(-1)!
    second.open()
    second.receive(welcome)
    second.receive({ type: 'resumed', epoch: 'e1', lastSeq })
    expect(second.sent).toContainEqual({ type: 'ping' })
    expect(second.sent.at(-1)).toEqual({ type: 'state', state: 'beschikbaar' })
    // The replay: the gateway marked the agent offline after the grace period.
    second.receive(stateEvent('offline'))
    second.receive({ type: 'pong' })
    // The app's Beschikbaar, told again, is what the gateway has now.
    second.receive(stateEvent('beschikbaar'))
    expect(followed).toEqual([])

    // After the replay, a state the gateway sets is followed again.
    second.receive(stateEvent('pauze'))
    expect(followed).toEqual(['pauze'])
  })

  it('leaves another agent’s state alone', () => {
    connection.setState('beschikbaar')
    const socket = connect()
    socket.receive(stateEvent('pauze', 'medewerker2'))
    expect(followed).toEqual([])
  })

  it('does not follow a call state: the softphone tells those', () => {
    connection.setState('beschikbaar')
    const socket = connect()
    socket.receive(stateEvent('in_gesprek'))
    expect(followed).toEqual([])
  })

  it('follows nothing when the app never told a state of its own (the wallboard)', () => {
    const socket = connect()
    socket.receive(stateEvent('pauze'))
    socket.receive(stateEvent('beschikbaar'))
    expect(followed).toEqual([])
    expect(socket.sent.some((m) => m.type === 'state')).toBe(false)
  })
})
