import pg from 'pg'
import type { Logger } from '../../lib/logger'
import { quoteIdent } from './postgres-schema'

/**
 * A dedicated PostgreSQL connection that LISTENs on one channel, outside the pool (a checked-out
 * pool client would shrink the pool for good, and LISTEN state must not leak into pooled queries).
 * When the connection is lost it reconnects with backoff and reports `onConnected` again, because
 * notifications sent while it was away are gone: the caller catches up from the event table.
 */
export interface ChannelListener {
  close(): Promise<void>
}

export interface ChannelListenerOptions {
  pool: pg.Pool
  channel: string
  logger: Logger
  onNotification(payload: string): void
  /** After the first LISTEN and after every reconnect. */
  onConnected(): void
  minBackoffMs?: number
  maxBackoffMs?: number
}

type ListenerState =
  | { kind: 'connecting' }
  | { kind: 'listening'; client: pg.Client }
  | { kind: 'waiting'; timer: NodeJS.Timeout }
  | { kind: 'closed' }

export async function listenOn(options: ChannelListenerOptions): Promise<ChannelListener> {
  const { logger, channel } = options
  const minBackoff = options.minBackoffMs ?? 100
  const maxBackoff = options.maxBackoffMs ?? 5_000
  let state: ListenerState = { kind: 'connecting' }
  let backoff = minBackoff

  const connect = async (): Promise<void> => {
    const client = new pg.Client(options.pool.options)
    const lost = (err?: Error): void => {
      if (state.kind !== 'listening' || state.client !== client) {
        return
      }
      logger.warn({ err }, 'live LISTEN connection lost; reconnecting')
      client.removeAllListeners('notification')
      client.end().catch(() => undefined)
      schedule()
    }
    client.on('error', lost)
    client.on('end', () => lost())
    client.on('notification', (message) => {
      if (message.channel === channel) {
        options.onNotification(message.payload ?? '')
      }
    })
    try {
      await client.connect()
      await client.query(`listen ${quoteIdent(channel)}`)
    } catch (err) {
      client.removeAllListeners()
      client.on('error', () => undefined)
      await client.end().catch(() => undefined)
      throw err
    }
    if (state.kind === 'closed') {
      await client.end().catch(() => undefined)
      return
    }
    state = { kind: 'listening', client }
    backoff = minBackoff
    options.onConnected()
  }

  const schedule = (): void => {
    if (state.kind === 'closed') {
      return
    }
    const timer = setTimeout(() => {
      state = { kind: 'connecting' }
      connect().catch((err: unknown) => {
        logger.warn({ err, backoffMs: backoff }, 'live LISTEN reconnect failed')
        schedule()
      })
    }, backoff)
    backoff = Math.min(backoff * 2, maxBackoff)
    state = { kind: 'waiting', timer }
  }

  // The first connection must work: a gateway that cannot listen must not start.
  await connect()

  return {
    async close() {
      const current = state
      state = { kind: 'closed' }
      switch (current.kind) {
        case 'listening':
          current.client.removeAllListeners('notification')
          await current.client.end().catch(() => undefined)
          break
        case 'waiting':
          clearTimeout(current.timer)
          break
        case 'connecting':
          // connect() sees `closed` when it finishes and ends its client.
          break
        case 'closed':
          break
        default: {
          const unreachable: never = current
          throw new Error(`unknown listener state: ${JSON.stringify(unreachable)}`)
        }
      }
    },
  }
}
