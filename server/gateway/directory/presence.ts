/**
 * Where an agent's live state comes from. The live events hub (server/gateway/live/) implements
 * this with the states agents publish (offline, beschikbaar, pauze, ringing, in gesprek, …); until
 * it is wired in, every agent is `offline`.
 */
export interface PresenceSource {
  stateOf(login: string): string
}

export const offlinePresence: PresenceSource = { stateOf: () => 'offline' }
