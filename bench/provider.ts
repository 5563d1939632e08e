import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'
import type { ProviderConfig } from '../server/klantinteracties/config'
import {
  loadPostgres,
  loadSqlite,
  checkPostgresLoad,
  checkSqliteLoad,
  type BulkLoadResult,
} from './lib/bulk-load'
import { benchScript, startChild, stopAllChildren, type ChildServer } from './lib/child'
import { countRows, dropSchemas, migrate, removeDirectory, type Location } from './lib/databases'
import { postRate, type LoadTarget } from './lib/http-load'
import { BENCH_TOKEN, C0534_JSON, REQUEST_HEADERS, bulkNummer, bulkYear } from './lib/klantcontact'
import { sequentialLatency, type LatencyTarget } from './lib/latency'
import { describeMachine, loadAverage } from './lib/machine'
import { postgresRawInserter, sqliteRawInserter, type RawInserter } from './lib/raw-insert'
import {
  docsSection,
  resultsTable,
  runsTable,
  series,
  writeDocsSection,
  type EngineResults,
  type Results,
} from './lib/report'
import { settingsFromEnv, type Engine, type Settings } from './lib/settings'
import { seededRandom } from './lib/stats'
import { runBench } from './lib/run'

/**
 * `npm run bench:provider`: the provider's speed on SQLite and PostgreSQL, each figure next to the
 * ceiling measured on the same machine in the same run (see docs/benchmarks.md for the method).
 *
 * Order: start every server; interleaved throughput repetitions (trivial POST, provider POST per
 * engine, raw inserts per engine); bulk-load the rows; interleaved latency repetitions (trivial GET,
 * provider GET per engine); report. Everything it creates (children, temporary directory, PostgreSQL
 * schemas) is removed at the end, on failure and on Ctrl-C too.
 */
const API = '/klantinteracties/api/v1/klantcontacten'
const DOCS = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url))
const started = performance.now()

const log = (message: string): void => {
  const at = ((performance.now() - started) / 1000).toFixed(0).padStart(4)
  process.stderr.write(`[${at}s] ${message}\n`)
}

interface EngineSetup {
  engine: Engine
  provider: ChildServer
  location: Location
  raw: RawInserter
}

const cleanups: (() => Promise<void> | void)[] = []
let cleaning: Promise<void> | undefined

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await stopAllChildren()
    // Last registered first: inserters close before their schemas and directory go.
    for (const step of cleanups.reverse()) {
      try {
        await step()
      } catch (error) {
        process.stderr.write(`cleanup: ${String(error)}\n`)
      }
    }
  })()
  return cleaning
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`)
    void cleanup().finally(() => process.exit(130))
  })
}

async function main(settings: Settings): Promise<void> {
  const watchdog = setTimeout(() => {
    log(`the run exceeded BENCH_MAX_MINUTES=${settings.maxMinutes}; aborting`)
    void cleanup().finally(() => process.exit(1))
  }, settings.maxMinutes * 60_000)
  watchdog.unref()

  const usePostgres = settings.engines.includes('postgres')
  const machine = await describeMachine(usePostgres ? settings.databaseUrl : undefined)
  log(
    `machine: ${machine.cpus} CPUs, ${machine.cpuModel}, Node ${machine.node}, SQLite ${machine.sqlite}, PostgreSQL ${machine.postgres}`,
  )

  const dir = mkdtempSync(join(tmpdir(), 'kcc-bench-provider-'))
  cleanups.push(() => removeDirectory(dir))
  const suffix = `${process.pid}_${Date.now().toString(36)}`
  const schemas = { provider: `bench_provider_${suffix}`, raw: `bench_raw_${suffix}` }
  if (usePostgres) {
    cleanups.push(() => dropSchemas(settings.databaseUrl, [schemas.provider, schemas.raw]))
  }

  const trivial = await startChild('trivial', benchScript('trivial-server.ts'), [])
  const setups: EngineSetup[] = []
  for (const engine of settings.engines) {
    setups.push(await setUpEngine(engine, settings, dir, schemas))
  }

  // `engine` undefined marks the trivial ceiling.
  const postTargets: (LoadTarget & { engine?: Engine })[] = [
    {
      name: 'trivial POST',
      url: `http://127.0.0.1:${trivial.port}/echo`,
      headers: { ...REQUEST_HEADERS },
      body: C0534_JSON,
    },
    ...setups.map((s) => ({
      engine: s.engine,
      name: `${s.engine} POST`,
      url: `http://127.0.0.1:${s.provider.port}${API}`,
      headers: { ...REQUEST_HEADERS },
      body: C0534_JSON,
    })),
  ]

  if (settings.warmupSeconds > 0) {
    for (const target of postTargets) {
      log(`warm-up ${target.name} (${settings.warmupSeconds} s)`)
      await postRate(target, settings.connections, settings.warmupSeconds)
    }
  }

  const trivialPost: number[] = []
  const post = new Map<Engine, number[]>(settings.engines.map((e) => [e, []]))
  const raw = new Map<Engine, number[]>(settings.engines.map((e) => [e, []]))
  for (let rep = 1; rep <= settings.repeats; rep++) {
    for (const target of postTargets) {
      const run = await postRate(target, settings.connections, settings.seconds)
      log(
        `rep ${rep}/${settings.repeats} ${target.name}: ${run.rate.toFixed(0)}/s (${run.completed} in ${run.seconds.toFixed(1)} s, p99 ${run.latencyP99} ms)`,
      )
      ;(target.engine ? post.get(target.engine)! : trivialPost).push(run.rate)
    }
    for (const setup of setups) {
      const run = await setup.raw.run(settings.seconds)
      log(
        `rep ${rep}/${settings.repeats} ${setup.engine} raw inserts: ${run.rate.toFixed(0)}/s (${run.rows} in ${run.seconds.toFixed(1)} s)`,
      )
      raw.get(setup.engine)!.push(run.rate)
    }
  }

  // Bulk load, then check that the numbers the latency client will ask for are there exactly once.
  const year2 = bulkYear()
  const random = seededRandom(20260534)
  const wanted = Array.from({ length: settings.getRequests }, () =>
    bulkNummer(year2, 1 + Math.floor(random() * settings.rows)),
  )
  const samples = [bulkNummer(year2, 1), bulkNummer(year2, settings.rows), ...wanted.slice(0, 20)]
  const loads = new Map<Engine, BulkLoadResult>()
  const rowCounts = new Map<Engine, number>()
  for (const setup of setups) {
    const progress = (done: number, total: number): void => {
      if (done === total || done % 200_000 === 0) {
        log(`${setup.engine} bulk load: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}`)
      }
    }
    const { location } = setup
    if (location.engine === 'sqlite') {
      loads.set('sqlite', loadSqlite(location.sqliteFile, settings.rows, year2, progress))
      checkSqliteLoad(location.sqliteFile, samples)
    } else {
      loads.set(
        'postgres',
        await loadPostgres(settings.databaseUrl, location.schema!, settings.rows, year2, progress),
      )
      await checkPostgresLoad(settings.databaseUrl, location.schema!, samples)
    }
    rowCounts.set(setup.engine, await countRows(location))
    log(
      `${setup.engine}: ${settings.rows} rows loaded in ${loads.get(setup.engine)!.seconds.toFixed(1)} s; table holds ${rowCounts.get(setup.engine)}`,
    )
  }

  const paths = wanted.map((nummer) => `?nummer=${nummer}`)
  const latencyTargets: LatencyTarget[] = [
    {
      name: 'trivial GET',
      port: trivial.port,
      headers: { authorization: `Token ${BENCH_TOKEN}` },
      verify: verifyEcho,
    },
    ...setups.map((s) => ({
      name: `${s.engine} GET`,
      port: s.provider.port,
      headers: { authorization: `Token ${BENCH_TOKEN}` },
      verify: verifyKlantcontact,
    })),
  ]
  const prefixes = [`/echo`, ...setups.map(() => API)]
  const p50 = new Map<string, number[]>(latencyTargets.map((t) => [t.name, []]))
  const p99 = new Map<string, number[]>(latencyTargets.map((t) => [t.name, []]))
  for (let rep = 1; rep <= settings.repeats; rep++) {
    for (const [i, target] of latencyTargets.entries()) {
      const run = await sequentialLatency(
        target,
        paths.map((p) => `${prefixes[i]!}${p}`),
        settings.latencyWarmup,
      )
      log(
        `rep ${rep}/${settings.repeats} ${target.name}: p50 ${run.p50.toFixed(2)} ms, p99 ${run.p99.toFixed(2)} ms, max ${run.max.toFixed(2)} ms`,
      )
      p50.get(target.name)!.push(run.p50)
      p99.get(target.name)!.push(run.p99)
    }
  }

  const engines: EngineResults[] = setups.map((s) => ({
    engine: s.engine,
    post: series(post.get(s.engine)!),
    raw: series(raw.get(s.engine)!),
    getP50: series(p50.get(`${s.engine} GET`)!),
    getP99: series(p99.get(`${s.engine} GET`)!),
    load: loads.get(s.engine)!,
    rowsAtGet: rowCounts.get(s.engine)!,
  }))
  const results: Results = {
    settings,
    machine,
    loadAfter: loadAverage(),
    startedAt: new Date(Date.now() - (performance.now() - started)),
    durationSeconds: (performance.now() - started) / 1000,
    trivialPost: series(trivialPost),
    trivialGetP50: series(p50.get('trivial GET')!),
    trivialGetP99: series(p99.get('trivial GET')!),
    engines,
  }

  process.stdout.write(`\n${resultsTable(results)}\n\n${runsTable(results)}\n\n`)
  if (settings.writeDocs) {
    await writeDocsSection(DOCS, 'provider', docsSection(results))
    log(`wrote the provider section of ${DOCS}`)
  } else {
    log(
      'not writing docs/benchmarks.md: parameters differ from the specification (set BENCH_WRITE_DOCS=1 to force)',
    )
  }
  clearTimeout(watchdog)
}

async function setUpEngine(
  engine: Engine,
  settings: Settings,
  dir: string,
  schemas: { provider: string; raw: string },
): Promise<EngineSetup> {
  const pgUrl = engine === 'postgres' ? settings.databaseUrl : undefined
  const location: Location = {
    engine,
    sqliteFile: join(dir, `${engine}-provider.sqlite`),
    databaseUrl: pgUrl,
    schema: engine === 'postgres' ? schemas.provider : undefined,
  }
  const config: ProviderConfig = {
    tokens: [BENCH_TOKEN],
    databaseUrl: location.databaseUrl,
    databaseSchema: location.schema,
    sqliteFile: location.sqliteFile,
    generateNummer: true,
    host: '127.0.0.1',
    port: 0,
  }
  const provider = await startChild(`provider-${engine}`, benchScript('provider-server.ts'), [
    JSON.stringify(config),
  ])
  log(`provider on ${engine} listening on 127.0.0.1:${provider.port} (pid ${provider.pid})`)

  const rawLocation: Location = {
    engine,
    sqliteFile: join(dir, `${engine}-raw.sqlite`),
    databaseUrl: pgUrl,
    schema: engine === 'postgres' ? schemas.raw : undefined,
  }
  await migrate(rawLocation)
  const raw =
    engine === 'sqlite'
      ? sqliteRawInserter(rawLocation.sqliteFile)
      : await postgresRawInserter(settings.databaseUrl, schemas.raw, settings.connections)
  cleanups.push(() => raw.close())
  return { engine, provider, location, raw }
}

function verifyEcho(status: number, body: string, path: string): void {
  const nummer = new URLSearchParams(path.slice(path.indexOf('?'))).get('nummer')
  const parsed = JSON.parse(body) as { nummer?: unknown }
  if (status !== 200 || parsed.nummer !== nummer) {
    throw new Error(`trivial GET ${path}: HTTP ${status}, ${body.slice(0, 200)}`)
  }
}

function verifyKlantcontact(status: number, body: string, path: string): void {
  const nummer = new URLSearchParams(path.slice(path.indexOf('?'))).get('nummer')
  const parsed = JSON.parse(body) as { count?: unknown; results?: { nummer?: unknown }[] }
  if (status !== 200 || parsed.count !== 1 || parsed.results?.[0]?.nummer !== nummer) {
    throw new Error(`provider GET ${path}: HTTP ${status}, ${body.slice(0, 300)}`)
  }
}

await runBench({
  name: 'provider',
  main: () => main(settingsFromEnv()),
  cleanup: () => cleanup(),
  log,
  started,
})
