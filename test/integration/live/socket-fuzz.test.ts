import fc from 'fast-check'
import Fastify from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createMemoryHub } from '../../../server/gateway/live/hub'
import { createPresenceTracker } from '../../../server/gateway/live/presence'
import { liveSocketRoutes } from '../../../server/gateway/live/socket'
import type { LiveIdentity } from '../../../server/gateway/live/types'
import { createRootLogger } from '../../../server/lib/logger'
import { fuzzSettings } from '../fuzz/settings'
import { tokenOf, USERS } from './support'

// Random frames on /api/live, before and after logging in: a client's mistakes close its own socket
// with a close code that says why, are at most a warning, and leave the server and a logged-in
// agent's socket working.
const settings = fuzzSettings(100)
/** What the server may close a socket with (RFC 6455 §7.4.1, and shared/live/protocol.ts). */
const PROPER_CLOSE_CODES = [1002, 1007, 1009, 4400, 4401, 4429]

interface Frame {
  data: string | Buffer
  binary?: boolean
}

const command: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant({ type: 'auth', token: tokenOf('medewerker2') }),
  fc.record({ type: fc.constant('auth'), token: fc.oneof(fc.string(), fc.integer()) }),
  fc.constant({ type: 'ping' }),
  fc.constant({ type: 'snapshot' }),
  fc.record({
    type: fc.constant('resume'),
    epoch: fc.string(),
    lastSeq: fc.oneof(fc.integer(), fc.string()),
  }),
  fc.record({
    type: fc.constant('state'),
    state: fc.oneof(fc.constantFrom('beschikbaar', 'pauze'), fc.string()),
  }),
  fc.record({ type: fc.constant('call.ended'), callId: fc.string(), reason: fc.string() }),
  fc.record({ type: fc.string(), extra: fc.anything() }),
)

const frame: fc.Arbitrary<Frame> = fc.oneof(
  { weight: 4, arbitrary: command.map((c) => ({ data: JSON.stringify(c) })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200, unit: 'binary' }).map((data) => ({ data })) },
  { weight: 1, arbitrary: fc.json().map((data) => ({ data })) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 8 * 1024 + 1, max: 40_000 })
      .map((n) => ({ data: `{"type":"${'x'.repeat(n)}"}` })),
  },
  {
    weight: 1,
    arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => ({ data: Buffer.from(b), binary: true })),
  },
  // Not UTF-8, in a text frame.
  { weight: 1, arbitrary: fc.constant({ data: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }) },
)

/** A run: an optional login first, then frames. */
const run = fc.tuple(fc.boolean(), fc.array(frame, { minLength: 1, maxLength: 4 }))

interface Server {
  url: string
  /** Every line at warn and above, of the app and the live socket. */
  logs: string[]
  close(): Promise<void>
}

async function startServer(): Promise<Server> {
  const logs: string[] = []
  const logger = createRootLogger({
    level: 'warn',
    destination: { write: (line: string) => void logs.push(line) },
  })
  const hub = createMemoryHub({ logger })
  const presence = createPresenceTracker({ hub, logger, graceMs: 60_000 })
  const app = Fastify({ loggerInstance: logger })
  const authenticate = (token: string): Promise<LiveIdentity | null> =>
    Promise.resolve(Object.values(USERS).find((u) => tokenOf(u.login) === token) ?? null)
  await app.register(liveSocketRoutes, { hub, presence, logger, authenticate, authTimeoutMs: 2000 })
  const url = `${(await app.listen({ host: '127.0.0.1', port: 0 })).replace('http', 'ws')}/api/live`
  return {
    url,
    logs,
    async close() {
      await app.close()
      presence.close()
      await hub.close()
    },
  }
}

describe('/api/live under random frames', () => {
  const servers: Server[] = []
  let server: Server
  beforeEach(async () => {
    server = await startServer()
    servers.push(server)
  })
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()))
  })

  const errors = (): string[] =>
    server.logs.filter((line) => (JSON.parse(line) as { level: number }).level >= 50)

  const open = async (): Promise<{ ws: WebSocket; messages: string[]; closed: Promise<number> }> => {
    const ws = new WebSocket(server.url)
    const messages: string[] = []
    ws.on('message', (data: Buffer) => messages.push(data.toString()))
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
    ws.on('error', () => undefined)
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
    })
    return { ws, messages, closed }
  }
  const next = async (messages: string[], type: string): Promise<void> => {
    for (
      let i = 0;
      i < 200 && !messages.some((m) => (JSON.parse(m) as { type: string }).type === type);
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }

  it(
    'closes garbage with a proper code, logs no error, and keeps a logged-in agent working',
    async () => {
      const agent = await open()
      agent.ws.send(JSON.stringify({ type: 'auth', token: tokenOf('medewerker1') }))
      await next(agent.messages, 'welcome')
      const closeCodes = new Set<number>()

      await fc.assert(
        fc.asyncProperty(run, async ([login, frames]) => {
          const { ws, messages, closed } = await open()
          if (login) {
            ws.send(JSON.stringify({ type: 'auth', token: tokenOf('medewerker3') }))
            await next(messages, 'welcome')
          }
          for (const f of frames) {
            if (ws.readyState === WebSocket.OPEN) {
              ws.send(f.data, { binary: f.binary ?? false })
            }
          }
          const code = await Promise.race([closed, new Promise<undefined>((r) => setTimeout(r, 100))])
          ws.close()
          await closed
          if (code !== undefined) {
            closeCodes.add(code)
          }
          return (code === undefined || PROPER_CLOSE_CODES.includes(code)) && errors().length === 0
        }),
        { seed: settings.seed, numRuns: settings.runs },
      )
      agent.ws.send(JSON.stringify({ type: 'ping' }))
      await next(agent.messages, 'pong')

      expect(errors()).toEqual([])
      expect(agent.ws.readyState).toBe(WebSocket.OPEN)
      expect(agent.messages.some((m) => (JSON.parse(m) as { type: string }).type === 'pong')).toBe(true)
      expect(closeCodes).toContain(1009)
      agent.ws.close()
    },
    settings.timeoutMs,
  )

  it('warns about an oversized frame once, without its content, and closes with 1009', async () => {
    const { logs } = server
    const { ws, closed } = await open()

    ws.send(JSON.stringify({ type: 'auth', token: `secret-${'x'.repeat(10_000)}` }))

    expect(await closed).toBe(1009)
    const lines = logs.map((line) => JSON.parse(line) as { level: number; msg: string })
    expect(lines).toEqual([expect.objectContaining({ level: 40, code: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' })])
    expect(logs.join('')).not.toContain('secret-')
  })
})
