import { assertLoopback, int, writeDocs } from './env'

/**
 * Parameters of `npm run bench:live`. The defaults are what docs/benchmarks.md reports: 500 agents,
 * 30 measured seconds, all three layouts. The knobs exist for a quick local try (`BENCH_AGENTS=20
 * BENCH_SECONDS=5 BENCH_LAYOUTS=memory`); a run short of the defaults does not overwrite
 * docs/benchmarks.md unless `BENCH_WRITE_DOCS=1`, so a quick try never replaces the published
 * figures.
 */
export type LiveLayout = 'memory' | 'postgres' | 'postgres-2'

export const LIVE_LAYOUTS: readonly LiveLayout[] = ['memory', 'postgres', 'postgres-2']

export interface LiveSettings {
  /**
   * `memory`: one gateway, SQLite and the in-memory hub (the default deployment); `postgres`: one
   * gateway on the PostgreSQL hub; `postgres-2`: two gateways sharing the PostgreSQL hub, the
   * agents on instance A and the supervisor on instance B (so the hub's cross-instance path is
   * measured).
   */
  layouts: LiveLayout[]
  /** Simulated agents, each with its own session and live socket. */
  agents: number
  /** Each agent changes its state once per period; the agents' changes are spread evenly over it. */
  periodMs: number
  /** Uncounted seconds of the same load before the measured window. */
  warmupSeconds: number
  /** The measured window. */
  seconds: number
  databaseUrl: string
  writeDocs: boolean
  /** Hard stop for the whole run: a hung child or database must not keep the machine busy. */
  maxMinutes: number
}

export const LIVE_DEFAULTS: LiveSettings = {
  layouts: [...LIVE_LAYOUTS],
  agents: 500,
  periodMs: 1_000,
  warmupSeconds: 5,
  seconds: 30,
  databaseUrl: 'postgres://postgres@127.0.0.1:5432/test',
  writeDocs: true,
  maxMinutes: 10,
}

function layouts(env: NodeJS.ProcessEnv, fallback: readonly LiveLayout[]): LiveLayout[] {
  const values = (env['BENCH_LAYOUTS'] ?? fallback.join(','))
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
  for (const value of values) {
    if (!(LIVE_LAYOUTS as readonly string[]).includes(value)) {
      throw new Error(`BENCH_LAYOUTS: unknown layout ${value} (${LIVE_LAYOUTS.join(', ')})`)
    }
  }
  if (values.length === 0) {
    throw new Error('BENCH_LAYOUTS names nothing to measure')
  }
  // In the order of LIVE_LAYOUTS, whatever order the variable names them in.
  return LIVE_LAYOUTS.filter((layout) => values.includes(layout))
}

export function liveSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): LiveSettings {
  const d = LIVE_DEFAULTS
  const databaseUrl = env['BENCH_DATABASE_URL'] ?? d.databaseUrl
  assertLoopback(databaseUrl)
  const settings: LiveSettings = {
    layouts: layouts(env, d.layouts),
    agents: int(env, 'BENCH_AGENTS', d.agents, 1, 2_000),
    periodMs: d.periodMs,
    warmupSeconds: int(env, 'BENCH_WARMUP_SECONDS', d.warmupSeconds, 0, 60),
    seconds: int(env, 'BENCH_SECONDS', d.seconds, 2, 300),
    databaseUrl,
    writeDocs: false,
    maxMinutes: int(env, 'BENCH_MAX_MINUTES', d.maxMinutes, 1, 120),
  }
  const isFullSpec =
    settings.layouts.length === d.layouts.length &&
    settings.agents === d.agents &&
    settings.seconds >= d.seconds &&
    settings.warmupSeconds >= d.warmupSeconds
  settings.writeDocs = writeDocs(env, isFullSpec)
  return settings
}
