import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ServerMessage } from '../../../shared/live/protocol'
import { LiveConnection } from '../../../renderer/src/live/live-connection'
import type { LiveView } from '../../../renderer/src/live/live-view'
import { createLogger } from '../../../renderer/src/log'
import { FakeSocket } from './fake-live-socket'

const silent = createLogger('test', () => undefined)

const welcome: ServerMessage = {
  type: 'welcome',
  login: 'm-eva',
  role: 'agent',
  afdeling: 'vergunningen',
  epoch: 'e1',
  heartbeatMs: 30_000,
}

const snapshotWith = (inboxes?: unknown): string =>
  JSON.stringify({
    type: 'snapshot',
    epoch: 'e1',
    seq: 3,
    agents: [],
    calls: [],
    transfers: [],
    ...(inboxes !== undefined ? { inboxes } : {}),
  })

const inboxChanged = (seq: number, inbox: unknown): string =>
  JSON.stringify({
    type: 'event',
    event: { type: 'inbox.changed', seq, at: '2026-12-04T10:00:00.000Z', inbox },
  })

describe('the live view of the afdelingen’s open contactverzoeken', () => {
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

  const inboxes = () => views.at(-1)?.inboxes

  it('starts from the inboxes in the snapshot, and from none when the hub keeps none', () => {
    socket.receive(
      snapshotWith([{ afdeling: 'vergunningen', open: 2, oldestSince: '2026-12-04T08:00:00.000Z' }]),
    )
    expect(inboxes()).toEqual([
      { afdeling: 'vergunningen', open: 2, oldestSince: '2026-12-04T08:00:00.000Z' },
    ])
    socket.receive(snapshotWith())
    expect(inboxes()).toEqual([])
  })

  it('takes each inbox.changed as the whole status of that afdeling’s inbox, leaving the others', () => {
    socket.receive(snapshotWith([{ afdeling: 'kcc', open: 1, oldestSince: '2026-12-04T07:00:00.000Z' }]))
    socket.receive(
      inboxChanged(4, { afdeling: 'vergunningen', open: 1, oldestSince: '2026-12-04T09:00:00.000Z' }),
    )
    socket.receive(inboxChanged(5, { afdeling: 'vergunningen', open: 0 }))
    expect(inboxes()).toHaveLength(2)
    expect(inboxes()).toContainEqual({ afdeling: 'vergunningen', open: 0 })
    expect(inboxes()).toContainEqual({ afdeling: 'kcc', open: 1, oldestSince: '2026-12-04T07:00:00.000Z' })
  })

  it('ignores a replayed inbox event it already has', () => {
    socket.receive(snapshotWith([{ afdeling: 'vergunningen', open: 2 }]))
    socket.receive(inboxChanged(3, { afdeling: 'vergunningen', open: 5 }))
    expect(inboxes()).toEqual([{ afdeling: 'vergunningen', open: 2 }])
  })

  it.each([
    ['a negative count', { afdeling: 'vergunningen', open: -1 }],
    ['a count that is no whole number', { afdeling: 'vergunningen', open: 1.5 }],
    ['no afdeling', { open: 1 }],
    ['an oldestSince that is no time', { afdeling: 'vergunningen', open: 1, oldestSince: 'gisteren' }],
  ])('ignores an inbox.changed with %s', (_name, inbox) => {
    socket.receive(snapshotWith([{ afdeling: 'vergunningen', open: 2 }]))
    socket.receive(inboxChanged(4, inbox))
    expect(inboxes()).toEqual([{ afdeling: 'vergunningen', open: 2 }])
  })

  it('ignores a snapshot whose inboxes are malformed', () => {
    socket.receive(snapshotWith([{ afdeling: 'vergunningen', open: 'veel' }]))
    expect(views.at(-1)?.connection).toBe('connecting')
  })
})
