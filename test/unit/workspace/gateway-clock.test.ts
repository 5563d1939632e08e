import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ServerMessage } from '../../../shared/live/protocol'
import { GatewayClock, offsetOf, sinceGatewayTime } from '../../../renderer/src/live/gateway-clock'
import { CLOCK_PING_MS, LiveConnection } from '../../../renderer/src/live/live-connection'
import { createLogger } from '../../../renderer/src/log'
import { FakeSocket } from './fake-live-socket'

const T0 = Date.parse('2026-12-06T10:00:00.000Z')
const iso = (ms: number) => new Date(ms).toISOString()

describe('the offset between the gateway’s clock and the app’s', () => {
  it('takes the gateway’s time to be half-way the round trip', () => {
    // Sent at 0, answered at 100: the gateway said 5 050 at app time 50, so it is 5 000 ahead.
    expect(offsetOf({ sentAt: T0, serverTime: T0 + 5_050, receivedAt: T0 + 100 })).toEqual({
      offsetMs: 5_000,
      errorMs: 50,
    })
  })

  it('is 0 before the first answer', () => {
    const clock = new GatewayClock()
    expect(clock.offsetMs).toBe(0)
    expect(clock.now(T0)).toBe(T0)
  })

  it('follows a gateway whose clock is behind the app’s', () => {
    const clock = new GatewayClock()
    clock.sample({ sentAt: T0, serverTime: T0 - 17_000 + 10, receivedAt: T0 + 20 })
    expect(clock.offsetMs).toBe(-17_000)
    expect(clock.now(T0 + 1_000)).toBe(T0 - 16_000)
  })

  it('trusts the sample with the shortest round trip', () => {
    const clock = new GatewayClock()
    clock.sample({ sentAt: T0, serverTime: T0 + 3_000 + 20, receivedAt: T0 + 40 })
    // A slow answer (a session check in between) suggests 3 400 ± 400: less certain, not taken.
    clock.sample({ sentAt: T0, serverTime: T0 + 3_800, receivedAt: T0 + 800 })
    expect(clock.offsetMs).toBe(3_000)
    clock.sample({ sentAt: T0, serverTime: T0 + 2_990 + 5, receivedAt: T0 + 10 })
    expect(clock.offsetMs).toBe(2_990)
  })

  it('forgets old samples, so a clock that was set is followed', () => {
    const clock = new GatewayClock()
    clock.sample({ sentAt: T0, serverTime: T0 + 9_000, receivedAt: T0 })
    for (let i = 0; i < 8; i++) {
      clock.sample({ sentAt: T0, serverTime: T0 + 1_000 + 50, receivedAt: T0 + 100 })
    }
    expect(clock.offsetMs).toBe(1_000)
  })

  it('ignores a sample whose time does not parse, or whose round trip ran backwards', () => {
    const clock = new GatewayClock()
    clock.sample({ sentAt: T0, serverTime: Number.NaN, receivedAt: T0 + 10 })
    clock.sample({ sentAt: T0 + 100, serverTime: T0 + 60_000, receivedAt: T0 })
    expect(clock.offsetMs).toBe(0)
  })

  it('counts a duration from a gateway time up to a gateway now, never below zero', () => {
    expect(sinceGatewayTime(iso(T0), T0 + 19_000)).toBe(19_000)
    expect(sinceGatewayTime(iso(T0 + 500), T0)).toBe(0)
    expect(sinceGatewayTime('geen tijd', T0)).toBe(0)
  })
})

describe('the live connection feeding the clock', () => {
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
    seq: 1,
    agents: [],
    calls: [],
    transfers: [],
  }
  let clock: GatewayClock
  let connection: LiveConnection

  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(T0)
    FakeSocket.instances = []
    clock = new GatewayClock()
    connection = new LiveConnection({
      gatewayUrl: 'https://gateway.example/',
      token: () => 't',
      onChange: () => undefined,
      logger: createLogger('test', () => undefined),
      clock,
      webSocket: FakeSocket as unknown as typeof WebSocket,
    })
    connection.start()
  })
  afterEach(() => {
    connection.stop()
    vi.useRealTimers()
  })

  it('estimates from the welcome, then from the pong of the ping it sends once connected', () => {
    const socket = FakeSocket.instances[0]!
    socket.open()
    vi.advanceTimersByTime(200)
    socket.receive({ ...welcome, serverTime: iso(T0 + 100 + 19_000) })
    expect(clock.offsetMs).toBe(19_000)
    socket.receive(snapshot)
    expect(socket.sent.filter((m) => m.type === 'ping')).toHaveLength(1)
    vi.advanceTimersByTime(20)
    socket.receive({ type: 'pong', serverTime: iso(T0 + 210 + 18_500) })
    expect(clock.offsetMs).toBe(18_500)
  })

  it('asks again every minute while connected', () => {
    const socket = FakeSocket.instances[0]!
    socket.open()
    socket.receive(welcome)
    socket.receive(snapshot)
    vi.advanceTimersByTime(CLOCK_PING_MS * 2)
    expect(socket.sent.filter((m) => m.type === 'ping')).toHaveLength(3)
  })

  it('ignores a live message with a gateway time that is no time', () => {
    const socket = FakeSocket.instances[0]!
    socket.open()
    socket.receive({ ...welcome, serverTime: 'gisteren' })
    expect(socket.sent.filter((m) => m.type === 'snapshot' || m.type === 'resume')).toHaveLength(0)
    expect(clock.offsetMs).toBe(0)
  })
})
