import { createSocket, type Socket as UdpSocket } from 'node:dgram'
import { createServer, type Server, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  startKamailioQueue,
  type KamailioQueueAdapter,
} from '../../../../server/gateway/queue/kamailio/adapter'
import { encodeNetstring, NetstringDecoder } from '../../../../server/gateway/queue/kamailio/netstring'
import { bdecode, bencode, type NgValue } from '../../../../server/gateway/queue/kamailio/rtpengine-ng'
import type { CallQueue, WaitingLine } from '../../../../server/lib/call-queue'
import { createRootLogger } from '../../../../server/lib/logger'

// The adapter with announcements, against a fake evapi socket and a fake rtpengine ng socket: which
// position each waiting caller hears, and that the 183's SDP goes to Kamailio as `progress`.

const logger = createRootLogger({ level: 'silent' })
const ANSWER =
  'v=0\r\no=- 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 30000 RTP/AVP 8\r\n'

/** A fake Kamailio evapi socket: records the actions it gets. */
class FakeEvapi {
  readonly actions: Array<Record<string, unknown>> = []
  private socket: Socket | undefined

  constructor(readonly server: Server) {
    server.on('connection', (socket) => {
      this.socket = socket
      const decoder = new NetstringDecoder()
      socket.on('data', (chunk: Buffer) => {
        for (const payload of decoder.push(chunk)) {
          this.actions.push(JSON.parse(payload) as Record<string, unknown>)
        }
      })
      socket.on('error', () => undefined)
    })
  }

  get connected(): boolean {
    return this.socket !== undefined
  }

  send(message: unknown): void {
    this.socket!.write(encodeNetstring(JSON.stringify(message)))
  }
}

/** A fake rtpengine ng socket: answers like rtpengine 10.5 and records each command. */
class FakeNg {
  readonly commands: Array<Record<string, NgValue>> = []

  constructor(readonly socket: UdpSocket) {
    socket.on('message', (message, from) => {
      const space = message.indexOf(0x20)
      const command = bdecode(message, space + 1).value as Record<string, NgValue>
      this.commands.push(command)
      const reply: Record<string, NgValue> =
        command['command'] === 'answer'
          ? { result: 'ok', sdp: ANSWER }
          : command['command'] === 'play media'
            ? { result: 'ok', duration: 20 }
            : { result: 'ok' }
      socket.send(`${message.subarray(0, space).toString()} ${bencode(reply)}`, from.port, from.address)
    })
  }

  /** The files played to `tag`, in order. */
  played(tag: string): string[] {
    return this.commands
      .filter((c) => c['command'] === 'play media' && c['from-tag'] === tag)
      .map((c) => String(c['file']).split('/').at(-1)!)
  }
}

const lines: WaitingLine[] = []
const queue: CallQueue = {
  serves: (group) => group === 'vergunningen',
  enter: (line) => void lines.push(line),
}
let adapter: KamailioQueueAdapter | undefined
let evapiServer: Server | undefined
let ngSocket: UdpSocket | undefined

afterEach(async () => {
  await adapter?.close()
  evapiServer?.close()
  ngSocket?.close()
  lines.length = 0
})

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) {
    await new Promise((r) => setTimeout(r, 10))
  }
  expect(condition(), what).toBe(true)
}

const queued = (callid: string, tag: string | undefined, second: number): Record<string, string> => ({
  event: 'queued',
  callid,
  group: 'vergunningen',
  caller: '0201234567',
  queuedAt: `${1765050000 + second}.000000`,
  ...(tag ? { tag } : {}),
})

describe('the Kamailio adapter with announcements', () => {
  it('gives each waiting carrier call a 183 and its place in the queue, and moves the callers behind up', async () => {
    evapiServer = createServer()
    await new Promise<void>((r) => evapiServer!.listen(0, '127.0.0.1', () => r()))
    const evapi = new FakeEvapi(evapiServer)
    ngSocket = createSocket('udp4')
    await new Promise<void>((r) => ngSocket!.bind(0, '127.0.0.1', () => r()))
    const ng = new FakeNg(ngSocket)
    adapter = startKamailioQueue({
      evapi: { host: '127.0.0.1', port: (evapiServer.address() as { port: number }).port },
      queue,
      logger,
      firstRetryMs: 20,
      announcements: { rtpengine: `udp:127.0.0.1:${ngSocket.address().port}`, prompts: '/p' },
    })
    await until(() => evapi.connected, 'the adapter connects')

    evapi.send(queued('c1', 't1', 1))
    evapi.send(queued('c2', 't2', 2))
    // A browser's call (no tag): queued, but nothing to play.
    evapi.send(queued('c3', undefined, 3))
    await until(() => ng.played('t2').includes('muziek.wav'), 'the second caller hears the music')
    expect(evapi.actions.filter((a) => a['action'] === 'progress')).toEqual([
      { action: 'progress', callid: 'c1', sdp: ANSWER },
      { action: 'progress', callid: 'c2', sdp: ANSWER },
    ])
    expect(ng.played('t1')).toEqual(['positie-1.wav', 'muziek.wav'])
    expect(ng.played('t2')).toEqual(['positie-2.wav', 'muziek.wav'])
    expect(ng.commands.filter((c) => c['call-id'] === 'c3')).toEqual([])

    // The first caller is answered: the second hears that they are first now.
    evapi.send({ event: 'answered', callid: 'c1' })
    await until(() => ng.played('t2').length === 4, 'the second caller hears the new position')
    expect(ng.played('t2')).toEqual(['positie-2.wav', 'muziek.wav', 'positie-1.wav', 'muziek.wav'])
    expect(ng.played('t1')).toHaveLength(2)
  })
})
