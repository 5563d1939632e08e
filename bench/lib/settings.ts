import { assertLoopback, int, writeDocs } from './env'

/**
 * Benchmark parameters. The defaults are the published run (docs/benchmarks.md); the environment
 * knobs exist for a quick local run (e.g. `BENCH_ROWS=100000 BENCH_SECONDS=3`). A run that deviates
 * from the defaults does not overwrite docs/benchmarks.md unless `BENCH_WRITE_DOCS=1`, so a quick
 * try never replaces the published figures.
 */
export type Engine = 'sqlite' | 'postgres'

export interface Settings {
  engines: Engine[]
  /** klantcontact rows present for the GET ?nummer= measurement. */
  rows: number
  /** Measured seconds per throughput run (POST via HTTP and raw inserts). */
  seconds: number
  warmupSeconds: number
  repeats: number
  connections: number
  /** Sequential GET requests per latency run, after `latencyWarmup` uncounted ones. */
  getRequests: number
  latencyWarmup: number
  databaseUrl: string
  writeDocs: boolean
  /** Hard stop for the whole run: a hung database or child must not keep the machine busy. */
  maxMinutes: number
}

export const DEFAULTS: Settings = {
  engines: ['sqlite', 'postgres'],
  rows: 1_000_000,
  seconds: 10,
  warmupSeconds: 2,
  repeats: 3,
  connections: 32,
  getRequests: 2_000,
  latencyWarmup: 200,
  databaseUrl: 'postgres://postgres@127.0.0.1:5432/test',
  writeDocs: true,
  maxMinutes: 20,
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): Settings {
  const engines = (env['BENCH_ENGINES'] ?? DEFAULTS.engines.join(','))
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
  for (const engine of engines) {
    if (engine !== 'sqlite' && engine !== 'postgres') {
      throw new Error(`BENCH_ENGINES: unknown engine ${engine} (sqlite, postgres)`)
    }
  }
  const databaseUrl = env['BENCH_DATABASE_URL'] ?? DEFAULTS.databaseUrl
  assertLoopback(databaseUrl)
  const settings: Settings = {
    engines: engines as Engine[],
    rows: int(env, 'BENCH_ROWS', DEFAULTS.rows, 1_000, 10_000_000),
    seconds: int(env, 'BENCH_SECONDS', DEFAULTS.seconds, 1, 120),
    warmupSeconds: int(env, 'BENCH_WARMUP_SECONDS', DEFAULTS.warmupSeconds, 0, 30),
    repeats: int(env, 'BENCH_REPEATS', DEFAULTS.repeats, 1, 9),
    connections: int(env, 'BENCH_CONNECTIONS', DEFAULTS.connections, 1, 64),
    getRequests: int(env, 'BENCH_GET_REQUESTS', DEFAULTS.getRequests, 100, 100_000),
    latencyWarmup: int(env, 'BENCH_LATENCY_WARMUP', DEFAULTS.latencyWarmup, 0, 10_000),
    databaseUrl,
    writeDocs: false,
    maxMinutes: int(env, 'BENCH_MAX_MINUTES', DEFAULTS.maxMinutes, 1, 120),
  }
  const isFullSpec =
    settings.engines.length === DEFAULTS.engines.length &&
    settings.rows === DEFAULTS.rows &&
    settings.seconds === DEFAULTS.seconds &&
    settings.repeats === DEFAULTS.repeats &&
    settings.connections === DEFAULTS.connections &&
    settings.getRequests === DEFAULTS.getRequests
  settings.writeDocs = writeDocs(env, isFullSpec)
  return settings
}
