import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { cleanupsOnExit, DOCS, progressLog } from './lib/browser-rig'
import { benchScript, startChild, stopAllChildren, type ChildServer } from './lib/child'
import { dropSchemas, removeDirectory } from './lib/databases'
import type { GatewayDatabase, LiveGatewaySpec } from './lib/gateway-child'
import { cpuProbe } from './lib/live-cpu'
import { liveLoad } from './lib/live-load'
import {
  breakdownTable,
  cpuTable,
  deliveryTable,
  docsSection,
  LAYOUT_NAME,
  latencySummary,
  latencyTable,
  problems,
  type LayoutResult,
  type LiveResults,
} from './lib/live-report'
import { liveSettingsFromEnv, type LiveLayout, type LiveSettings } from './lib/live-settings'
import { describeMachine, loadAverage } from './lib/machine'
import { writeDocsSection } from './lib/report'
import { runBench } from './lib/run'

/**
 * `npm run bench:live`: 500 agents on the live socket, each changing its state every second, and
 * one supervisor watching them. Measured: how long a change takes to reach the supervisor, and how
 * much CPU the gateway spends on it. Method: docs/benchmarks.md.
 *
 * Order, per layout (one gateway on the memory hub, one on the PostgreSQL hub, two sharing the
 * PostgreSQL hub): gateway child(ren) started, supervisor and agents connected, warm-up, measured
 * window, children stopped; then the report. Everything it creates (children, sockets, temporary
 * directory, PostgreSQL schemas) is removed at the end, on failure and on Ctrl-C too.
 */
const started = performance.now()
const log = progressLog(started)
const cleanups = cleanupsOnExit(log)

async function main(settings: LiveSettings): Promise<void> {
  const watchdog = setTimeout(() => {
    log(`the run exceeded BENCH_MAX_MINUTES=${settings.maxMinutes}; aborting`)
    void cleanups.run().finally(() => process.exit(1))
  }, settings.maxMinutes * 60_000)
  watchdog.unref()

  const usePostgres = settings.layouts.some((layout) => layout !== 'memory')
  const machine = await describeMachine(usePostgres ? settings.databaseUrl : undefined)
  log(`machine: ${machine.cpus} CPUs, ${machine.cpuModel}, Node ${machine.node}, load ${machine.loadBefore}`)

  // Steps run in reverse: sockets (pushed per layout), then the children, then their data.
  const dir = mkdtempSync(join(tmpdir(), 'kcc-bench-live-'))
  cleanups.push(() => removeDirectory(dir))
  const suffix = `${process.pid}_${Date.now().toString(36)}`
  const schemas: string[] = []
  if (usePostgres) {
    cleanups.push(() => dropSchemas(settings.databaseUrl, schemas))
  }
  cleanups.push(() => stopAllChildren())
  const schema = (name: string): GatewayDatabase => {
    const created = `bench_live_${name}_${suffix}`
    schemas.push(created)
    return { url: settings.databaseUrl, schema: created }
  }

  const layouts: LayoutResult[] = []
  for (const layout of settings.layouts) {
    layouts.push(await measure(layout, settings, dir, schema))
  }

  const results: LiveResults = {
    settings,
    machine,
    loadAfter: loadAverage(),
    startedAt: new Date(Date.now() - (performance.now() - started)),
    durationSeconds: (performance.now() - started) / 1000,
    layouts,
  }
  const tables = [latencyTable(results), deliveryTable(results), cpuTable(results), breakdownTable(results)]
  process.stdout.write(`\n${tables.join('\n\n')}\n\n`)
  if (settings.writeDocs) {
    await writeDocsSection(DOCS, 'live', docsSection(results))
    log(`wrote the live section of ${DOCS}`)
  } else {
    log('not writing docs/benchmarks.md: a shorter run than specified (set BENCH_WRITE_DOCS=1 to force)')
  }
  clearTimeout(watchdog)
}

async function measure(
  layout: LiveLayout,
  settings: LiveSettings,
  dir: string,
  schema: (name: string) => GatewayDatabase,
): Promise<LayoutResult> {
  const database = layout === 'memory' ? undefined : schema(layout === 'postgres' ? 'one' : 'two')
  const spec = (name: string): LiveGatewaySpec => {
    const dataDir = join(dir, `${layout}-${name}`)
    mkdirSync(dataDir)
    return {
      kind: 'live',
      dataDir,
      hub: database ? 'postgres' : 'memory',
      ...(database ? { database } : {}),
      supervisors: 1,
      agents: settings.agents,
    }
  }
  const children: ChildServer[] = []
  const start = async (name: string): Promise<ChildServer> => {
    const child = await startChild(name, benchScript('gateway-server.ts'), [JSON.stringify(spec(name))])
    children.push(child)
    return child
  }
  try {
    // Two instances start one after the other: the second finds the first's schema migrated.
    const a = await start(layout === 'postgres-2' ? 'gateway A' : 'gateway')
    const b = layout === 'postgres-2' ? await start('gateway B') : a
    log(
      `${LAYOUT_NAME[layout]}: ${children.map((c) => `${c.name} on port ${c.port} (pid ${c.pid})`).join(', ')}; connecting ${settings.agents} agents and the supervisor`,
    )
    const load = await liveLoad({
      agentsPort: a.port,
      supervisorPort: b.port,
      agents: settings.agents,
      periodMs: settings.periodMs,
      warmupMs: settings.warmupSeconds * 1000,
      windowMs: settings.seconds * 1000,
      probe: cpuProbe(
        children.map((c) => ({ name: c.name, pid: c.pid })),
        database !== undefined,
      ),
    })
    cleanups.push(() => load.close())
    try {
      log(`${layout}: connected; ${settings.warmupSeconds} s warm-up, then ${settings.seconds} s measured`)
      const run = await load.run()
      const s = latencySummary(run.latencies)
      const cpu = run.cpu.gateways
        .map((g) => `${g.name} ${g.share.percentOfCore.toFixed(1)} % of a core`)
        .join(', ')
      log(
        `${layout}: ${run.latencies.length}/${run.sent} changes matched; supervisor latency p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, max ${s.max.toFixed(1)} ms; ${cpu}; ${(run.supervisorEvents / (run.windowMs / 1000)).toFixed(1)} events/s to the supervisor; ${problems(run)} problems (lost ${run.lost}, out of order ${run.mismatched}, errors ${run.errorCount}, closed ${run.closedSockets})`,
      )
      for (const error of run.errors) {
        log(`${layout}: error message: ${error}`)
      }
      return { layout, run }
    } finally {
      await load.close()
    }
  } finally {
    for (const child of children.reverse()) {
      await child.stop()
    }
  }
}

await runBench({
  name: 'live',
  main: () => main(liveSettingsFromEnv()),
  cleanup: () => cleanups.run(),
  log,
  started,
})
