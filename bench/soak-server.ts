import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks'
import { startKccServer } from '../server/compose/kcc-server'
import { loadGatewayConfig } from '../server/gateway/config/load'
import type { AgentConfig, GatewayConfig } from '../server/gateway/config/types'
import { createRootLogger } from '../server/lib/logger'
import { DEMO_CONFIG } from './lib/browser-rig'
import { closeOnSignals } from './lib/serve'
import {
  SOAK_EXTRA_AGENTS,
  soakAgentLogin,
  type DelayStats,
  type SoakChildReply,
  type SoakChildRequest,
  type SoakServerSpec,
} from './lib/soak-protocol'

/**
 * The server under soak (bench/soak.ts): `npm run server` as one process (startKccServer: the
 * gateway, its live socket, the embedded provider on SQLite and the embedded SIP server on one
 * loopback port), on the demo configuration plus {@link SOAK_EXTRA_AGENTS} KCC agents (copies of
 * medewerker1, same password). Logging at `warn`, as errors must still show.
 *
 * It measures its own event-loop delay (perf_hooks monitorEventLoopDelay, 10 ms resolution) and
 * answers the benchmark's `sample` requests over IPC with the delay since the last sample, since the
 * last row, and since the end of the warm-up. It exits when the benchmark goes away.
 */
const spec = JSON.parse(process.argv[2] ?? '') as SoakServerSpec
if (!process.send) {
  throw new Error('started by bench/soak.ts, not directly')
}
const logger = createRootLogger({ level: 'warn', name: 'soak-server' })
const demo = await loadGatewayConfig(DEMO_CONFIG, {})
const template = demo.agents.find((a) => a.login === 'medewerker1')!
const extra: AgentConfig[] = Array.from({ length: SOAK_EXTRA_AGENTS }, (_, i) => ({
  ...template,
  login: soakAgentLogin(i),
  displayName: `Soak agent ${i + 1}`,
  email: `${soakAgentLogin(i)}@kcc.test`,
  sipExtension: soakAgentLogin(i),
}))
const config: GatewayConfig = {
  ...demo,
  port: 0,
  dataDir: spec.dataDir,
  agents: [...demo.agents, ...extra],
}
const server = await startKccServer({ config, logger, providerToken: spec.providerToken })

// The monitor records the time between its timer's runs, interval included; the delay is the rest.
const RESOLUTION_MS = 10
// Three monitors over different windows: Node's delay histograms cannot be merged (a
// RecordableHistogram adds only its own kind), and each monitor's 10 ms timer is cheap.
const monitor = (): IntervalHistogram => {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
  histogram.enable()
  return histogram
}
const delay = monitor()
const row = monitor()
const total = monitor()
const late = (ns: number): number => Math.max(0, ns / 1e6 - RESOLUTION_MS)
const stats = (h: IntervalHistogram): DelayStats => ({
  count: h.count,
  p50: h.count ? late(h.percentile(50)) : 0,
  p99: h.count ? late(h.percentile(99)) : 0,
  max: h.count ? late(h.max) : 0,
})

process.on('message', (request: SoakChildRequest) => {
  if (request.type !== 'sample') {
    return
  }
  const reply: SoakChildReply = {
    type: 'sample',
    sample: stats(delay),
    row: stats(row),
    total: stats(total),
    heapUsed: process.memoryUsage().heapUsed,
  }
  delay.reset()
  if (request.endRow) {
    row.reset()
  }
  if (request.resetTotal) {
    total.reset()
  }
  process.send!(reply)
})

closeOnSignals(() => server.close())
const listening: SoakChildReply = { type: 'listening', port: Number(new URL(server.url).port) }
process.send(listening)
