import { startKccServer } from '../../server/compose/kcc-server'
import { loadGatewayConfig } from '../../server/gateway/config/load'
import type { AgentConfig, GatewayConfig } from '../../server/gateway/config/types'
import { createRootLogger } from '../../server/lib/logger'
import { DEMO_CONFIG } from './browser-rig'
import type { ListeningMessage } from './child'
import type { QueueServerSpec } from './queue-protocol'
import { closeOnSignals } from './serve'

/**
 * The gateway under bench/queue.ts, in its own process (its CPU is then its own in /proc):
 * `npm run server` (startKccServer) with SQLite in a temporary data directory, the embedded
 * provider, no embedded SIP server, and the queue over Kamailio's evapi socket (`sip.evapi`). The
 * agents are the benchmark's, all in the afdeling KCC, copies of medewerker1 (same password).
 */
const spec = JSON.parse(process.argv[2] ?? '') as QueueServerSpec
if (!process.send) {
  throw new Error('started by bench/queue.ts, not directly')
}
const logger = createRootLogger({ level: 'warn', name: 'queue-server' })
const demo = await loadGatewayConfig(DEMO_CONFIG, {})
const template = demo.agents.find((a) => a.login === 'medewerker1')!
const agents: AgentConfig[] = spec.agents.map((agent, i) => ({
  ...template,
  login: agent.login,
  displayName: `Wachtrij-agent ${i + 1}`,
  email: `${agent.login}@kcc.test`,
  afdeling: 'kcc',
  sipExtension: agent.login,
}))
const config: GatewayConfig = {
  ...demo,
  port: 0,
  dataDir: spec.dataDir,
  // The demo supervisor of the KCC watches the queue's events on the live socket (they go to supervisors).
  agents: [...agents, demo.agents.find((a) => a.login === 'supervisor')!],
  afdelingen: demo.afdelingen.filter((a) => a.id === 'kcc'),
  sip: {
    websocketUrl: spec.sipUrl,
    domain: spec.domain,
    embedded: false,
    guests: [],
    credentials: { secret: spec.sipSecret },
    evapi: { host: '127.0.0.1', port: spec.evapiPort },
  },
}
const server = await startKccServer({ config, logger, providerToken: spec.providerToken })
closeOnSignals(() => server.close())
const listening: ListeningMessage = { type: 'listening', port: Number(new URL(server.url).port) }
process.send(listening)
