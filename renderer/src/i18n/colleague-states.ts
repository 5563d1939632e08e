import type { AgentState } from '../../../shared/live/protocol'
import type { Catalog } from './locale'

/**
 * A colleague's state as another agent reads it, where a colleague is chosen: the Doorverbinden
 * list and the colleagues to call. One catalog, so both say the same. The agent's own status has
 * its own words (workspace/messages.ts: "Klant in de wacht" is about the agent's own customer).
 */
export const colleagueStateMessages: Catalog<Record<AgentState | 'unknown', string>> = {
  nl: {
    offline: 'Afgemeld',
    beschikbaar: 'Beschikbaar',
    pauze: 'Pauze',
    ringing: 'Gaat over',
    in_gesprek: 'In gesprek',
    on_hold: 'In gesprek (wacht)',
    consulting: 'In overleg',
    nawerk: 'Nawerk',
    unknown: 'Status onbekend',
  },
}
