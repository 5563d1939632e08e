import type { DirectoryView } from '../../../shared/gateway/api'
import { dayOf, serviceLevel, ZERO_COUNTERS, type AfdelingCounters } from '../../../shared/live/counters'
import { sinceGatewayTime } from '../live/gateway-clock'
import type { LiveView } from '../live/live-view'

/**
 * The queue figures per afdeling that the team overview and the wallboard show: the queue now
 * (`queue.changed`, live-connection.ts), today's queue counters (shared/live/counters.ts) and the
 * open contactverzoeken (`inbox.changed`: a count and the oldest one's time, no citizen's data).
 * The one place that reads the counters' queue fields, so both screens say the same.
 */
export interface QueueFigures {
  readonly id: string
  readonly naam: string
  /** Callers waiting now. */
  readonly waiting: number
  /** How long the longest-waiting caller has waited; undefined when nobody waits. */
  readonly longestWaitMs: number | undefined
  /** Callers from the queue an agent answered today. */
  readonly answered: number
  /** Callers the queue lost today: hung up, nobody available, or waited too long. */
  readonly abandoned: number
  /** Of `abandoned`: nobody of the afdeling could take calls. */
  readonly noAgent: number
  /** Share (0–1) answered within the afdeling's service-level time; undefined before the first caller. */
  readonly serviceLevel: number | undefined
  /** Terugbelverzoeken registered today. */
  readonly terugbelverzoeken: number
  /** Callers moved on to the overflow afdeling today. */
  readonly overflowed: number
  /** Open contactverzoeken (interne taken) for the afdeling or one of its members now. */
  readonly inboxOpen: number
  /** How long the oldest open one has waited; undefined when none is open. */
  readonly oldestInboxMs: number | undefined
}

/**
 * Every afdeling the directory knows, in its order, then any other the live feed names. `now`: the
 * gateway's time (live/gateway-clock.ts).
 */
export function queueFigures(
  directory: DirectoryView | undefined,
  live: LiveView,
  now: number,
): QueueFigures[] {
  const naamOf = new Map((directory?.afdelingen ?? []).map((a) => [a.id, a.naam]))
  const queues = new Map(live.queues.map((q) => [q.afdeling, q]))
  const inboxes = new Map(live.inboxes.map((i) => [i.afdeling, i]))
  // Counters of an earlier day (no event yet today) count as zeros, and so do the queue fields a
  // snapshot from a gateway that did not count the queue yet lacks.
  const counted: Readonly<Record<string, Partial<AfdelingCounters>>> =
    live.counters.day === dayOf(new Date(now).toISOString()) ? live.counters.afdelingen : {}
  const ids = [...new Set([...naamOf.keys(), ...queues.keys(), ...inboxes.keys(), ...Object.keys(counted)])]
  return ids.map((id) => {
    const queue = queues.get(id)
    const inbox = inboxes.get(id)
    const inboxOpen = inbox?.open ?? 0
    const c = counted[id] ?? {}
    const waiting = queue?.waiting ?? 0
    const answered = c.queueAnswered ?? 0
    const abandoned = c.queueAbandoned ?? 0
    return {
      id,
      naam: naamOf.get(id) ?? id,
      waiting,
      longestWaitMs:
        waiting > 0 && queue?.oldestSince !== undefined ? longestWaitMs(queue.oldestSince, now) : undefined,
      answered,
      abandoned,
      noAgent: c.queueNoAgent ?? 0,
      // As the counters define it: of the callers the queue dealt with, not those moved on to the overflow.
      serviceLevel: serviceLevel({
        ...ZERO_COUNTERS,
        queueAnswered: answered,
        queueAbandoned: abandoned,
        answeredWithinServiceLevel: c.answeredWithinServiceLevel ?? 0,
      }),
      terugbelverzoeken: c.terugbelverzoeken ?? 0,
      overflowed: c.overflowed ?? 0,
      inboxOpen,
      oldestInboxMs:
        inboxOpen > 0 && inbox?.oldestSince !== undefined
          ? sinceGatewayTime(inbox.oldestSince, now)
          : undefined,
    }
  })
}

/**
 * Milliseconds since the longest-waiting caller joined, never negative. `now` is the gateway's
 * time (live/gateway-clock.ts): `oldestSince` is.
 */
export function longestWaitMs(oldestSince: string, now: number): number {
  return sinceGatewayTime(oldestSince, now)
}

/** A service level as a whole percentage ("85%"), or a dash before the first caller. */
export function formatServiceLevel(serviceLevel: number | undefined): string {
  return serviceLevel === undefined ? '–' : `${Math.round(serviceLevel * 100)}%`
}
