import type { AgentState } from './types'

/**
 * The agent state machine: which state may follow which. The agent app is the source of its own
 * state (it runs the softphone), so the machine is permissive where the app legitimately jumps
 * (a reconnect from `offline` straight back into a call, ending a call straight into `pauze`) and
 * strict only where a state needs a call that cannot exist: hold or consult without a call, or
 * after-call work without one. Rejecting those catches an app bug before a supervisor sees it.
 */
export type Transition = 'change' | 'unchanged' | 'invalid'

/** States that mean the agent has a call: from here hold, consult and wrap-up make sense. */
const IN_CALL: readonly AgentState[] = ['in_gesprek', 'on_hold', 'consulting']

function allowedFrom(from: AgentState): readonly AgentState[] | 'any' {
  switch (from) {
    case 'offline':
      // Logging in, or reconnecting after a restart with a call still up on the softphone.
      return 'any'
    case 'beschikbaar':
      return ['offline', 'pauze', 'ringing', 'in_gesprek']
    case 'pauze':
      // A direct call can still ring a paused agent; an agent can dial out while paused.
      return ['offline', 'beschikbaar', 'ringing', 'in_gesprek']
    case 'ringing':
      // Answered, missed or declined (back to where the agent was).
      return ['offline', 'beschikbaar', 'pauze', 'in_gesprek']
    case 'in_gesprek':
    case 'on_hold':
    case 'consulting':
      return ['offline', 'beschikbaar', 'pauze', 'nawerk', ...IN_CALL]
    case 'nawerk':
      return ['offline', 'beschikbaar', 'pauze', 'ringing', 'in_gesprek']
    default: {
      const unreachable: never = from
      throw new Error(`unknown agent state: ${String(unreachable)}`)
    }
  }
}

export function transition(from: AgentState, to: AgentState): Transition {
  if (from === to) {
    return 'unchanged'
  }
  const allowed = allowedFrom(from)
  return allowed === 'any' || allowed.includes(to) ? 'change' : 'invalid'
}

/** States in which group routing may offer the agent a call. */
export function isAvailable(state: AgentState): boolean {
  return state === 'beschikbaar'
}
