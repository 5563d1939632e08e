import { randomBytes } from 'node:crypto'
import { counterDelta } from '../../../shared/live/counters'
import { scopedLogger, type Logger } from '../../lib/logger'
import { withCallFacts } from './call-end'
import type { StoredCounters } from './counter-store'
import { createHubCore } from './hub-core'
import { sanitize } from './state'
import type {
  AgentStatus,
  LiveCall,
  LiveEvent,
  LiveEventBody,
  LiveFilter,
  LiveListener,
  LiveSnapshot,
  ResetListener,
} from './types'

/**
 * The live hub: one ordered stream of live events and the state they add up to. The gateway's
 * sockets, the task API (transfer offers) and the SIP server (presence for group routing) all go
 * through it. Two implementations: in memory (one gateway) and on PostgreSQL (several gateways
 * sharing one order and one state; postgres-hub.ts).
 */
export interface LiveHub {
  /** Names this hub's sequence: seqs from another epoch mean nothing here. */
  readonly epoch: string
  /**
   * Gives the event the next seq and a time, and resolves once it is part of this instance's state
   * (so `snapshot()` right after includes it). Rejects if it could not be stored.
   */
  publish(event: LiveEventBody): Promise<LiveEvent>
  /**
   * Calls `listener` for every later event the filter matches, in seq order. Taken together with
   * `snapshot()` or `since()` in the same tick, nothing is missed and nothing repeats.
   */
  subscribe(filter: LiveFilter, listener: LiveListener): () => void
  /** Called when the hub lost track of events and rebuilt its state: subscribers must resync. */
  onReset(listener: ResetListener): () => void
  /** Agent states, live calls and open transfers, with the seq of the last event they include. */
  snapshot(): LiveSnapshot
  /** Buffered events after `seq`, or `undefined` when they are no longer (or never were) buffered. */
  since(seq: number): LiveEvent[] | undefined
  /** Cheap lookups for policy checks (no snapshot copy). */
  agent(login: string): AgentStatus | undefined
  call(callId: string): LiveCall | undefined
  callsOf(login: string): LiveCall[]
  close(): Promise<void>
}

export interface MemoryHubOptions {
  logger: Logger
  /** Events kept for reconnecting clients (default 20 000: well over a minute at 500 agents). */
  bufferSize?: number
  now?: () => number
  /**
   * Where today's counters are kept across restarts (the gateway's database), and what was there
   * at start. Without it (unit tests) the counters start from zero and live in memory only.
   */
  counters?: StoredCounters | undefined
}

export const DEFAULT_BUFFER_SIZE = 20_000

export function newEpoch(): string {
  return randomBytes(8).toString('hex')
}

/** A hub for one gateway instance. Its epoch is new on every start, so old seqs force a snapshot. */
export function createMemoryHub(options: MemoryHubOptions): LiveHub {
  const logger = scopedLogger(options.logger, 'live.hub')
  const now = options.now ?? Date.now
  const core = createHubCore({
    epoch: newEpoch(),
    bufferSize: options.bufferSize ?? DEFAULT_BUFFER_SIZE,
    logger,
  })
  const stored = options.counters
  if (stored) {
    core.reset({ seq: 0, agents: [], calls: [], transfers: [], counters: stored.initial })
  }
  // Counter writes, one after the other; close() waits for the last.
  let writes: Promise<void> = Promise.resolve()
  let closed = false

  return {
    epoch: core.epoch,
    publish(body) {
      if (closed) {
        return Promise.reject(new Error('live hub is closed'))
      }
      const event: LiveEvent = {
        ...withCallFacts(sanitize(body), (callId) => core.call(callId)),
        seq: core.seq + 1,
        at: new Date(now()).toISOString(),
      }
      core.apply(event)
      const delta = stored ? counterDelta(event) : undefined
      if (!stored || !delta) {
        return Promise.resolve(event)
      }
      // Delivered already (the live view must not wait for a disk); resolved once stored. A
      // failed write loses the increment after a restart only: logged, and the event stands.
      writes = writes
        .then(() => stored.store.add(delta))
        .catch((err: unknown) => {
          logger.error({ err, type: event.type }, "storing today's counters failed")
        })
      return writes.then(() => event)
    },
    subscribe: (filter, listener) => core.subscribe(filter, listener),
    onReset: (listener) => core.onReset(listener),
    snapshot: () => core.snapshot(),
    since: (seq) => core.since(seq),
    agent: (login) => core.agent(login),
    call: (callId) => core.call(callId),
    callsOf: (login) => core.callsOf(login),
    close() {
      closed = true
      core.close()
      return writes
    },
  }
}
