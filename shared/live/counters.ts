import type { Afhandeling } from '../klantcontact/afhandeling'
import type { LiveEvent, LiveEventBody } from './protocol'

/**
 * Today's counters per afdeling for the supervisor's team overview and wallboard. Every event
 * carries what it counts (docs/supervisor.md), so counting is this one pure function, used by the
 * hub (memory and PostgreSQL) and by the app alike. "Today" is the day in Europe/Amsterdam; the
 * first event of a new day starts from zero.
 *
 * Two sources, both counted: the agents' calls (`call.ended`, as the hub knows the call) and the
 * afdeling's queue (`queue.left`, as the gateway's queue saw the caller leave it).
 */
export interface AfdelingCounters {
  /** Inbound customer calls an agent answered (completed or transferred). */
  answered: number
  /** Inbound customer calls the caller hung up on while an agent's phone rang. */
  abandoned: number
  /** Summed handling time (answer to end) of the answered calls, ms. */
  handledMs: number
  transfers: number
  contactverzoeken: number
  /** Callers who left this afdeling's queue, whatever the outcome: answered + abandoned + overflowed. */
  queueOffered: number
  /** Callers from the queue an agent of this afdeling answered. */
  queueAnswered: number
  /** Of `queueAnswered`: answered within the afdeling's service-level time. */
  answeredWithinServiceLevel: number
  /** Summed waiting time of `queueAnswered`, ms (for the average speed of answer). */
  answeredWaitedMs: number
  /**
   * Callers the queue lost: hung up while waiting (or while an agent's phone rang), nobody
   * available (`queueNoAgent`), or the maximum wait passed.
   */
  queueAbandoned: number
  /** Of `queueAbandoned`: nobody of the afdeling could take calls. */
  queueNoAgent: number
  /** Callers moved on to the overflow afdeling (counted there again when they leave its queue). */
  overflowed: number
  /**
   * Terugbelverzoeken registered today. Not the open ones: which are still open is the
   * register's to say, not the live feed's.
   */
  terugbelverzoeken: number
  /**
   * Klantcontacten recorded today with each afhandeling (shared/klantcontact/afhandeling.ts), by the
   * afdeling of the agent who recorded it. A klantcontact counts once, with its latest afhandeling:
   * a change on the same day by the same afdeling moves it from the earlier afhandeling's count.
   */
  afgehandeldZelfBeantwoord: number
  afgehandeldDoorverbonden: number
  afgehandeldContactverzoek: number
  afgehandeldTerugbelverzoek: number
  afgehandeldGeenContact: number
}

/** The counter of each afhandeling. */
export const AFHANDELING_COUNTERS: Readonly<Record<Afhandeling, CounterField>> = Object.freeze({
  zelf_beantwoord: 'afgehandeldZelfBeantwoord',
  doorverbonden: 'afgehandeldDoorverbonden',
  contactverzoek: 'afgehandeldContactverzoek',
  terugbelverzoek: 'afgehandeldTerugbelverzoek',
  geen_contact: 'afgehandeldGeenContact',
})

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

/** All zeros; also the list of fields (storage writes one value per field). */
export const ZERO_COUNTERS: Readonly<AfdelingCounters> = Object.freeze({
  answered: 0,
  abandoned: 0,
  handledMs: 0,
  transfers: 0,
  contactverzoeken: 0,
  queueOffered: 0,
  queueAnswered: 0,
  answeredWithinServiceLevel: 0,
  answeredWaitedMs: 0,
  queueAbandoned: 0,
  queueNoAgent: 0,
  overflowed: 0,
  terugbelverzoeken: 0,
  afgehandeldZelfBeantwoord: 0,
  afgehandeldDoorverbonden: 0,
  afgehandeldContactverzoek: 0,
  afgehandeldTerugbelverzoek: 0,
  afgehandeldGeenContact: 0,
})

export type CounterField = keyof AfdelingCounters

export const COUNTER_FIELDS = Object.keys(ZERO_COUNTERS) as readonly CounterField[]

/**
 * The service level: the share of the callers this afdeling's queue dealt with (answered or lost,
 * not moved on to the overflow afdeling) that were answered within the service-level time.
 * Undefined before the first such caller. Callers who hung up quickly count against it too: the
 * queue event says whether an answer came in time, not whether a hang-up did.
 */
export function serviceLevel(counters: AfdelingCounters): number | undefined {
  const dealtWith = counters.queueAnswered + counters.queueAbandoned
  return dealtWith > 0 ? counters.answeredWithinServiceLevel / dealtWith : undefined
}

/** What `event` counts, or undefined when it counts nothing. */
export function counterDelta(event: LiveEventBody & { at: string }): CounterDelta | undefined {
  const of = (afdeling: string, counts: Partial<AfdelingCounters>): CounterDelta => ({
    day: dayOf(event.at),
    afdeling,
    counts: { ...ZERO_COUNTERS, ...counts },
  })
  switch (event.type) {
    case 'call.ended':
      // A call between colleagues (a consult) is not a customer's call. An outbound call is no
      // answered or abandoned call either: one the citizen did not pick up is not a citizen who
      // hung up while waiting. The direction is the hub's record of the call, not the app's say.
      if (event.internal === true || event.direction !== 'inbound') {
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
    case 'queue.left': {
      const outcome = event.outcome
      switch (outcome) {
        case 'answered':
          return of(event.afdeling, {
            queueOffered: 1,
            queueAnswered: 1,
            answeredWithinServiceLevel: event.withinServiceLevel ? 1 : 0,
            answeredWaitedMs: event.waitedMs,
          })
        case 'abandoned':
        case 'timeout':
          return of(event.afdeling, { queueOffered: 1, queueAbandoned: 1 })
        case 'no_agent':
          return of(event.afdeling, { queueOffered: 1, queueAbandoned: 1, queueNoAgent: 1 })
        case 'overflowed':
          return of(event.afdeling, { queueOffered: 1, overflowed: 1 })
        default: {
          const unreachable: never = outcome
          throw new Error(`unknown queue outcome: ${String(unreachable)}`)
        }
      }
    }
    case 'terugbelverzoek.created':
      return of(event.afdeling, { terugbelverzoeken: 1 })
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
    case 'inbox.changed':
      return undefined
    case 'klantcontact.afgehandeld': {
      // The same klantcontact, recorded again today by this afdeling: it moves, it is not two.
      if (event.vervangt === event.afhandeling) {
        return undefined
      }
      const counts: Partial<AfdelingCounters> = { [AFHANDELING_COUNTERS[event.afhandeling]]: 1 }
      if (event.vervangt !== undefined) {
        counts[AFHANDELING_COUNTERS[event.vervangt]] = -1
      }
      return of(event.afdeling, counts)
    }
    default: {
      const unreachable: never = event
      throw new Error(`unknown live event: ${JSON.stringify(unreachable)}`)
    }
  }
}

/**
 * The counters after `event`; the same object when it counts nothing, or when it is of an earlier
 * day than the counters (instances' clocks differ a little around midnight).
 */
export function applyCounters(
  counters: DayCounters,
  event: LiveEvent | (LiveEventBody & { at: string }),
): DayCounters {
  const delta = counterDelta(event)
  if (delta === undefined) {
    return counters
  }
  return addDelta(counters, delta)
}

/** Adds `delta` to counters of the same day (a later day replaces them, an earlier one is ignored). */
export function addDelta(counters: DayCounters, delta: CounterDelta): DayCounters {
  if (delta.day < counters.day) {
    return counters
  }
  const base = delta.day === counters.day ? counters : emptyCounters(delta.day)
  const current: Partial<AfdelingCounters> | undefined = base.afdelingen[delta.afdeling]
  const next = { ...ZERO_COUNTERS }
  for (const field of COUNTER_FIELDS) {
    // A snapshot from a gateway that did not know a field yet lacks it: zero.
    next[field] = (current?.[field] ?? 0) + delta.counts[field]
  }
  return { day: base.day, afdelingen: { ...base.afdelingen, [delta.afdeling]: next } }
}
