import type { DirectoryView } from '../../../shared/gateway/api'
import { mayMonitor, type MonitorScope } from '../../../shared/gateway/monitor-rule'
import type { Afhandeling } from '../../../shared/klantcontact/afhandeling'
import { dayOf } from '../../../shared/live/counters'
import { shareableCall } from '../../../shared/live/confidential'
import type {
  AgentState,
  AgentStatus,
  CallDirection,
  LiveCall,
  TransferTarget,
} from '../../../shared/live/protocol'
import { sinceGatewayTime } from '../live/gateway-clock'
import type { LiveView } from '../live/live-view'
import { afhandelingFigures } from './afhandeling-figures'
import { maskNumber } from './mask'

/**
 * What the supervisor view shows (docs/supervisor.md, "Team overview"), derived from the live view
 * the hub streams to a supervisor (every agent, call and transfer) and the directory (names,
 * afdelingen). Pure: the panel re-derives it on every live change and every second (the durations).
 * `now` is the gateway's time (live/gateway-clock.ts): every time on the feed is the gateway's.
 */
export interface TeamCall {
  readonly callId: string
  readonly direction: CallDirection
  /** Whether the agent answered; until then the call rings. */
  readonly answered: boolean
  /**
   * Since the answer, by the gateway's clock: the same time the agent's own call timer shows.
   * While it rings: how long it has rung.
   */
  readonly durationMs: number
  /** Partly masked (mask.ts). */
  readonly caller: string
  readonly klantcontactnummer?: string
  /** Never present for a vertrouwelijk klantcontact (the hub never sends it either). */
  readonly onderwerp: string | undefined
  readonly vertrouwelijk: boolean
}

export interface TeamMember {
  readonly login: string
  readonly naam: string
  readonly afdeling: string
  readonly state: AgentState
  /** How long the agent has been in this state; undefined when the hub has not seen them. */
  readonly sinceMs: number | undefined
  /** On pauze: the reason the agent chose (one of the gateway's pauzeRedenen), if they chose one. */
  readonly pauzeReden?: string
  /**
   * In nawerk with the afdeling's limit: how long until the gateway makes the agent Beschikbaar
   * (never below zero), by the gateway's clock.
   */
  readonly nawerkLeftMs?: number
  readonly calls: readonly TeamCall[]
  /**
   * Whether the supervisor may listen in on, whisper to or join this agent's call now: the
   * gateway's own rule (shared/gateway/monitor-rule.ts), so the panel offers nothing it would refuse.
   */
  readonly monitorable: boolean
}

export interface TeamAfdeling {
  readonly id: string
  readonly naam: string
  readonly members: readonly TeamMember[]
}

export interface TeamTransfer {
  readonly transferId: string
  readonly from: string
  readonly to: string
  readonly klantcontactnummer: string
  readonly sinceMs: number
}

/** Today's counters of one afdeling (shared/live/counters.ts); zeros before its first call. */
export interface TeamCounters {
  readonly id: string
  readonly naam: string
  readonly answered: number
  readonly abandoned: number
  /** Undefined before the first answered call. */
  readonly averageHandlingMs: number | undefined
  readonly transfers: number
  readonly contactverzoeken: number
  /** Klantcontacten recorded today with each afhandeling. */
  readonly afhandelingen: Readonly<Record<Afhandeling, number>>
}

export interface TeamView {
  readonly afdelingen: readonly TeamAfdeling[]
  readonly transfers: readonly TeamTransfer[]
  readonly today: readonly TeamCounters[]
}

export function teamView(
  directory: DirectoryView,
  live: LiveView,
  now: number,
  scope?: MonitorScope,
): TeamView {
  const naamOf = new Map(directory.medewerkers.map((m) => [m.login, m.displayName]))
  const afdelingNaam = new Map(directory.afdelingen.map((a) => [a.id, a.naam]))
  const status = new Map(live.agents.map((a) => [a.login, a]))
  const callsOf = new Map<string, LiveCall[]>()
  for (const call of live.calls) {
    callsOf.set(call.agent, [...(callsOf.get(call.agent) ?? []), call])
  }

  // Everyone the directory knows, plus anyone the hub knows that the directory does not (yet).
  const logins = new Map<string, string>(directory.medewerkers.map((m) => [m.login, m.afdeling]))
  for (const agent of live.agents) {
    if (!logins.has(agent.login)) {
      logins.set(agent.login, agent.afdeling)
    }
  }
  const byAfdeling = new Map<string, TeamMember[]>()
  for (const [login, afdeling] of logins) {
    const seen = status.get(login)
    const calls = (callsOf.get(login) ?? []).map((call) => teamCall(call, now))
    const member: TeamMember = {
      login,
      naam: naamOf.get(login) ?? login,
      afdeling,
      state: seen?.state ?? 'offline',
      sinceMs: seen ? sinceGatewayTime(seen.since, now) : undefined,
      ...agentTime(seen, now),
      calls,
      monitorable: scope !== undefined && mayMonitor(scope, { login, afdeling, inCall: calls.length > 0 }),
    }
    byAfdeling.set(afdeling, [...(byAfdeling.get(afdeling) ?? []), member])
  }
  const order = [...directory.afdelingen.map((a) => a.id), ...byAfdeling.keys()]
  const afdelingen = [...new Set(order)]
    .filter((id) => byAfdeling.has(id))
    .map((id) => ({
      id,
      naam: afdelingNaam.get(id) ?? id,
      members: [...(byAfdeling.get(id) ?? [])].sort((a, b) => a.naam.localeCompare(b.naam, 'nl')),
    }))

  const targetNaam = (to: TransferTarget): string =>
    to.kind === 'agent' ? (naamOf.get(to.login) ?? to.login) : (afdelingNaam.get(to.afdeling) ?? to.afdeling)
  const transfers = [...live.transfers]
    .sort((a, b) => Date.parse(a.offeredAt) - Date.parse(b.offeredAt))
    .map((t) => ({
      transferId: t.transferId,
      from: naamOf.get(t.from) ?? t.from,
      to: targetNaam(t.to),
      klantcontactnummer: t.klantcontactnummer,
      sinceMs: sinceGatewayTime(t.offeredAt, now),
    }))
  // Counters of an earlier day (no event yet today) count as zeros.
  const counted = live.counters.day === dayOf(new Date(now).toISOString()) ? live.counters.afdelingen : {}
  const today = [...new Set([...directory.afdelingen.map((a) => a.id), ...Object.keys(counted)])].map(
    (id) => {
      const c = counted[id]
      return {
        id,
        naam: afdelingNaam.get(id) ?? id,
        answered: c?.answered ?? 0,
        abandoned: c?.abandoned ?? 0,
        averageHandlingMs: c && c.answered > 0 ? c.handledMs / c.answered : undefined,
        transfers: c?.transfers ?? 0,
        contactverzoeken: c?.contactverzoeken ?? 0,
        afhandelingen: afhandelingFigures(c),
      }
    },
  )
  return { afdelingen, transfers, today }
}

/** The pauze reason and the nawerk time left, where the hub's record of the agent has them. */
function agentTime(
  seen: AgentStatus | undefined,
  now: number,
): Pick<TeamMember, 'pauzeReden' | 'nawerkLeftMs'> {
  if (seen?.state === 'pauze' && seen.pauzeReden !== undefined) {
    return { pauzeReden: seen.pauzeReden }
  }
  const tot = seen?.state === 'nawerk' && seen.nawerkTot !== undefined ? Date.parse(seen.nawerkTot) : NaN
  return Number.isNaN(tot) ? {} : { nawerkLeftMs: Math.max(0, tot - now) }
}

function teamCall(call: LiveCall, now: number): TeamCall {
  return {
    callId: call.callId,
    direction: call.direction,
    answered: call.answeredAt !== undefined,
    durationMs: sinceGatewayTime(call.answeredAt ?? call.startedAt, now),
    caller: maskNumber(call.callerNumber),
    ...(call.klantcontactnummer !== undefined ? { klantcontactnummer: call.klantcontactnummer } : {}),
    onderwerp: shareableCall(call).onderwerp,
    vertrouwelijk: call.vertrouwelijk,
  }
}
