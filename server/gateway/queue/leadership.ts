import pg from 'pg'
import type { Logger } from '../../lib/logger'

/**
 * Which gateway routes the queue. Alone (SQLite, one gateway) it always does. On PostgreSQL the
 * instances sharing a schema elect one: the holder of a session-level advisory lock, taken on a
 * connection of its own outside the pool. When that connection ends (the instance closes, crashes
 * or loses the network) PostgreSQL releases the lock and another instance's next try takes it.
 */
export interface Leadership {
  isLeader(): boolean
  /** Called with `true` when this instance becomes leader, `false` when it stops being one. */
  onChange(listener: (leader: boolean) => void): void
  close(): Promise<void>
}

export function soleLeadership(): Leadership {
  let closed = false
  return {
    isLeader: () => !closed,
    onChange: () => undefined,
    close() {
      closed = true
      return Promise.resolve()
    },
  }
}

export interface AdvisoryLeadershipOptions {
  url: string
  /** Names the queue the lock is for: the PostgreSQL schema the gateways share (locks are per database). */
  scope: string
  logger: Logger
  /** How often a follower tries to take the lock (default 2 s). */
  retryMs?: number
}

export const DEFAULT_LEADER_RETRY_MS = 2_000

export function advisoryLeadership(options: AdvisoryLeadershipOptions): Leadership {
  const { logger } = options
  const retryMs = options.retryMs ?? DEFAULT_LEADER_RETRY_MS
  const listeners: Array<(leader: boolean) => void> = []
  let client: pg.Client | undefined
  let leader = false
  let closed = false
  let timer: NodeJS.Timeout | undefined

  const setLeader = (value: boolean): void => {
    if (leader === value) {
      return
    }
    leader = value
    logger.info(
      { leader },
      value ? 'this gateway now routes the queue' : 'this gateway no longer routes the queue',
    )
    for (const listener of listeners) {
      listener(value)
    }
  }

  const drop = (which: pg.Client): void => {
    if (client !== which) {
      return
    }
    client = undefined
    which.removeAllListeners('end')
    which.end().catch(() => undefined)
    setLeader(false)
  }

  const attempt = async (): Promise<void> => {
    timer = undefined
    if (closed) {
      return
    }
    try {
      if (!client) {
        const fresh = new pg.Client({ connectionString: options.url })
        fresh.on('error', (err) => {
          logger.warn({ err }, 'queue leadership connection failed')
          drop(fresh)
        })
        fresh.on('end', () => drop(fresh))
        client = fresh
        await fresh.connect()
      }
      if (!leader && client) {
        const held = await client.query<{ held: boolean }>(
          `select pg_try_advisory_lock(hashtext($1)) as held`,
          [`kcc-queue:${options.scope}`],
        )
        if (closed) {
          return
        }
        if (held.rows[0]?.held === true) {
          setLeader(true)
        }
      }
    } catch (err) {
      logger.warn({ err }, 'queue leadership: could not ask PostgreSQL; trying again')
      if (client) {
        drop(client)
      }
    }
    if (!closed) {
      timer = setTimeout(() => void attempt(), retryMs)
    }
  }
  void attempt()

  return {
    isLeader: () => leader && !closed,
    onChange(listener) {
      listeners.push(listener)
    },
    async close() {
      closed = true
      clearTimeout(timer)
      const current = client
      client = undefined
      leader = false
      if (current) {
        current.removeAllListeners('end')
        await current.end().catch(() => undefined)
      }
    },
  }
}
