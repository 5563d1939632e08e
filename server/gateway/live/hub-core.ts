import type { Logger } from '../../lib/logger'
import { matches } from './filter'
import { EventRing } from './ring-buffer'
import { LiveState } from './state'
import type {
  AgentStatus,
  LiveCall,
  LiveEvent,
  LiveFilter,
  LiveListener,
  LiveSnapshot,
  ResetListener,
} from './types'

/**
 * What every hub does with an event once its place in the global order is known: apply it to the
 * state, keep it in the ring for reconnecting clients, hand it to subscribers. The memory hub and
 * the PostgreSQL hub differ only in how an event gets its seq and reaches this core.
 */
export interface HubCore {
  readonly epoch: string
  readonly seq: number
  /** Events must arrive in seq order, each once. */
  apply(event: LiveEvent): void
  /** Replaces the state wholesale (events were lost); subscribers are told to start over. */
  reset(snapshot: Omit<LiveSnapshot, 'epoch'>): void
  subscribe(filter: LiveFilter, listener: LiveListener): () => void
  onReset(listener: ResetListener): () => void
  snapshot(): LiveSnapshot
  since(seq: number): LiveEvent[] | undefined
  agent(login: string): AgentStatus | undefined
  call(callId: string): LiveCall | undefined
  callsOf(login: string): LiveCall[]
  close(): void
}

interface Subscriber {
  filter: LiveFilter
  listener: LiveListener
  /** The hub's seq when it subscribed: it already has everything up to here (snapshot or replay). */
  after: number
}

export function createHubCore(options: {
  epoch: string
  seq?: number
  bufferSize: number
  logger: Logger
}): HubCore {
  const { logger } = options
  const state = new LiveState(options.epoch, options.seq ?? 0)
  const ring = new EventRing<LiveEvent>(options.bufferSize, options.seq ?? 0)
  const subscribers = new Set<Subscriber>()
  const resetListeners = new Set<ResetListener>()
  // Events applied but not yet handed out. A listener may publish from inside a listener (the
  // memory hub applies synchronously); queueing keeps every subscriber's stream in seq order.
  const pending: LiveEvent[] = []
  let dispatching = false
  let closed = false

  const deliver = (event: LiveEvent): void => {
    for (const subscriber of [...subscribers]) {
      if (event.seq <= subscriber.after || !subscribers.has(subscriber)) {
        continue
      }
      if (!matches(subscriber.filter, event)) {
        continue
      }
      try {
        subscriber.listener(event)
      } catch (err) {
        logger.error({ err, seq: event.seq, type: event.type }, 'live listener failed')
      }
    }
  }

  const drain = (): void => {
    if (dispatching) {
      return
    }
    dispatching = true
    try {
      for (let event = pending.shift(); event !== undefined; event = pending.shift()) {
        deliver(event)
      }
    } finally {
      dispatching = false
    }
  }

  return {
    epoch: options.epoch,
    get seq() {
      return state.seq
    },
    apply(event) {
      if (closed) {
        return
      }
      if (event.seq <= state.seq) {
        throw new Error(`live event ${event.seq} is not after ${state.seq}`)
      }
      state.apply(event)
      ring.push(event)
      pending.push(event)
      drain()
    },
    reset(snapshot) {
      state.load(snapshot)
      ring.reset(snapshot.seq)
      pending.length = 0
      for (const subscriber of subscribers) {
        subscriber.after = snapshot.seq
      }
      for (const listener of [...resetListeners]) {
        try {
          listener()
        } catch (err) {
          logger.error({ err }, 'live reset listener failed')
        }
      }
    },
    subscribe(filter, listener) {
      const subscriber: Subscriber = { filter, listener, after: state.seq }
      subscribers.add(subscriber)
      return () => {
        subscribers.delete(subscriber)
      }
    },
    onReset(listener) {
      resetListeners.add(listener)
      return () => {
        resetListeners.delete(listener)
      }
    },
    snapshot: () => state.snapshot(),
    since: (seq) => ring.after(seq),
    agent: (login) => state.agent(login),
    call: (callId) => state.call(callId),
    callsOf: (login) => state.callsOf(login),
    close() {
      closed = true
      subscribers.clear()
      resetListeners.clear()
      pending.length = 0
    },
  }
}
