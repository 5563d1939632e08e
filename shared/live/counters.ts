import type { LiveEvent, LiveEventBody } from './protocol'

/**
 * Today's counters per afdeling for the supervisor's team overview: calls answered, calls abandoned
 * while ringing, handling time (for the average), transfers and contactverzoeken. Every event
 * carries what it counts (docs/supervisor.md), so counting is this one pure function, used by the
 * hub (memory and PostgreSQL) and by the app alike. "Today" is the day in Europe/Amsterdam; the
 * first event of a new day starts from zero.
 */
export interface AfdelingCounters {
  answered: number
  abandoned: number
  /** Summed handling time (answer to end) of the answered calls, ms. */
  handledMs: number
  transfers: number
  contactverzoeken: number
}

export interface DayCounters {
  /** YYYY-MM-DD in Europe/Amsterdam. */
  day: string
  afdelingen: Record<string, AfdelingCounters>
}

/** What one event adds to one afdeling's counters on one day. */
export interface CounterDelta {
  day: string
  afdeling: string
  counts: AfdelingCounters
}

export const COUNTER_TIME_ZONE = 'Europe/Amsterdam'

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: COUNTER_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** The Amsterdam day of an ISO time, as YYYY-MM-DD. */
export function dayOf(iso: string): string {
  return dayFormat.format(new Date(iso))
}

export function emptyCounters(day: string): DayCounters {
  return { day, afdelingen: {} }
}

const ZERO: AfdelingCounters = { answered: 0, abandoned: 0, handledMs: 0, transfers: 0, contactverzoeken: 0 }

/** What `event` counts, or undefined when it counts nothing. */
export function counterDelta(event: LiveEventBody & { at: string }): CounterDelta | undefined {
  const of = (afdeling: string, counts: Partial<AfdelingCounters>): CounterDelta => ({
    day: dayOf(event.at),
    afdeling,
    counts: { ...ZERO, ...counts },
  })
  switch (event.type) {
    case 'call.ended':
      if (event.internal === true) {
        // A call between colleagues (a consult) is not a customer's call.
        return undefined
      }
      switch (event.reason) {
        case 'completed':
        case 'transferred':
          return of(event.afdeling, { answered: 1, handledMs: event.handledMs ?? 0 })
        case 'abandoned':
          return of(event.afdeling, { abandoned: 1 })
        // answered_elsewhere: the colleague who answered counts the call; this agent's leg only rang.
        case 'failed':
        case 'agent_offline':
        case 'answered_elsewhere':
          return undefined
        default: {
          const unreachable: never = event.reason
          throw new Error(`unknown call end reason: ${String(unreachable)}`)
        }
      }
    case 'transfer.offered':
      return event.transfer.afdeling !== undefined ? of(event.transfer.afdeling, { transfers: 1 }) : undefined
    case 'contactverzoek.created':
      return of(event.afdeling, { contactverzoeken: 1 })
    case 'agent.state':
    case 'call.started':
    case 'call.updated':
    case 'transfer.closed':
    case 'monitor.started':
    case 'monitor.ended':
    case 'queue.changed':
    case 'queue.left':
    case 'terugbelverzoek.created':
      // TODO(queue): queue outcomes and terugbelverzoeken are counted.
      return undefined
    default: {
      const unreachable: never = event
      throw new Error(`unknown live event: ${JSON.stringify(unreachable)}`)
    }
  }
}

/** The counters after `event`; the same object when it counts nothing. */
export function applyCounters(
  counters: DayCounters,
  event: LiveEvent | (LiveEventBody & { at: string }),
): DayCounters {
  const delta = counterDelta(event)
  if (delta === undefined) {
    return counters
  }
  return addDelta(delta.day === counters.day ? counters : emptyCounters(delta.day), delta)
}

/** Adds `delta` to counters of the same day (a later day replaces them, an earlier one is ignored). */
export function addDelta(counters: DayCounters, delta: CounterDelta): DayCounters {
  if (delta.day < counters.day) {
    return counters
  }
  const base = delta.day === counters.day ? counters : emptyCounters(delta.day)
  const current = base.afdelingen[delta.afdeling] ?? ZERO
  const next: AfdelingCounters = {
    answered: current.answered + delta.counts.answered,
    abandoned: current.abandoned + delta.counts.abandoned,
    handledMs: current.handledMs + delta.counts.handledMs,
    transfers: current.transfers + delta.counts.transfers,
    contactverzoeken: current.contactverzoeken + delta.counts.contactverzoeken,
  }
  return { day: base.day, afdelingen: { ...base.afdelingen, [delta.afdeling]: next } }
}
