/**
 * Where the directory's live agent states come from: the gateway's live hub (live/presence-view.ts
 * implements it with the states agents publish: offline, beschikbaar, pauze, ringing, in gesprek, …).
 */
export interface PresenceSource {
  stateOf(login: string): string
}
