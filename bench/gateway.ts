import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'
import type { ProviderConfig } from '../server/klantinteracties/config'
import { benchScript, startChild, stopAllChildren, type ChildServer } from './lib/child'
import { dropSchemas, removeDirectory } from './lib/databases'
import type { GatewayDatabase, GatewaySpec } from './lib/gateway-child'
import { fanoutBench } from './lib/gateway-fanout'
import { PROVIDER_API, registerBench, registerStats } from './lib/gateway-register'
import {
  docsSection,
  fanoutStats,
  ratioLines,
  fanoutTable,
  registerTable,
  runsTable,
  type FanoutResult,
  type GatewayResults,
  type HubKind,
  type RegisterResult,
} from './lib/gateway-report'
import { gatewaySettingsFromEnv, type GatewaySettings } from './lib/gateway-settings'
import { BENCH_TOKEN } from './lib/klantcontact'
import { describeMachine, loadAverage } from './lib/machine'
import { writeDocsSection } from './lib/report'
import type { Engine } from './lib/settings'
import { runBench } from './lib/run'

/**
 * `npm run bench:gateway`: what the gateway adds to registering a contact (against the provider
 * calls it makes, measured in the same run) and how fast a live event reaches 500 connected
 * clients (see docs/benchmarks.md for the method).
 *
 * Order: per engine, a provider child and a gateway child, warm-up, interleaved registration runs,
 * children stopped; then per hub a live gateway child, 500 sockets, fan-out runs; report. Everything
 * it creates (children, sockets, temporary directory, PostgreSQL schemas) is removed at the end, on
 * failure and on Ctrl-C too.
 */
const DOCS = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url))
const FANOUT_WARMUP_EVENTS = 20
const started = performance.now()

const log = (message: string): void => {
  const at = ((performance.now() - started) / 1000).toFixed(0).padStart(4)
  process.stderr.write(`[${at}s] ${message}\n`)
}

const cleanups: (() => Promise<void> | void)[] = []
let cleaning: Promise<void> | undefined

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    // Sockets and connections first (registered last), then the children, then their data.
    for (const step of cleanups.splice(0).reverse()) {
      try {
        await step()
      } catch (error) {
        process.stderr.write(`cleanup: ${String(error)}\n`)
      }
    }
    await stopAllChildren()
    for (const step of dataCleanups.splice(0).reverse()) {
      try {
        await step()
      } catch (error) {
        process.stderr.write(`cleanup: ${String(error)}\n`)
      }
    }
  })()
  return cleaning
}
const dataCleanups: (() => Promise<void> | void)[] = []

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`)
    void cleanup().finally(() => process.exit(130))
  })
}

async function main(settings: GatewaySettings): Promise<void> {
  const watchdog = setTimeout(() => {
    log(`the run exceeded BENCH_MAX_MINUTES=${settings.maxMinutes}; aborting`)
    void cleanup().finally(() => process.exit(1))
  }, settings.maxMinutes * 60_000)
  watchdog.unref()

  const usePostgres = settings.engines.includes('postgres')
  const machine = await describeMachine(usePostgres ? settings.databaseUrl : undefined)
  log(`machine: ${machine.cpus} CPUs, ${machine.cpuModel}, Node ${machine.node}, load ${machine.loadBefore}`)

  const dir = mkdtempSync(join(tmpdir(), 'kcc-bench-gateway-'))
  dataCleanups.push(() => removeDirectory(dir))
  const suffix = `${process.pid}_${Date.now().toString(36)}`
  const schemas: string[] = []
  if (usePostgres) {
    dataCleanups.push(() => dropSchemas(settings.databaseUrl, schemas))
  }
  const schema = (name: string): GatewayDatabase => {
    const created = `bench_gw_${name}_${suffix}`
    schemas.push(created)
    return { url: settings.databaseUrl, schema: created }
  }

  const register: RegisterResult[] = []
  if (settings.parts.includes('register')) {
    const trivial = await startChild('trivial', benchScript('trivial-server.ts'), [])
    for (const engine of settings.engines) {
      register.push(await measureRegister(engine, settings, dir, schema, trivial.port))
    }
    await trivial.stop()
  }
  const fanout: FanoutResult[] = []
  if (settings.parts.includes('fanout')) {
    const hubs: HubKind[] = usePostgres ? ['memory', 'postgres'] : ['memory']
    for (const hub of hubs) {
      fanout.push(await measureFanout(hub, settings, dir, schema))
    }
  }

  const results: GatewayResults = {
    settings,
    machine,
    loadAfter: loadAverage(),
    startedAt: new Date(Date.now() - (performance.now() - started)),
    durationSeconds: (performance.now() - started) / 1000,
    register,
    fanout,
  }
  const tables = [
    register.length > 0 ? registerTable(results) : '',
    fanout.length > 0 ? fanoutTable(results) : '',
    runsTable(results),
  ].filter(Boolean)
  process.stdout.write(`\n${tables.join('\n\n')}\n\n`)
  for (const line of ratioLines(results)) {
    process.stdout.write(`${line}\n`)
  }
  if (settings.writeDocs) {
    await writeDocsSection(DOCS, 'gateway', docsSection(results))
    log(`wrote the gateway section of ${DOCS}`)
  } else {
    log('not writing docs/benchmarks.md: fewer samples than specified (set BENCH_WRITE_DOCS=1 to force)')
  }
  clearTimeout(watchdog)
}

async function measureRegister(
  engine: Engine,
  settings: GatewaySettings,
  dir: string,
  schema: (name: string) => GatewayDatabase,
  echoPort: number,
): Promise<RegisterResult> {
  const engineDir = join(dir, `register-${engine}`)
  mkdirSync(engineDir)
  const providerDb = engine === 'postgres' ? schema(`provider`) : undefined
  const config: ProviderConfig = {
    tokens: [BENCH_TOKEN],
    databaseUrl: providerDb?.url,
    databaseSchema: providerDb?.schema,
    sqliteFile: join(engineDir, 'klantinteracties.sqlite'),
    generateNummer: true,
    host: '127.0.0.1',
    port: 0,
  }
  const children: ChildServer[] = []
  const provider = await startChild(`provider-${engine}`, benchScript('provider-server.ts'), [
    JSON.stringify(config),
  ])
  children.push(provider)
  const spec: GatewaySpec = {
    kind: 'register',
    dataDir: engineDir,
    ...(engine === 'postgres' ? { database: schema('gateway') } : {}),
    providerBaseUrl: `http://127.0.0.1:${provider.port}${PROVIDER_API}`,
    providerToken: BENCH_TOKEN,
  }
  const gateway = await startChild(`gateway-${engine}`, benchScript('gateway-server.ts'), [
    JSON.stringify(spec),
  ])
  children.push(gateway)
  log(
    `${engine}: provider on port ${provider.port} (pid ${provider.pid}), gateway on ${gateway.port} (pid ${gateway.pid})`,
  )

  const bench = await registerBench(gateway.port, provider.port, echoPort)
  const result: RegisterResult = { engine, gateway: [], direct: [], directClient: [], echo: [] }
  try {
    if (settings.registrationWarmup > 0) {
      log(`${engine}: warm-up, ${settings.registrationWarmup} registrations each way`)
      await bench.run(settings.registrationWarmup)
    }
    for (let rep = 1; rep <= settings.repeats; rep++) {
      const run = await bench.run(settings.registrations)
      const g = registerStats(run.gateway)
      const d = registerStats(run.direct)
      const k = registerStats(run.directClient)
      const e = registerStats(run.echo)
      log(
        `${engine} run ${rep}/${settings.repeats}: gateway p50 ${g.p50.toFixed(2)} ms p99 ${g.p99.toFixed(2)} ms; direct p50 ${d.p50.toFixed(2)} ms p99 ${d.p99.toFixed(2)} ms; ratio p50 ${(g.p50 / d.p50).toFixed(2)}×, p95 ${(g.p95 / d.p95).toFixed(2)}×, p99 ${(g.p99 / d.p99).toFixed(2)}×; direct via register client p50 ${k.p50.toFixed(2)} ms; echo p50 ${e.p50.toFixed(2)} ms`,
      )
      result.gateway.push(g)
      result.direct.push(d)
      result.directClient.push(k)
      result.echo.push(e)
    }
  } finally {
    bench.close()
    for (const child of children.reverse()) {
      await child.stop()
    }
  }
  return result
}

async function measureFanout(
  hub: HubKind,
  settings: GatewaySettings,
  dir: string,
  schema: (name: string) => GatewayDatabase,
): Promise<FanoutResult> {
  const hubDir = join(dir, `fanout-${hub}`)
  mkdirSync(hubDir)
  const spec: GatewaySpec = {
    kind: 'live',
    dataDir: hubDir,
    hub,
    ...(hub === 'postgres' ? { database: schema('live') } : {}),
    supervisors: settings.clients,
  }
  const gateway = await startChild(`gateway-live-${hub}`, benchScript('gateway-server.ts'), [
    JSON.stringify(spec),
  ])
  log(
    `${hub} hub: gateway on port ${gateway.port} (pid ${gateway.pid}); connecting ${settings.clients} clients`,
  )
  const result: FanoutResult = { hub, clients: settings.clients, runs: [] }
  try {
    const bench = await fanoutBench(gateway.port, settings.clients)
    const closeSockets = (): Promise<void> => bench.close()
    cleanups.push(closeSockets)
    try {
      log(`${hub} hub: ${settings.clients} clients in; warm-up, ${FANOUT_WARMUP_EVENTS} events`)
      await bench.run(FANOUT_WARMUP_EVENTS, settings.gapMinMs, settings.gapMaxMs, 1)
      for (let rep = 1; rep <= settings.repeats; rep++) {
        const stats = fanoutStats(
          await bench.run(settings.events, settings.gapMinMs, settings.gapMaxMs, 20260534 + rep),
        )
        log(
          `${hub} hub run ${rep}/${settings.repeats}: ${stats.deliveries} deliveries, p50 ${stats.p50.toFixed(1)} ms, p95 ${stats.p95.toFixed(1)} ms, p99 ${stats.p99.toFixed(1)} ms, max ${stats.max.toFixed(1)} ms; ingest p50 ${stats.ingestP50.toFixed(2)} ms, fan-out loop p50 ${stats.loopP50.toFixed(2)} ms, last client p50 ${stats.allDeliveredP50.toFixed(1)} ms`,
        )
        result.runs.push(stats)
      }
    } finally {
      cleanups.splice(cleanups.indexOf(closeSockets), 1)
      await bench.close()
    }
  } finally {
    await gateway.stop()
  }
  return result
}

await runBench({
  name: 'gateway',
  main: () => main(gatewaySettingsFromEnv()),
  cleanup: () => cleanup(),
  log,
  started,
})
