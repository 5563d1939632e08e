/** The live hub's public API, for the gateway (live-wiring.ts), the task API and the SIP server. */
export { createMemoryHub, type LiveHub, type MemoryHubOptions } from './hub'
export { createPostgresHub, type PostgresHubOptions } from './postgres-hub'
export { createPresenceTracker, type PresenceTracker, type PresenceOptions } from './presence'
export { createPresenceView, type PresenceView } from './presence-view'
export { liveSocketRoutes, type LiveSocketOptions } from './socket'
export type * from './types'
export { AGENT_STATES, LiveCloseCode } from './types'
