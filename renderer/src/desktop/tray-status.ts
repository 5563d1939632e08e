import type { TrayStatus } from '../../../shared/ipc'
import type { SoftphoneSnapshot } from '../softphone/types'
import { agentStateFor, isConsulting, type Availability } from '../workspace/agent-state'

/**
 * The status the tray icon shows, from the same function that decides the state the team sees
 * (workspace/agent-state.ts), so the icon and the status bar never disagree. Any call state is
 * "In gesprek"; `offline` (set by the gateway, the agent is still logged in) shows as Pauze: not
 * taking calls, and unlike Afgemeld it keeps the shortcuts and the close question.
 */
export function trayStatusOf(
  availability: Availability,
  phone: Pick<SoftphoneSnapshot, 'call' | 'transfer'>,
): Exclude<TrayStatus, 'afgemeld'> {
  const state = agentStateFor(availability, phone.call, isConsulting(phone.transfer))
  switch (state) {
    case 'beschikbaar':
    case 'pauze':
    case 'nawerk':
      return state
    case 'offline':
      return 'pauze'
    case 'ringing':
    case 'in_gesprek':
    case 'on_hold':
    case 'consulting':
      return 'in_gesprek'
    default: {
      const unknown: never = state
      throw new Error(`unknown agent state ${String(unknown)}`)
    }
  }
}
