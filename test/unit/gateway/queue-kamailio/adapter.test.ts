import { createServer, type Server, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { CallQueue, WaitingLine } from '../../../../server/lib/call-queue'
import { createRootLogger } from '../../../../server/lib/logger'
import {
  outcomeOfCode,
  startKamailioQueue,
  type KamailioQueueAdapter,
} from '../../../../server/gateway/queue/kamailio/adapter'
import { encodeNetstring, NetstringDecoder } from '../../../../server/gateway/queue/kamailio/netstring'

// The adapter against a fake evapi socket: the parts the integration test on Kamailio cannot
// provoke (keepalive timing, a stream that breaks, announcements that are not ours).

/** A fake Kamailio evapi socket: records the actions it gets, sends what the test says. */
class FakeEvapi {
  readonly actions: Array<Record<string, unknown>> = []
  private socket: Socket | undefined
  private waiters: Array<() => void> = []
  private connectionWaiters: Array<() => void> = []
  connections = 0

  private constructor(readonly server: Server) {
    server.on('connection', (socket) => {
      this.socket = socket
      this.connections++
      const decoder = new NetstringDecoder()
      socket.on('data', (chunk: Buffer) => {
        for (const payload of decoder.push(chunk)) {
          this.actions.push(JSON.parse(payload) as Record<string, unknown>)
          for (const waiter of this.waiters.splice(0)) {
            waiter()
          }
        }
      })
      socket.on('error', () => undefined)
      for (const waiter of this.connectionWaiters.splice(0)) {
        waiter()
      }
    })
  }

  static async start(): Promise<FakeEvapi> {
    const server = createServer()
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    return new FakeEvapi(server)
  }

  get port(): number {
    return (this.server.address() as { port: number }).port
  }

  async connected(count: number): Promise<void> {
    while (this.connections < count) {
      await new Promise<void>((r) => this.connectionWaiters.push(r))
    }
  }

  send(message: unknown): void {
    this.socket!.write(encodeNetstring(typeof message === 'string' ? message : JSON.stringify(message)))
  }

  sendRaw(bytes: string): void {
    this.socket!.write(bytes)
  }

  drop(): void {
    this.socket!.destroy()
  }

  async action(match: (a: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    for (;;) {
      const found = this.actions.find(match)
      if (found) {
        return found
      }
      await new Promise<void>((r) => this.waiters.push(r))
    }
  }

  async close(): Promise<void> {
    this.socket?.destroy()
    await new Promise<void>((r) => this.server.close(() => r()))
  }
}

class ListQueue implements CallQueue {
  readonly lines: WaitingLine[] = []
  private waiters: Array<() => void> = []
  constructor(private readonly group = 'vergunningen') {}
  serves(group: string): boolean {
    return group === this.group
  }
  enter(line: WaitingLine): void {
    this.lines.push(line)
    for (const waiter of this.waiters.splice(0)) {
      waiter()
    }
  }
  async entered(count: number): Promise<WaitingLine> {
    while (this.lines.length < count) {
      await new Promise<void>((r) => this.waiters.push(r))
    }
    return this.lines[count - 1]!
  }
}

const queued = (callid: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  event: 'queued',
  callid,
  group: 'vergunningen',
  caller: '0612345678',
  queuedAt: '1765050000.250000',
  ...extra,
})

let fake: FakeEvapi
let adapter: KamailioQueueAdapter | undefined
const logLines: string[] = []
const logger = createRootLogger({
  level: 'debug',
  destination: { write: (line: string) => void logLines.push(line) },
})

async function start(queue: CallQueue, keepaliveMs = 60_000): Promise<void> {
  fake = await FakeEvapi.start()
  adapter = startKamailioQueue({
    evapi: { host: '127.0.0.1', port: fake.port },
    queue,
    logger,
    keepaliveMs,
    firstRetryMs: 10,
    maxRetryMs: 50,
  })
  await fake.connected(1)
}

afterEach(async () => {
  await adapter?.close()
  adapter = undefined
  await fake.close()
  logLines.splice(0)
})

describe('Kamailio queue adapter', () => {
  it('hands a queued call to the queue and rings the agent it picks with a deliver action', async () => {
    const queue = new ListQueue()
    await start(queue)
    fake.send(queued('c1'))
    const line = await queue.entered(1)
    expect(line.call).toEqual({
      sipCallId: 'c1',
      group: 'vergunningen',
      callerNumber: '0612345678',
      enteredAt: 1765050000250,
    })

    const ringing = line.ring('agent1', 15)
    expect(await fake.action((a) => a['action'] === 'deliver')).toEqual({
      action: 'deliver',
      callid: 'c1',
      agent: 'agent1',
      ring: 15,
    })
    fake.send({ event: 'agent-failed', callid: 'c1', code: 408 })
    expect(await ringing).toBe('no_answer')
    // No caller number in what the adapter logged.
    expect(logLines.join('')).not.toContain('0612345678')
  })

  it('maps the agent’s final response to the ring outcome', () => {
    expect(outcomeOfCode(408)).toBe('no_answer')
    expect(outcomeOfCode(480)).toBe('unreachable')
    expect(outcomeOfCode(486)).toBe('declined')
    expect(outcomeOfCode(603)).toBe('declined')
  })

  it('sends a keepalive for every waiting call, but not for one whose agent rings', async () => {
    const queue = new ListQueue()
    await start(queue, 20)
    fake.send(queued('waits'))
    fake.send(queued('rings'))
    await queue.entered(2)
    void queue.lines[1]!.ring('agent1', 20)
    await fake.action((a) => a['action'] === 'deliver')
    const keepalivesOfWaits = (): number =>
      fake.actions.filter((a) => a['action'] === 'keepalive' && a['callid'] === 'waits').length

    // Three rounds of keepalives while the other call's agent rings.
    await fake.action(() => keepalivesOfWaits() >= 3)
    expect(fake.actions.filter((a) => a['action'] === 'keepalive' && a['callid'] === 'rings')).toEqual([])
  })

  it('rejects a call for a group the queue does not serve', async () => {
    await start(new ListQueue('burgerzaken'))
    fake.send(queued('c2'))
    expect(await fake.action((a) => a['action'] === 'reject')).toEqual({
      action: 'reject',
      callid: 'c2',
      reason: 'no_agent',
    })
  })

  it('drops a malformed message and rejects a waiting call it cannot read', async () => {
    const queue = new ListQueue()
    await start(queue)
    fake.send('{"event":"queued"}')
    fake.send(queued('bad', { caller: 'a b' }))
    expect(await fake.action((a) => a['action'] === 'reject')).toMatchObject({ callid: 'bad' })
    fake.send(queued('good'))
    expect((await queue.entered(1)).call.sipCallId).toBe('good')
    expect(logLines.join('')).toMatch(/invalid message from Kamailio dropped/)
  })

  it('tells the queue when a call ends while it waits, and ends a ring when the caller leaves', async () => {
    const queue = new ListQueue()
    await start(queue)
    fake.send(queued('w'))
    fake.send(queued('r'))
    const waiting = await queue.entered(1)
    const ringingLine = await queue.entered(2)
    const left = new Promise<void>((r) => waiting.onCallerLeft(r))
    const ring = ringingLine.ring('agent2', 20)

    fake.send({ event: 'cancel', callid: 'w' })
    fake.send({ event: 'cancel', callid: 'r' })

    await left
    expect(await ring).toBe('caller_left')
  })

  it('reconnects after the stream breaks, and learns from the requeue which calls ended meanwhile', async () => {
    const queue = new ListQueue()
    await start(queue)
    fake.send(queued('stays'))
    fake.send(queued('ended'))
    fake.send(queued('rang'))
    await queue.entered(3)
    const [stays, ended, rang] = queue.lines as [WaitingLine, WaitingLine, WaitingLine]
    const endedLeft = new Promise<void>((r) => ended.onCallerLeft(r))
    let staysLeft = false
    stays.onCallerLeft(() => (staysLeft = true))
    const ring = rang.ring('agent1', 20)
    await fake.action((a) => a['action'] === 'deliver')

    fake.sendRaw('12x:garbage')
    await fake.connected(2)
    fake.send({ ...queued('stays'), event: 'requeue', ringing: false })
    fake.send({ ...queued('rang'), event: 'requeue', ringing: false })
    fake.send({ event: 'requeue-done' })

    await endedLeft
    // Its ring ended while the gateway was away, without an answer.
    expect(await ring).toBe('no_answer')
    expect(staysLeft).toBe(false)
    expect(queue.lines).toHaveLength(3)
  })

  it('holds a requeued call whose agent rings until that ring fails, and drops it when answered', async () => {
    const queue = new ListQueue()
    await start(queue)
    fake.send({ ...queued('fails'), event: 'requeue', ringing: true })
    fake.send({ ...queued('answers'), event: 'requeue', ringing: true })
    fake.send({ event: 'requeue-done' })
    fake.send({ event: 'answered', callid: 'answers' })
    fake.send({ event: 'agent-failed', callid: 'fails', code: 486 })

    const line = await queue.entered(1)
    expect(line.call.sipCallId).toBe('fails')
    // Only now, and only this one: the answered call never reached the queue.
    fake.send(queued('later'))
    expect((await queue.entered(2)).call.sipCallId).toBe('later')
  })

  it('refuses a ring for an extension that is not a SIP user, and a second ring at once, without asking Kamailio', async () => {
    const queue = new ListQueue()
    await start(queue)
    fake.send(queued('c3'))
    const line = await queue.entered(1)

    expect(await line.ring('agent 1;evil', 20)).toBe('unreachable')
    const first = line.ring('agent1', 20)
    expect(await line.ring('agent2', 20)).toBe('unreachable')
    await fake.action((a) => a['action'] === 'deliver')
    fake.send({ event: 'agent-failed', callid: 'c3', code: 480 })

    expect(await first).toBe('unreachable')
    expect(fake.actions.filter((a) => a['action'] === 'deliver')).toEqual([
      { action: 'deliver', callid: 'c3', agent: 'agent1', ring: 20 },
    ])
  })
})
