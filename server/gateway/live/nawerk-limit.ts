import { scopedLogger, type Logger } from '../../lib/logger'
import type { LiveHub } from './hub'
import type { AgentStatus, LiveEvent } from './types'

/**
 * Ends nawerk when its limit runs out. An agent who enters nawerk in an afdeling with a
 * `nawerkSeconds` gets `nawerkTot` on their state (commands.ts); when the gateway's clock passes
 * it and the agent is still in that same nawerk, this publishes them Beschikbaar.
 *
 * The deadlines live in the hub's state, not here: on start (a gateway restart) and after the hub
 * rebuilt its state they are read again from the snapshot, and a deadline that passed meanwhile
 * fires at once. Every gateway instance on one PostgreSQL runs its own; the one that holds the
 * agent's live socket fires at the deadline and the others only `fallbackMs` later, by when the
 * first one's event has normally reached them and their check finds the agent no longer in that
 * nawerk. If two do fire (the agent's gateway is gone, or the event is slow), the second adds a
 * Beschikbaar to a Beschikbaar agent: nothing changes but the time it is shown since.
 *
 * Any later state (a call, pauze, the agent ending nawerk early, a new nawerk with a new deadline)
 * replaces the deadline, so a later state is never overruled.
 */
export interface NawerkLimitOptions {
  hub: LiveHub
  logger: Logger
  /** The gateway's clock (the one that stamped `nawerkTot`). */
  now?: () => number
  /** Whether this instance holds a live socket of the agent (default: yes, a single gateway). */
  isLocal?: (login: string) => boolean
  /** How much later an instance without the agent's socket fires (default 2 s). */
  fallbackMs?: number
  /**
   * The longest wait between two looks at the clock (default 1 s): a gateway clock that jumps
   * (an NTP correction) or runs ahead (tests) is noticed within it.
   */
  checkEveryMs?: number
}

export interface NawerkLimit {
  /** Publishes Beschikbaar for every agent whose nawerk ran out; resolves when those are published. */
  check(): Promise<void>
  /** Agents with a nawerk deadline this instance watches. */
  watching(): string[]
  close(): void
}

export const DEFAULT_FALLBACK_MS = 2_000
export const DEFAULT_CHECK_EVERY_MS = 1_000

/** A deadline as the hub's state gives it; `at` in ms by the gateway's clock. */
interface Deadline {
  nawerkTot: string
  at: number
}

function deadlineOf(status: Pick<AgentStatus, 'state' | 'nawerkTot'>): Deadline | undefined {
  if (status.state !== 'nawerk' || status.nawerkTot === undefined) {
    return undefined
  }
  const at = Date.parse(status.nawerkTot)
  return Number.isNaN(at) ? undefined : { nawerkTot: status.nawerkTot, at }
}

export function startNawerkLimit(options: NawerkLimitOptions): NawerkLimit {
  const { hub } = options
  const logger = scopedLogger(options.logger, 'live.nawerk')
  const now = options.now ?? Date.now
  const isLocal = options.isLocal ?? (() => true)
  const fallbackMs = options.fallbackMs ?? DEFAULT_FALLBACK_MS
  const checkEveryMs = options.checkEveryMs ?? DEFAULT_CHECK_EVERY_MS
  const deadlines = new Map<string, Deadline>()
  /** Agents whose Beschikbaar is being published: one publish per deadline at a time. */
  const firing = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  let closed = false

  /** When a publish failed, per agent: the next try waits a check interval, not a busy loop. */
  const failedAt = new Map<string, number>()
  const dueAt = (login: string, deadline: Deadline): number =>
    Math.max(
      isLocal(login) ? deadline.at : deadline.at + fallbackMs,
      (failedAt.get(login) ?? -Infinity) + checkEveryMs,
    )

  const track = (login: string, status: Pick<AgentStatus, 'state' | 'nawerkTot'>): void => {
    const deadline = deadlineOf(status)
    failedAt.delete(login)
    if (deadline) {
      deadlines.set(login, deadline)
    } else {
      deadlines.delete(login)
    }
  }

  const load = (): void => {
    deadlines.clear()
    failedAt.clear()
    for (const agent of hub.snapshot().agents) {
      track(agent.login, agent)
    }
  }

  const end = async (login: string, deadline: Deadline): Promise<void> => {
    // The guard: only the nawerk that set this deadline ends, as the hub's state has it now.
    const current = hub.agent(login)
    if (!current || current.state !== 'nawerk' || current.nawerkTot !== deadline.nawerkTot) {
      if (deadlines.get(login) === deadline) {
        deadlines.delete(login)
      }
      return
    }
    firing.add(login)
    try {
      await hub.publish({ type: 'agent.state', login, afdeling: current.afdeling, state: 'beschikbaar' })
      logger.info({ login }, 'nawerk limit reached: beschikbaar')
    } catch (err) {
      // The deadline stays: the next look tries again.
      failedAt.set(login, now())
      logger.error({ err, login }, 'could not end nawerk')
    } finally {
      firing.delete(login)
    }
  }

  const check = async (): Promise<void> => {
    if (closed) {
      return
    }
    const t = now()
    const due = [...deadlines].filter(([login, d]) => !firing.has(login) && dueAt(login, d) <= t)
    await Promise.all(due.map(([login, deadline]) => end(login, deadline)))
  }

  const schedule = (): void => {
    if (closed) {
      return
    }
    clearTimeout(timer)
    let next = Infinity
    for (const [login, deadline] of deadlines) {
      next = Math.min(next, dueAt(login, deadline))
    }
    if (next === Infinity) {
      timer = undefined
      return
    }
    const wait = Math.min(Math.max(0, next - now()), checkEveryMs)
    timer = setTimeout(() => {
      timer = undefined
      check()
        .catch((err: unknown) => logger.error({ err }, 'nawerk check failed'))
        .finally(schedule)
    }, wait)
    timer.unref()
  }

  const onEvent = (event: LiveEvent): void => {
    if (event.type !== 'agent.state') {
      return
    }
    track(event.login, event)
    schedule()
  }

  load()
  const unsubscribe = hub.subscribe({ kind: 'types', types: ['agent.state'] }, onEvent)
  const unsubscribeReset = hub.onReset(() => {
    load()
    schedule()
  })
  schedule()

  return {
    check,
    watching: () => [...deadlines.keys()],
    close() {
      closed = true
      clearTimeout(timer)
      unsubscribe()
      unsubscribeReset()
      deadlines.clear()
      failedAt.clear()
    },
  }
}
