import type { AgentState } from '../../../shared/live/protocol'
import type { LiveConnectionState } from '../live/live-view'
import type { CallSnapshot } from '../softphone/types'
import { agentStateFor, type Availability, type PauseReason } from './agent-state'

/**
 * What the one status control shows: the agent's effective state (the call's while there is one,
 * else their choice), and beside it what would otherwise be hidden. During a call the choice is
 * what comes after ("daarna: Nawerk"), so the two never contradict each other. Without the live
 * connection the server cannot offer calls, so the status says that rather than Beschikbaar.
 */
export type StatusTone = AgentState | 'no_connection'

export type StatusDetail =
  | { readonly kind: 'none' }
  | { readonly kind: 'reason'; readonly reason: PauseReason }
  /** During a call: the choice that applies once the call is over. */
  | { readonly kind: 'after'; readonly availability: Availability; readonly reason?: PauseReason }
  /** During a call without the live connection: the call goes on, the server does not see it. */
  | { readonly kind: 'connection_lost' }
  /** In nawerk with the afdeling's limit: the gateway makes the agent Beschikbaar at `until`. */
  | { readonly kind: 'nawerk_until'; readonly until: number }

export interface StatusView {
  readonly tone: StatusTone
  /** The effective state, or, with no call and no connection, `connecting` or `no_connection`. */
  readonly label: AgentState | 'connecting' | 'no_connection'
  readonly detail: StatusDetail
}

export interface StatusInput {
  readonly availability: Availability
  readonly pauseReason: PauseReason | undefined
  readonly call: CallSnapshot | null
  readonly consulting: boolean
  readonly connection: LiveConnectionState
  /** Whether the live connection has been open since login: before that it is still connecting. */
  readonly everConnected: boolean
  /**
   * When the gateway ends the agent's nawerk (its `nawerkTot`, ms by the gateway's clock), while
   * the hub has them in nawerk; undefined without a limit.
   */
  readonly nawerkTot?: number | undefined
}

export function statusView(input: StatusInput): StatusView {
  const effective = agentStateFor(input.availability, input.call, input.consulting)
  const inCall = effective !== input.availability
  const connected = input.connection === 'open'
  if (inCall) {
    if (!connected) {
      return { tone: effective, label: effective, detail: { kind: 'connection_lost' } }
    }
    return {
      tone: effective,
      label: effective,
      detail: {
        kind: 'after',
        availability: input.availability,
        ...(input.availability === 'pauze' && input.pauseReason ? { reason: input.pauseReason } : {}),
      },
    }
  }
  if (!connected) {
    const label = input.everConnected ? 'no_connection' : 'connecting'
    return { tone: 'no_connection', label, detail: { kind: 'none' } }
  }
  if (effective === 'nawerk' && input.nawerkTot !== undefined) {
    return { tone: effective, label: effective, detail: { kind: 'nawerk_until', until: input.nawerkTot } }
  }
  if (effective === 'pauze' && input.pauseReason) {
    return { tone: effective, label: effective, detail: { kind: 'reason', reason: input.pauseReason } }
  }
  return { tone: effective, label: effective, detail: { kind: 'none' } }
}
