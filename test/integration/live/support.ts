import Fastify, { type FastifyInstance } from 'fastify'
import pg from 'pg'
import WebSocket from 'ws'
import type { ClientMessage, LiveEvent, ServerMessage } from '../../../shared/live/protocol'
import { createMemoryHub, type LiveHub } from '../../../server/gateway/live/hub'
import { createPostgresHub } from '../../../server/gateway/live/postgres-hub'
import { createPresenceTracker, type PresenceTracker } from '../../../server/gateway/live/presence'
import { liveSocketRoutes, type LiveSocketOptions } from '../../../server/gateway/live/socket'
import type { LiveIdentity } from '../../../server/gateway/live/types'
import { createRootLogger } from '../../../server/lib/logger'

export const silent = createRootLogger({ level: process.env['LOG_LEVEL'] ?? 'silent' })
export const PG_URL = process.env['KCC_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test'

/** Users of the tests: two afdelingen, and a supervisor. Token = `token-<login>`. */
export const USERS: Record<string, LiveIdentity> = {
  medewerker1: { login: 'medewerker1', role: 'agent', afdeling: 'kcc' },
  medewerker2: { login: 'medewerker2', role: 'agent', afdeling: 'vergunningen' },
  medewerker3: { login: 'medewerker3', role: 'agent', afdeling: 'vergunningen' },
  medewerker4: { login: 'medewerker4', role: 'agent', afdeling: 'kcc' },
  supervisor: { login: 'supervisor', role: 'supervisor', afdeling: 'kcc' },
}
export const tokenOf = (login: string): string => `token-${login}`

const authenticate = (token: string): Promise<LiveIdentity | null> =>
  Promise.resolve(Object.values(USERS).find((u) => tokenOf(u.login) === token) ?? null)

export interface LiveServer {
  app: FastifyInstance
  hub: LiveHub
  presence: PresenceTracker
  url: string
  close(): Promise<void>
}

type ServerOptions = Partial<Omit<LiveSocketOptions, 'hub' | 'presence' | 'logger'>> & {
  hub?: LiveHub
  graceMs?: number
}

/** A fastify app with only the live socket on it, on 127.0.0.1 and a free port. */
export async function startLiveServer(options: ServerOptions = {}): Promise<LiveServer> {
  const { hub = createMemoryHub({ logger: silent }), graceMs = 60_000, ...socket } = options
  const presence = createPresenceTracker({ hub, logger: silent, graceMs })
  const app = Fastify({ logger: false })
  await app.register(liveSocketRoutes, { hub, presence, logger: silent, authenticate, ...socket })
  const address = await app.listen({ host: '127.0.0.1', port: 0 })
  return {
    app,
    hub,
    presence,
    url: `${address.replace('http', 'ws')}/api/live`,
    async close() {
      await app.close()
      presence.close()
      await hub.close()
    },
  }
}

/** A fresh schema on the local PostgreSQL, and pools whose search_path is it. */
export async function freshSchema(): Promise<{
  schema: string
  channel: string
  /** `name` becomes the connections' application_name, so a test can find them (cutListener). */
  pool(name?: string): pg.Pool
  drop(): Promise<void>
}> {
  const schema = `live_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`
  const admin = new pg.Pool({ connectionString: PG_URL, max: 1 })
  await admin.query(`create schema "${schema}"`)
  const pools: pg.Pool[] = []
  return {
    schema,
    // Channels are per database: one per schema keeps parallel runs apart.
    channel: schema,
    pool(name) {
      // Discrete fields rather than a connection string, so a test can point the pool (and the
      // hub's LISTEN connection, which copies its options) at a closed port: see unreachable().
      const url = new URL(PG_URL)
      const pool = new pg.Pool({
        host: url.hostname,
        port: Number(url.port || 5432),
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password) || undefined,
        database: url.pathname.slice(1),
        options: `-c search_path=${schema}`,
        max: 4,
        ...(name ? { application_name: name } : {}),
      })
      pools.push(pool)
      return pool
    },
    async drop() {
      for (const pool of pools.splice(0)) {
        await pool.end()
      }
      await admin.query(`drop schema if exists "${schema}" cascade`)
      await admin.end()
    },
  }
}

/**
 * Ends the backend LISTENing on `channel` for the pool named `name`, as a network cut or a
 * PostgreSQL restart would.
 */
export async function cutListener(channel: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_URL })
  await admin.connect()
  try {
    const result = await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where query = $1 and application_name = $2',
      [`listen "${channel}"`, name],
    )
    if (result.rowCount !== 1) {
      throw new Error(`expected one LISTEN backend of ${name} on ${channel}, found ${result.rowCount}`)
    }
  } finally {
    await admin.end()
  }
}

/** Makes new connections of this pool fail (a database that went away) until `restore()`. */
export function unreachable(pool: pg.Pool): { restore(): void } {
  const port = pool.options.port
  pool.options.port = 1
  return {
    restore() {
      pool.options.port = port
    },
  }
}

export async function postgresHub(
  pool: pg.Pool,
  channel: string,
  extra: { bufferSize?: number; retainEvents?: number; now?: () => number } = {},
): Promise<LiveHub> {
  return createPostgresHub({ pool, channel, logger: silent, ...extra })
}

const WAIT_MS = 10_000

/**
 * A live-socket client for tests: keeps every message it receives in order and lets a test
 * take them one by one. Waits are bounded only so a broken test fails instead of hanging.
 */
export class LiveClient {
  private readonly inbox: ServerMessage[] = []
  private waiter: (() => void) | undefined
  readonly closed: Promise<{ code: number; reason: string }>
  lastSeq = 0
  epoch = ''

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as ServerMessage
      this.inbox.push(message)
      this.waiter?.()
    })
    this.closed = new Promise((resolve) => {
      socket.on('close', (code: number, reason: Buffer) => {
        resolve({ code, reason: reason.toString('utf8') })
        this.waiter?.()
      })
    })
  }

  static async open(url: string, options: WebSocket.ClientOptions = {}): Promise<LiveClient> {
    const socket = new WebSocket(url, options)
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve())
      socket.once('error', reject)
    })
    return new LiveClient(socket)
  }

  /** Opens, authenticates as `login` and takes a snapshot (or resumes), without waiting in between. */
  static async as(
    url: string,
    login: string,
    resume?: { epoch: string; lastSeq: number },
  ): Promise<LiveClient> {
    const client = await LiveClient.open(url)
    client.send({ type: 'auth', token: tokenOf(login) })
    client.send(resume ? { type: 'resume', ...resume } : { type: 'snapshot' })
    const welcome = await client.next()
    if (welcome.type !== 'welcome') {
      throw new Error(`expected welcome, got ${JSON.stringify(welcome)}`)
    }
    return client
  }

  send(message: ClientMessage | Record<string, unknown>): void {
    this.socket.send(JSON.stringify(message))
  }

  /** The next message, whatever it is; tracks the last seq seen as the agent app would. */
  async next(): Promise<ServerMessage> {
    const deadline = Date.now() + WAIT_MS
    while (this.inbox.length === 0) {
      if (this.socket.readyState === WebSocket.CLOSED) {
        throw new Error('socket closed while waiting for a message')
      }
      const remaining = deadline - Date.now()
      if (remaining <= 0) {
        throw new Error('no message arrived')
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining)
        this.waiter = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      this.waiter = undefined
    }
    const message = this.inbox.shift()!
    if (message.type === 'snapshot') {
      this.lastSeq = message.seq
      this.epoch = message.epoch
    } else if (message.type === 'event') {
      this.lastSeq = message.event.seq
    } else if (message.type === 'resumed') {
      this.epoch = message.epoch
    }
    return message
  }

  async nextOf<T extends ServerMessage['type']>(type: T): Promise<Extract<ServerMessage, { type: T }>> {
    const message = await this.next()
    if (message.type !== type) {
      throw new Error(`expected ${type}, got ${JSON.stringify(message)}`)
    }
    return message as Extract<ServerMessage, { type: T }>
  }

  async nextEvent(): Promise<LiveEvent> {
    return (await this.nextOf('event')).event
  }

  /** Next `count` events. */
  async events(count: number): Promise<LiveEvent[]> {
    const events: LiveEvent[] = []
    while (events.length < count) {
      events.push(await this.nextEvent())
    }
    return events
  }

  /** Events up to and including the first that matches. */
  async through(predicate: (event: LiveEvent) => boolean): Promise<LiveEvent[]> {
    const events: LiveEvent[] = []
    for (;;) {
      const event = await this.nextEvent()
      events.push(event)
      if (predicate(event)) {
        return events
      }
    }
  }

  /** Skips events until one matches (for feeds that also carry events the test does not track). */
  async until(predicate: (event: LiveEvent) => boolean): Promise<LiveEvent> {
    for (;;) {
      const event = await this.nextEvent()
      if (predicate(event)) {
        return event
      }
    }
  }

  async close(): Promise<void> {
    if (this.socket.readyState !== WebSocket.CLOSED) {
      this.socket.close()
      await this.closed
    }
  }
}

/** A short label for an agent.state event, for order assertions. */
export const label = (event: LiveEvent): string =>
  event.type === 'agent.state' ? `${event.login}:${event.state}` : `${event.type}`
