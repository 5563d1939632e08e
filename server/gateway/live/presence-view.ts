import type { LiveHub } from './hub'
import { isAvailable } from './transitions'
import type { AgentState } from './types'

/**
 * Live agent states, read-only, for other parts of the gateway: the task API's directory
 * (colleagues with their state) and the SIP server's group routing (ring only available members).
 * Reads the hub's state, so with the PostgreSQL hub it reflects agents connected to any instance.
 * (The presence tracker in presence.ts is the other side: it writes the states of agents whose
 * sockets come and go.)
 */
export interface PresenceView {
  /** `offline` for a login the hub has never seen. */
  stateOf(login: string): AgentState
  /** Logins whose state lets them take a call now, optionally only those of one afdeling. */
  availableLogins(afdeling?: string): string[]
}

export function createPresenceView(hub: LiveHub): PresenceView {
  return {
    stateOf: (login) => hub.agent(login)?.state ?? 'offline',
    availableLogins: (afdeling) =>
      hub
        .snapshot()
        .agents.filter((a) => isAvailable(a.state) && (afdeling === undefined || a.afdeling === afdeling))
        .map((a) => a.login)
        .sort(),
  }
}
