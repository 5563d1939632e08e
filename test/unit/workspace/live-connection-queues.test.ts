import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { LiveEvent, ServerMessage } from '../../../shared/live/protocol'
import { LiveConnection } from '../../../renderer/src/live/live-connection'
import type { LiveView } from '../../../renderer/src/live/live-view'
import { createLogger } from '../../../renderer/src/log'
import { FakeSocket } from './fake-live-socket'

const silent = createLogger('test', () => undefined)

const welcome: ServerMessage = {
  type: 'welcome',
  login: 'supervisor',
  role: 'supervisor',
  afdeling: 'kcc',
  epoch: 'e1',
  heartbeatMs: 30_000,
}

const snapshotWith = (queues?: unknown): string =>
  JSON.stringify({
    type: 'snapshot',
    epoch: 'e1',
    seq: 3,
    agents: [],
    calls: [],
    transfers: [],
    ...(queues !== undefined ? { queues } : {}),
  })

const queueChanged = (
  seq: number,
  afdeling: string,
  waiting: number,
  oldestSince?: string,
): ServerMessage => ({
  type: 'event',
  event: {
    type: 'queue.changed',
    seq,
    at: '2026-12-04T10:00:00.000Z',
    queue: { afdeling, waiting, ...(oldestSince !== undefined ? { oldestSince } : {}) },
  } as LiveEvent,
})

describe('the live view of the afdelingen’s queues', () => {
  let views: LiveView[]
  let connection: LiveConnection
  let socket: FakeSocket

  beforeEach(() => {
    vi.useFakeTimers()
    FakeSocket.instances = []
    views = []
    connection = new LiveConnection({
      gatewayUrl: 'https://gateway.example/',
      token: () => 'secret-token',
      onChange: (view) => views.push(view),
      logger: silent,
      webSocket: FakeSocket as unknown as typeof WebSocket,
    })
    connection.start()
    socket = FakeSocket.instances[0]!
    socket.open()
    socket.receive(welcome)
  })
  afterEach(() => {
    connection.stop()
    vi.useRealTimers()
  })

  const queues = () => views.at(-1)?.queues

  it('starts from the queues in the snapshot', () => {
    socket.receive(
      snapshotWith([
        { afdeling: 'kcc', waiting: 2, oldestSince: '2026-12-04T09:59:00.000Z' },
        { afdeling: 'vergunningen', waiting: 0 },
      ]),
    )
    expect(queues()).toEqual([
      { afdeling: 'kcc', waiting: 2, oldestSince: '2026-12-04T09:59:00.000Z' },
      { afdeling: 'vergunningen', waiting: 0 },
    ])
  })

  it('has no queues when the snapshot comes from a hub that keeps none', () => {
    socket.receive(snapshotWith())
    expect(queues()).toEqual([])
  })

  it('takes each queue.changed as the whole status of that afdeling’s queue, leaving the others', () => {
    socket.receive(
      snapshotWith([{ afdeling: 'vergunningen', waiting: 1, oldestSince: '2026-12-04T09:58:00.000Z' }]),
    )
    socket.receive(queueChanged(4, 'kcc', 1, '2026-12-04T09:59:30.000Z'))
    socket.receive(queueChanged(5, 'kcc', 3, '2026-12-04T09:59:30.000Z'))
    expect(queues()).toContainEqual({ afdeling: 'kcc', waiting: 3, oldestSince: '2026-12-04T09:59:30.000Z' })
    socket.receive(queueChanged(6, 'kcc', 0))
    expect(queues()).toHaveLength(2)
    expect(queues()).toContainEqual({ afdeling: 'kcc', waiting: 0 })
    expect(queues()).toContainEqual({
      afdeling: 'vergunningen',
      waiting: 1,
      oldestSince: '2026-12-04T09:58:00.000Z',
    })
  })

  it('ignores a replayed queue event it already has', () => {
    socket.receive(snapshotWith([{ afdeling: 'kcc', waiting: 2 }]))
    socket.receive(queueChanged(2, 'kcc', 5))
    expect(queues()).toEqual([{ afdeling: 'kcc', waiting: 2 }])
  })

  it('replaces its queues with those of an unasked snapshot', () => {
    socket.receive(snapshotWith([{ afdeling: 'kcc', waiting: 2 }]))
    socket.receive(queueChanged(4, 'vergunningen', 1))
    socket.receive(snapshotWith([{ afdeling: 'kcc', waiting: 0 }]))
    expect(queues()).toEqual([{ afdeling: 'kcc', waiting: 0 }])
  })

  it.each([
    ['a negative count', { afdeling: 'kcc', waiting: -1 }],
    ['a count that is no whole number', { afdeling: 'kcc', waiting: 1.5 }],
    ['no afdeling', { waiting: 1 }],
    ['an oldestSince that is no text', { afdeling: 'kcc', waiting: 1, oldestSince: 12 }],
  ])('ignores a queue.changed with %s', (_name, queue) => {
    socket.receive(snapshotWith([{ afdeling: 'kcc', waiting: 2 }]))
    socket.receive(
      JSON.stringify({
        type: 'event',
        event: { type: 'queue.changed', seq: 4, at: '2026-12-04T10:00:00Z', queue },
      }),
    )
    expect(queues()).toEqual([{ afdeling: 'kcc', waiting: 2 }])
  })

  it('ignores a snapshot whose queues are malformed', () => {
    socket.receive(snapshotWith([{ afdeling: 'kcc', waiting: 'veel' }]))
    expect(views.at(-1)?.connection).toBe('connecting')
  })
})
