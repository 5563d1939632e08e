/** The live hub's public API, for the gateway's app.ts, the task API and the SIP server. */
export { createMemoryHub, type LiveHub, type MemoryHubOptions } from './hub'
export { createPostgresHub, type PostgresHubOptions } from './postgres-hub'
export { createPresenceTracker, type PresenceTracker, type PresenceOptions } from './presence'
export { createPresenceSource, type PresenceSource } from './presence-source'
export { liveSocketRoutes, type LiveSocketOptions } from './socket'
export type * from './types'
export { AGENT_STATES, LiveCloseCode } from './types'
