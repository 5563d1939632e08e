/** What bench/queue.ts hands its gateway child (bench/lib/queue-server.ts). */
export interface QueueServerSpec {
  dataDir: string
  providerToken: string
  /** Kamailio's SIP over WebSocket, and its evapi port. */
  sipUrl: string
  domain: string
  evapiPort: number
  agents: Array<{ login: string }>
  /** The secret Kamailio checks the agents' ephemeral SIP credentials with (sip.credentials). */
  sipSecret: string
}

/** Their gateway password: the agents are copies of medewerker1 (config/kcc.demo.json). */
export const QUEUE_AGENT_PASSWORD = 'welkom-medewerker1'

/** The demo supervisor of the KCC (config/kcc.demo.json), who watches the queue's events. */
export const SUPERVISOR_PASSWORD = 'welkom-supervisor'
