import type { Engine } from './settings'
import { assertLoopback, int, writeDocs } from './env'

/**
 * Parameters of `npm run bench:gateway`. The defaults are the published measurement; the
 * environment knobs exist for a quick local run (e.g. `BENCH_REGISTRATIONS=100 BENCH_EVENTS=50`).
 * A run with fewer samples than the defaults does not overwrite docs/benchmarks.md unless
 * `BENCH_WRITE_DOCS=1`, so a quick try never replaces the published figures. Adding PostgreSQL
 * (`BENCH_ENGINES=sqlite,postgres`) is not a deviation: it measures more, not less.
 */
export type GatewayPart = 'register' | 'fanout'

export interface GatewaySettings {
  /** Where the provider and the gateway keep their data; `postgres` also adds the PostgreSQL live hub. */
  engines: Engine[]
  parts: GatewayPart[]
  repeats: number
  /** Measured registrations per repetition, through the gateway and directly (each). */
  registrations: number
  /** Uncounted registrations (each path) before the first repetition. */
  registrationWarmup: number
  /** Live-socket clients that receive every event (supervisor sessions). */
  clients: number
  /** Published state changes per repetition. */
  events: number
  /** Pause between two published events: uniformly random in [min, max] ms (seeded). */
  gapMinMs: number
  gapMaxMs: number
  databaseUrl: string
  writeDocs: boolean
  /** Hard stop for the whole run: a hung child or database must not keep the machine busy. */
  maxMinutes: number
}

export const GATEWAY_DEFAULTS: GatewaySettings = {
  engines: ['sqlite'],
  parts: ['register', 'fanout'],
  repeats: 3,
  registrations: 500,
  registrationWarmup: 100,
  clients: 500,
  events: 200,
  gapMinMs: 20,
  gapMaxMs: 50,
  databaseUrl: 'postgres://postgres@127.0.0.1:5432/test',
  writeDocs: true,
  maxMinutes: 15,
}

function list<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: readonly T[],
  allowed: readonly T[],
): T[] {
  const values = (env[name] ?? fallback.join(','))
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
  for (const value of values) {
    if (!(allowed as readonly string[]).includes(value)) {
      throw new Error(`${name}: unknown value ${value} (${allowed.join(', ')})`)
    }
  }
  if (values.length === 0) {
    throw new Error(`${name} names nothing to measure`)
  }
  return [...new Set(values)] as T[]
}

export function gatewaySettingsFromEnv(env: NodeJS.ProcessEnv = process.env): GatewaySettings {
  const d = GATEWAY_DEFAULTS
  const databaseUrl = env['BENCH_DATABASE_URL'] ?? d.databaseUrl
  assertLoopback(databaseUrl)
  const settings: GatewaySettings = {
    engines: list<Engine>(env, 'BENCH_ENGINES', d.engines, ['sqlite', 'postgres']),
    parts: list<GatewayPart>(env, 'BENCH_PARTS', d.parts, ['register', 'fanout']),
    repeats: int(env, 'BENCH_REPEATS', d.repeats, 1, 9),
    registrations: int(env, 'BENCH_REGISTRATIONS', d.registrations, 20, 20_000),
    registrationWarmup: int(env, 'BENCH_REGISTRATION_WARMUP', d.registrationWarmup, 0, 5_000),
    clients: int(env, 'BENCH_CLIENTS', d.clients, 1, 2_000),
    events: int(env, 'BENCH_EVENTS', d.events, 10, 5_000),
    gapMinMs: d.gapMinMs,
    gapMaxMs: d.gapMaxMs,
    databaseUrl,
    writeDocs: false,
    maxMinutes: int(env, 'BENCH_MAX_MINUTES', d.maxMinutes, 1, 120),
  }
  const isFullSpec =
    settings.engines.includes('sqlite') &&
    settings.parts.length === d.parts.length &&
    settings.repeats >= d.repeats &&
    settings.registrations >= d.registrations &&
    settings.clients === d.clients &&
    settings.events >= d.events
  settings.writeDocs = writeDocs(env, isFullSpec)
  return settings
}
