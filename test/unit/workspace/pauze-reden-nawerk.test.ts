import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AgentState, ServerMessage } from '../../../shared/live/protocol'
import { memoryStorage } from '../../../renderer/src/klantcontact/persistence'
import { LiveConnection } from '../../../renderer/src/live/live-connection'
import type { LiveView } from '../../../renderer/src/live/live-view'
import { createLogger } from '../../../renderer/src/log'
import { createAppStore } from '../../../renderer/src/store'
import { pauseReasonsOf } from '../../../renderer/src/workspace/agent-state'
import { CallCoordinator } from '../../../renderer/src/workspace/call-coordinator'
import { phoneWith } from './coordinator-support'
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

describe('the pauze reason and the nawerk deadline on the live socket', () => {
  let connection: LiveConnection
  let view: LiveView
  let followed: AgentState[]

  beforeEach(() => {
    vi.useFakeTimers()
    FakeSocket.instances = []
    followed = []
    connection = new LiveConnection({
      gatewayUrl: 'https://gateway.example/',
      token: () => 'secret-token',
      onChange: (next) => {
        view = next
      },
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

  it('sends the reason with a pauze, and again after a reconnect', () => {
    const first = connect()
    connection.setState('pauze', { pauzeReden: 'Lunch' })
    expect(first.sent.at(-1)).toEqual({ type: 'state', state: 'pauze', pauzeReden: 'Lunch' })
    first.drop()
    vi.advanceTimersByTime(500)
    const second = FakeSocket.instances.at(-1)!
    second.open()
    second.receive(welcome)
    second.receive({ type: 'resumed', epoch: 'e1', lastSeq: 10 })
    expect(second.sent.filter((m) => m.type === 'state')).toEqual([
      { type: 'state', state: 'pauze', pauzeReden: 'Lunch' },
    ])
  })

  it('never sends a reason with another state', () => {
    const socket = connect()
    connection.setState('beschikbaar', { pauzeReden: 'Lunch' })
    expect(socket.sent.at(-1)).toEqual({ type: 'state', state: 'beschikbaar' })
  })

  it('keeps the reason and the nawerk deadline the gateway published in its view', () => {
    const socket = connect()
    socket.receive({
      type: 'event',
      event: {
        type: 'agent.state',
        login: 'medewerker1',
        afdeling: 'kcc',
        state: 'nawerk',
        nawerkTot: '2026-12-07T10:01:00.000Z',
        seq: 11,
        at: '2026-12-07T10:00:00.000Z',
      },
    })
    expect(view.agents).toEqual([
      expect.objectContaining({ state: 'nawerk', nawerkTot: '2026-12-07T10:01:00.000Z' }),
    ])
    socket.receive({
      type: 'event',
      event: {
        type: 'agent.state',
        login: 'medewerker2',
        afdeling: 'kcc',
        state: 'pauze',
        pauzeReden: 'Overleg',
        seq: 12,
        at: '2026-12-07T10:00:01.000Z',
      },
    })
    expect(view.agents.find((a) => a.login === 'medewerker2')).toMatchObject({ pauzeReden: 'Overleg' })
  })

  it('follows Beschikbaar when the gateway ends the nawerk it asked for', () => {
    const socket = connect()
    connection.setState('nawerk')
    socket.receive({
      type: 'event',
      event: {
        type: 'agent.state',
        login: 'medewerker1',
        afdeling: 'kcc',
        state: 'nawerk',
        seq: 11,
        at: 'x',
      },
    })
    socket.receive({
      type: 'event',
      event: {
        type: 'agent.state',
        login: 'medewerker1',
        afdeling: 'kcc',
        state: 'beschikbaar',
        seq: 12,
        at: 'x',
      },
    })
    expect(followed).toEqual(['beschikbaar'])
  })
})

class RecordingLive {
  sent: Array<{ state: AgentState; pauzeReden?: string | undefined; derived?: boolean }> = []
  setState(state: AgentState, options: { derived?: boolean; pauzeReden?: string | undefined } = {}): void {
    this.sent.push({ state, ...options })
  }
  callStarted(): void {}
  callEnded(): void {}
}

function setup() {
  const store = createAppStore({ storage: memoryStorage() })
  const live = new RecordingLive()
  const coordinator = new CallCoordinator({ store, live, agentLogin: 'medewerker1', logger: silent })
  return { store, live, coordinator }
}

describe('the coordinator tells the pauze reason and follows the end of nawerk', () => {
  it('sends the chosen reason with pauze, and none once the agent is beschikbaar', () => {
    const { store, live, coordinator } = setup()
    store.getState().workspace.setPauseReason('Training')
    coordinator.choose('pauze')
    expect(live.sent.at(-1)).toMatchObject({ state: 'pauze', pauzeReden: 'Training' })
    coordinator.choose('beschikbaar')
    expect(live.sent.at(-1)).toMatchObject({ state: 'beschikbaar', pauzeReden: undefined })
  })

  it('sends the call’s state without the reason during a call on pauze, and the reason again after', () => {
    const { store, live, coordinator } = setup()
    store.getState().workspace.setPauseReason('Lunch')
    coordinator.choose('pauze')
    coordinator.onSnapshot(phoneWith({ state: 'ringing' }))
    expect(live.sent.at(-1)).toMatchObject({ state: 'ringing', pauzeReden: undefined })
    coordinator.onSnapshot(phoneWith({ state: 'ended' }))
    expect(live.sent.at(-1)).toMatchObject({ state: 'pauze', pauzeReden: 'Lunch' })
  })

  it('is Beschikbaar after the gateway ended nawerk, and does not send nawerk again', () => {
    const { store, live, coordinator } = setup()
    coordinator.onSnapshot(phoneWith({ state: 'active', answeredAt: Date.parse('2026-12-07T10:00:00Z') }))
    coordinator.onSnapshot(phoneWith({ state: 'ended', answeredAt: Date.parse('2026-12-07T10:00:00Z') }))
    expect(live.sent.at(-1)?.state).toBe('nawerk')
    coordinator.followGateway('beschikbaar')
    expect(store.getState().workspace.availability).toBe('beschikbaar')
    // Later snapshots of the ended call derive from the followed state.
    coordinator.onSnapshot(phoneWith({ state: 'ended', answeredAt: Date.parse('2026-12-07T10:00:00Z') }))
    coordinator.onSnapshot(phoneWith(null))
    expect(live.sent.slice(-3).map((s) => s.state)).toEqual(['beschikbaar', 'beschikbaar', 'beschikbaar'])
  })
})

describe('the pauze reasons offered', () => {
  it('are the gateway’s, or the defaults from a gateway that sends none', () => {
    expect(pauseReasonsOf({ pauzeRedenen: ['Koffie', 'Scholing'] })).toEqual(['Koffie', 'Scholing'])
    expect(pauseReasonsOf({})).toEqual(['Lunch', 'Overleg', 'Training', 'Overig'])
    expect(pauseReasonsOf(undefined)).toEqual(['Lunch', 'Overleg', 'Training', 'Overig'])
  })
})
