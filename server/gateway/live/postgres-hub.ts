import type pg from 'pg'
import { scopedLogger, type Logger } from '../../lib/logger'
import type { LiveHub } from './hub'
import { DEFAULT_BUFFER_SIZE, newEpoch } from './hub'
import { createHubCore, type HubCore } from './hub-core'
import { listenOn } from './postgres-listener'
import {
  eventsAfter,
  insertEvent,
  loadState,
  migrate,
  parseNotification,
  pruneEvents,
  type Notification,
} from './postgres-schema'
import { withCallFacts } from './call-end'
import { sanitize, stateChangeOf } from './state'
import type { LiveEvent } from './types'

/**
 * A live hub shared by every gateway instance on one PostgreSQL database, so that
 * agents and supervisors connected to different instances see one live picture.
 * PostgreSQL assigns each event its seq (see postgres-schema.ts for why that gives one gap-free
 * order) and NOTIFYs it; every instance, the publishing one included, applies events only as they
 * come back on its LISTEN connection, so all instances apply the same events in the same order.
 * State lives in memory per instance and is rebuilt from `live_state` on start.
 */
export interface PostgresHubOptions {
  /** Its search_path names the schema holding the hub's tables; max ≥ 1 (LISTEN has its own connection). */
  pool: pg.Pool
  /**
   * NOTIFY channel. Channels are per database, not per schema: deployments (or tests) sharing a
   * database need different channels; a notification from another epoch is ignored regardless.
   */
  channel: string
  logger: Logger
  bufferSize?: number
  /** Events kept in `live_event` for instances catching up (default 100 000). */
  retainEvents?: number
  now?: () => number
}

const CATCH_UP_BATCH = 1_000
const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/

interface Pending {
  resolve(event: LiveEvent): void
  reject(err: Error): void
  event: LiveEvent
}

export async function createPostgresHub(options: PostgresHubOptions): Promise<LiveHub> {
  const { pool, channel } = options
  if (!CHANNEL.test(channel)) {
    throw new Error(`invalid live channel name: ${channel}`)
  }
  const logger = scopedLogger(options.logger, 'live.pg-hub')
  const now = options.now ?? Date.now
  const retain = options.retainEvents ?? 100_000
  const bufferSize = options.bufferSize ?? DEFAULT_BUFFER_SIZE
  // Pruning is one indexed delete; every tenth of the retention keeps the table near its bound.
  const pruneEvery = Math.max(1, Math.min(1_000, Math.floor(retain / 10)))

  await migrate(pool, newEpoch())

  // Listen before reading the state, so nothing committed after the read can be missed; what
  // arrives before the core exists waits in `early` and is sorted out by seq.
  let core: HubCore | undefined
  const early: string[] = []
  // Notifications and catch-ups run one at a time, in arrival order.
  let work: Promise<void> = Promise.resolve()
  const pending = new Map<number, Pending>()
  let closed = false

  const settle = (hub: HubCore): void => {
    for (const [seq, waiter] of pending) {
      if (seq <= hub.seq) {
        pending.delete(seq)
        waiter.resolve(waiter.event)
      }
    }
  }

  const apply = (hub: HubCore, event: LiveEvent): void => {
    hub.apply(event)
    const waiter = pending.get(event.seq)
    if (waiter) {
      pending.delete(event.seq)
      waiter.resolve(event)
    }
  }

  /** Reads what this instance has not seen from live_event; rebuilds if it was pruned meanwhile. */
  const catchUp = async (hub: HubCore): Promise<void> => {
    for (;;) {
      const events = await eventsAfter(pool, hub.seq, CATCH_UP_BATCH)
      const first = events[0]
      if (!first) {
        return
      }
      if (first.seq !== hub.seq + 1) {
        const snapshot = await loadState(pool)
        logger.warn(
          { from: hub.seq, to: snapshot.seq },
          'live events pruned before this instance saw them; rebuilt',
        )
        hub.reset(snapshot)
        settle(hub)
        continue
      }
      for (const event of events) {
        apply(hub, event)
      }
      if (events.length < CATCH_UP_BATCH) {
        return
      }
    }
  }

  const handle = async (hub: HubCore, note: Notification): Promise<void> => {
    if (note.seq <= hub.seq) {
      return // already applied through a catch-up
    }
    if (note.seq === hub.seq + 1 && note.event) {
      apply(hub, note.event)
      return
    }
    // A gap (notifications lost) or an event too large to travel inline.
    await catchUp(hub)
  }

  const enqueue = (task: (hub: HubCore) => Promise<void>): void => {
    work = work
      .then(() => (core && !closed ? task(core) : undefined))
      .catch((err: unknown) => {
        logger.error({ err }, 'live event processing failed; catching up on the next event')
      })
  }

  const onNotification = (payload: string): void => {
    if (!core) {
      early.push(payload)
      return
    }
    const note = parseNotification(payload)
    if (!note) {
      logger.warn('ignored a malformed live notification')
      return
    }
    if (note.epoch !== core.epoch) {
      return // another hub on the same channel (another schema or deployment)
    }
    enqueue((hub) => handle(hub, note))
  }

  const listener = await listenOn({
    pool,
    channel,
    logger,
    onNotification,
    // After a reconnect, whatever was notified meanwhile is only in live_event.
    onConnected: () => enqueue(catchUp),
  })

  try {
    const snapshot = await loadState(pool)
    core = createHubCore({ epoch: snapshot.epoch, seq: snapshot.seq, bufferSize, logger })
    core.reset(snapshot)
  } catch (err) {
    await listener.close()
    throw err
  }
  for (const payload of early.splice(0)) {
    onNotification(payload)
  }
  const hub = core

  return {
    epoch: hub.epoch,
    async publish(input) {
      if (closed) {
        throw new Error('live hub is closed')
      }
      // The direction of an ending call is this instance's record of it: the agent's socket is on
      // this instance, so its call.started came back here before its call.ended was sent.
      const body = {
        ...withCallFacts(sanitize(input), (callId) => hub.call(callId)),
        at: new Date(now()).toISOString(),
      }
      const seq = await insertEvent(pool, channel, body, stateChangeOf(body))
      const event: LiveEvent = { ...body, seq }
      if (seq % pruneEvery === 0 && seq > retain) {
        pruneEvents(pool, seq - retain).catch((err: unknown) =>
          logger.warn({ err }, 'pruning live events failed'),
        )
      }
      if (seq <= hub.seq) {
        return event // its notification overtook the reply
      }
      // Resolve once our own notification has come back and been applied, so the caller reads
      // its write (and sees it in the same order every other instance does).
      return new Promise<LiveEvent>((resolve, reject) => {
        pending.set(seq, { resolve, reject, event })
      })
    },
    subscribe: (filter, listen) => hub.subscribe(filter, listen),
    onReset: (listen) => hub.onReset(listen),
    snapshot: () => hub.snapshot(),
    since: (seq) => hub.since(seq),
    agent: (login) => hub.agent(login),
    call: (callId) => hub.call(callId),
    callsOf: (login) => hub.callsOf(login),
    async close() {
      if (closed) {
        return
      }
      closed = true
      await listener.close()
      await work
      for (const waiter of pending.values()) {
        waiter.reject(new Error('live hub closed before the event came back'))
      }
      pending.clear()
      hub.close()
    },
  }
}
