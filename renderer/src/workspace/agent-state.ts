import { DEFAULT_PAUZE_REDENEN } from '../../../shared/gateway/pauze-redenen'
import type { AgentState } from '../../../shared/live/protocol'
import { isTransferInProgress } from '../softphone/transfer/transfer-states'
import type { CallSnapshot, TransferSnapshot } from '../softphone/types'

/**
 * The agent's own state as the live hub sees it (shared/live/protocol.ts), derived from two
 * things: what the agent chose (beschikbaar, pauze, nawerk) and what the softphone is doing. The
 * app is the source of its own state, so this one pure function decides it.
 */
export type Availability = 'beschikbaar' | 'pauze' | 'nawerk' | 'offline'

/** What the agent can choose; `offline` only the gateway sets (followedAvailability). */
export const AVAILABILITIES: readonly Availability[] = ['beschikbaar', 'pauze', 'nawerk']

/**
 * Why the agent takes a pause: one of the gateway's `pauzeRedenen` (AgentView), as the gateway's
 * configuration spells it. It goes to the live hub with the pauze, so the supervisor sees it too.
 */
export type PauseReason = string

/** The reasons offered by a gateway that does not send its own (an older one). */
export const PAUSE_REASONS: readonly PauseReason[] = DEFAULT_PAUZE_REDENEN

/** The reasons to offer: the gateway's, or the defaults when it sends none. */
export function pauseReasonsOf(
  agent: { readonly pauzeRedenen?: readonly string[] } | undefined,
): readonly PauseReason[] {
  const configured = agent?.pauzeRedenen
  return configured !== undefined && configured.length > 0 ? configured : PAUSE_REASONS
}

/**
 * The availability to follow when the gateway set the agent's own state by itself (live/own-state.ts):
 * the state when it is one an availability can be, else undefined (a call state is the softphone's).
 */
export function followedAvailability(state: AgentState): Availability | undefined {
  switch (state) {
    case 'beschikbaar':
    case 'pauze':
    case 'nawerk':
    case 'offline':
      return state
    case 'ringing':
    case 'in_gesprek':
    case 'on_hold':
    case 'consulting':
      return undefined
    default: {
      const unreachable: never = state
      throw new Error(`unknown agent state ${String(unreachable)}`)
    }
  }
}

/**
 * `consulting`: a warm transfer is under way (the customer on hold, the agent talking to the
 * colleague, or the REFER out); the live hub then shows the agent as in overleg, not just on hold.
 */
export function agentStateFor(
  availability: Availability,
  call: CallSnapshot | null,
  consulting = false,
): AgentState {
  const state = call?.state
  if (consulting && (state === 'active' || state === 'on_hold')) {
    return 'consulting'
  }
  switch (state) {
    case undefined:
    case 'idle':
    case 'ended':
      return availability
    case 'ringing':
      return 'ringing'
    case 'connecting':
      // Dialling out or answering: the agent is busy with this call either way.
      return 'in_gesprek'
    case 'active':
      return 'in_gesprek'
    case 'on_hold':
      return 'on_hold'
    default: {
      const unreachable: never = state
      throw new Error(`unknown call state ${String(unreachable)}`)
    }
  }
}

/**
 * After a call the agent wraps up (nawerk) until they say they are done; a call that was never
 * answered (missed, declined, cancelled) leaves the choice as it was.
 */
export function availabilityAfterCall(current: Availability, call: CallSnapshot): Availability {
  return call.answeredAt !== undefined ? 'nawerk' : current
}

/** Whether the agent is consulting a colleague: a warm transfer that has not ended yet. */
export function isConsulting(transfer: TransferSnapshot | null): boolean {
  return transfer?.kind === 'warm' && isTransferInProgress(transfer.state)
}
