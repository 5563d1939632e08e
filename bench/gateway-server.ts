import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { buildGatewayApp } from '../server/gateway/app'
import { loadGatewayConfig } from '../server/gateway/config/load'
import type { AgentConfig, GatewayConfig } from '../server/gateway/config/types'
import { createMemoryHub, createPostgresHub, type LiveHub } from '../server/gateway/live'
import { quoteIdent } from '../server/lib/db/database'
import { createRootLogger } from '../server/lib/logger'
import {
  agentLogin,
  BENCH_ARM_PATH,
  BENCH_SESSIONS_PATH,
  BENCH_STAMPS_PATH,
  DEMO_CONFIG_URL,
  monoMs,
  supervisorLogin,
  type GatewaySpec,
  type HubStamp,
  type LiveGatewaySpec,
  type RegisterGatewaySpec,
} from './lib/gateway-child'
import { serveForBenchmark } from './lib/serve'

/**
 * The gateway under test, built as the tests build it (buildGatewayApp on config/kcc.demo.json,
 * test/support/gateway.ts), started by bench/gateway.ts with a GatewaySpec as the first argument.
 * Logging is at `warn`: per-request info lines (audit lines included) would measure pino, and
 * errors must still show. The audit rows are written to the database as always.
 *
 * - `register`: the task API in front of the provider child, embedded mode (the provider generates
 *   nummers), as `npm run server` runs them.
 * - `live`: the same app with its live socket (`/api/live`) on a memory hub, as `npm run server`
 *   runs it, or on the PostgreSQL hub that several instances would share (handed to the gateway), and
 *   `spec.supervisors` extra supervisor accounts and `spec.agents` extra agent accounts (afdeling of
 *   medewerker1), each with a session made by the gateway's session store as a login would (without
 *   500 scrypt checks). The register is not used: its address is a closed port.
 */
const spec = JSON.parse(process.argv[2] ?? '') as GatewaySpec
// The live child has no register: its login's actor lookup fails by design and warns; errors still show.
const logger = createRootLogger({
  level: spec.kind === 'live' ? 'error' : 'warn',
  name: `bench-gateway-${spec.kind}`,
})
const demo = await loadGatewayConfig(fileURLToPath(DEMO_CONFIG_URL), {})

if (spec.kind === 'register') {
  await serveRegister(spec)
} else {
  await serveLive(spec)
}

function baseConfig(spec: GatewaySpec): GatewayConfig {
  return {
    ...demo,
    dataDir: spec.dataDir,
    ...(spec.database ? { database: spec.database } : {}),
    klantinteracties: { mode: 'embedded' },
  }
}

async function serveRegister(spec: RegisterGatewaySpec): Promise<void> {
  const { app } = await buildGatewayApp({
    config: baseConfig(spec),
    logger,
    provider: { baseUrl: spec.providerBaseUrl, token: spec.providerToken, generatesNummer: true },
  })
  await serveForBenchmark(app)
}

async function serveLive(spec: LiveGatewaySpec): Promise<void> {
  const template = demo.agents.find((a) => a.role === 'supervisor')
  const agentTemplate = demo.agents.find((a) => a.role === 'agent')
  if (!template || !agentTemplate) {
    throw new Error('the demo configuration has no supervisor or no agent to copy')
  }
  const copies = (
    from: AgentConfig,
    count: number,
    login: (i: number) => string,
    name: string,
  ): AgentConfig[] =>
    Array.from({ length: count }, (_, i) => ({
      ...from,
      login: login(i),
      displayName: `${name} ${i + 1}`,
      email: `${login(i)}@kcc.test`,
      sipExtension: login(i),
    }))
  const extra = copies(template, spec.supervisors, supervisorLogin, 'Bench supervisor')
  const extraAgents = copies(agentTemplate, spec.agents ?? 0, agentLogin, 'Bench agent')
  const config: GatewayConfig = { ...baseConfig(spec), agents: [...demo.agents, ...extra, ...extraAgents] }

  let pool: pg.Pool | undefined
  let hub: LiveHub
  if (spec.hub === 'postgres') {
    if (!spec.database) {
      throw new Error('the PostgreSQL hub needs a database')
    }
    const { url, schema } = spec.database
    pool = new pg.Pool({ connectionString: url, options: `-c search_path=${quoteIdent(schema)}`, max: 4 })
    await pool.query(`create schema if not exists ${quoteIdent(schema)}`)
    // Channels are per database; the schema name keeps this run apart from any other.
    hub = await createPostgresHub({ pool, channel: schema, logger })
  } else {
    hub = createMemoryHub({ logger })
  }
  const gateway = await buildGatewayApp({
    config,
    logger,
    provider: { baseUrl: 'http://127.0.0.1:9/klantinteracties/api/v1', token: 'bench-unused-register-token' },
    hub,
  })
  const { app, auth } = gateway

  const tokens: string[] = []
  for (const agent of extra) {
    tokens.push((await auth.sessions.create(agent.login)).token)
  }
  const agentTokens: string[] = []
  for (const agent of extraAgents) {
    agentTokens.push((await auth.sessions.create(agent.login)).token)
  }

  // The benchmark's own subscribers: the first runs before every socket's, the last (armed once
  // all clients are in) after every socket's, so together they bracket the fan-out loop.
  const first = new Map<number, number>()
  const stamps: HubStamp[] = []
  hub.subscribe({ kind: 'everything' }, (event) => {
    first.set(event.seq, monoMs())
  })
  let armed = false
  // Public to the gateway's session guard (which denies every route by default): the benchmark
  // asks for the sessions before it has one. Loopback only, and only in this child.
  const open = { config: { public: true } }
  app.get(BENCH_SESSIONS_PATH, open, async () => ({ tokens, agentTokens }))
  app.post(BENCH_ARM_PATH, open, async () => {
    if (!armed) {
      armed = true
      hub.subscribe({ kind: 'everything' }, (event) => {
        const last = monoMs()
        stamps.push([event.seq, first.get(event.seq) ?? Number.NaN, last])
        first.delete(event.seq)
      })
    }
    return { armed }
  })
  app.get(BENCH_STAMPS_PATH, open, async () => ({ stamps: stamps.splice(0) }))

  // The gateway closes only a hub it made itself.
  app.addHook('onClose', async () => {
    await hub.close()
    await pool?.end()
  })
  await serveForBenchmark(app)
}
