import type { AgentStatus, LiveEventBody } from './protocol'

type AgentStateEvent = Extract<LiveEventBody, { type: 'agent.state' }> & { at: string }

/**
 * An agent's status as an `agent.state` event leaves it (`since`: when it was published): one rule for the hub's
 * state (memory and PostgreSQL) and the app's live view, so `pauzeReden` and `nawerkTot` travel
 * the same way everywhere.
 */
export function agentStatusOf(event: AgentStateEvent): AgentStatus {
  return {
    login: event.login,
    afdeling: event.afdeling,
    state: event.state,
    since: event.at,
    ...(event.pauzeReden !== undefined ? { pauzeReden: event.pauzeReden } : {}),
    ...(event.nawerkTot !== undefined ? { nawerkTot: event.nawerkTot } : {}),
  }
}
