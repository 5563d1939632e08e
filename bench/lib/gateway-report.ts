import { readFileSync } from 'node:fs'
import type { FanoutRun } from './gateway-fanout'
import { REGISTRATION, type RegisterStats } from './gateway-register'
import type { GatewaySettings } from './gateway-settings'
import type { Machine } from './machine'
import { table } from './report'
import type { Engine } from './settings'
import { median, percentile } from './stats'

/**
 * The targets: a registration through the gateway takes at most 1.3× the provider calls it makes
 * (p50, SQLite; docs/benchmarks.md); a live event reaches 500 clients within 100 ms (p95).
 */
export const REGISTER_RATIO_TARGET = 1.3
export const FANOUT_P95_TARGET_MS = 100

export type HubKind = 'memory' | 'postgres'

export interface RegisterResult {
  engine: Engine
  /** One entry per repetition (see RegisterRun for the paths). */
  gateway: RegisterStats[]
  direct: RegisterStats[]
  directClient: RegisterStats[]
  echo: RegisterStats[]
}

export interface FanoutStats {
  p50: number
  p95: number
  p99: number
  max: number
  deliveries: number
  events: number
  allDeliveredP50: number
  allDeliveredP95: number
  ingestP50: number
  ingestP95: number
  loopP50: number
  loopP95: number
}

export interface FanoutResult {
  hub: HubKind
  clients: number
  runs: FanoutStats[]
}

export interface GatewayResults {
  settings: GatewaySettings
  machine: Machine
  loadAfter: string
  startedAt: Date
  durationSeconds: number
  register: RegisterResult[]
  fanout: FanoutResult[]
}

export function fanoutStats(run: FanoutRun): FanoutStats {
  return {
    p50: percentile(run.deliveries, 50),
    p95: percentile(run.deliveries, 95),
    p99: percentile(run.deliveries, 99),
    max: Math.max(...run.deliveries),
    deliveries: run.deliveries.length,
    events: run.events,
    allDeliveredP50: percentile(run.allDelivered, 50),
    allDeliveredP95: percentile(run.allDelivered, 95),
    ingestP50: percentile(run.ingest, 50),
    ingestP95: percentile(run.ingest, 95),
    loopP50: percentile(run.fanoutLoop, 50),
    loopP95: percentile(run.fanoutLoop, 95),
  }
}

const ENGINE_NAME: Record<Engine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' }
const HUB_NAME: Record<HubKind, string> = {
  memory: 'memory hub (one gateway instance)',
  postgres: 'PostgreSQL hub (LISTEN/NOTIFY)',
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US')
const ms = (n: number): string => `${n.toFixed(2)} ms`
const ms1 = (n: number): string => `${n.toFixed(1)} ms`
const times = (n: number): string => `${n.toFixed(2)}×`
const met = (ok: boolean): string => (ok ? 'yes' : '**no**')

/** The register figures reported, each with its gateway ÷ direct ratio. */
export const REGISTER_FIGURES = ['p50', 'p95', 'p99'] as const
export type RegisterFigure = (typeof REGISTER_FIGURES)[number]

/** Per repetition gateway ÷ direct: the two were measured interleaved, so each pair shares its load. */
function ratios(result: RegisterResult, figure: RegisterFigure): number[] {
  return result.gateway.map((g, i) => g[figure] / result.direct[i]![figure])
}

export function registerRatio(result: RegisterResult, figure: RegisterFigure): number {
  return median(ratios(result, figure))
}

const med = <T>(runs: readonly T[], pick: (run: T) => number): number => median(runs.map(pick))

export function registerTable(results: GatewayResults): string {
  const rows: string[][] = []
  for (const r of results.register) {
    for (const figure of REGISTER_FIGURES) {
      const ratio = registerRatio(r, figure)
      rows.push([
        ENGINE_NAME[r.engine],
        figure,
        ms(med(r.gateway, (s) => s[figure])),
        ms(med(r.direct, (s) => s[figure])),
        times(ratio),
        `≤ ${times(REGISTER_RATIO_TARGET)}`,
        met(ratio <= REGISTER_RATIO_TARGET),
      ])
    }
  }
  return table(
    [
      'Engine',
      'Figure',
      'Gateway',
      'Direct provider calls',
      'Ratio (median of per-run ratios)',
      'Target',
      'Met',
    ],
    rows,
  )
}

/**
 * One line per engine that says the result outright: gateway ÷ direct at p50 (the target's figure)
 * and p95, each the median of the per-run ratios, with the medians they compare.
 */
export function ratioLines(results: GatewayResults): string[] {
  return results.register.map((r) => {
    const part = (figure: RegisterFigure): string =>
      `${figure} ${times(registerRatio(r, figure))} (${ms(med(r.gateway, (s) => s[figure]))} / ${ms(med(r.direct, (s) => s[figure]))})`
    const p50 = registerRatio(r, 'p50')
    return `${ENGINE_NAME[r.engine]}: gateway ÷ direct ${part('p50')}, ${part('p95')}; target p50 ≤ ${times(REGISTER_RATIO_TARGET)}: ${p50 <= REGISTER_RATIO_TARGET ? 'met' : 'not met'}`
  })
}

/** Every path's median p50 and p99, and the gateway's p50 split into what each path explains. */
export function registerBreakdown(results: GatewayResults): string {
  const rows: string[][] = []
  for (const r of results.register) {
    const name = ENGINE_NAME[r.engine]
    const p50 = (runs: RegisterStats[]): number => med(runs, (s) => s.p50)
    const p99 = (runs: RegisterStats[]): number => med(runs, (s) => s.p99)
    const [g, d, k, e] = [p50(r.gateway), p50(r.direct), p50(r.directClient), p50(r.echo)]
    rows.push(
      [name, 'gateway: `POST /api/klantcontacten`', ms(g), ms(p99(r.gateway)), '–'],
      [name, 'direct: the two provider calls, plain client (node:http)', ms(d), ms(p99(r.direct)), '–'],
      [
        name,
        "direct: the same two calls through the gateway's register client (keep-alive node:http)",
        ms(k),
        ms(p99(r.directClient)),
        `${k >= d ? '+' : '−'}${ms(Math.abs(k - d))} against the plain client`,
      ],
      [name, 'one HTTP hop: trivial Fastify route `POST /echo`, same body', ms(e), ms(p99(r.echo)), '–'],
      [
        name,
        "the gateway's own work: gateway − register-client pair − one hop",
        ms(g - k - e),
        '–',
        `${((100 * (g - k - e)) / g).toFixed(0)} % of the gateway's p50`,
      ],
    )
  }
  return table(['Engine', 'Path', 'p50', 'p99', 'Note'], rows)
}

export function fanoutTable(results: GatewayResults): string {
  return table(
    ['Hub', 'Clients', 'Deliveries per run', 'p50', 'p95', 'p99', 'max', 'Target (p95)', 'Met'],
    results.fanout.map((f) => {
      const p95 = med(f.runs, (s) => s.p95)
      return [
        HUB_NAME[f.hub],
        int(f.clients),
        `${int(med(f.runs, (s) => s.deliveries))} (${int(med(f.runs, (s) => s.events))} events)`,
        ms1(med(f.runs, (s) => s.p50)),
        ms1(p95),
        ms1(med(f.runs, (s) => s.p99)),
        ms1(med(f.runs, (s) => s.max)),
        `≤ ${FANOUT_P95_TARGET_MS} ms`,
        met(p95 <= FANOUT_P95_TARGET_MS),
      ]
    }),
  )
}

function fanoutBreakdown(results: GatewayResults): string {
  const rows: string[][] = []
  for (const f of results.fanout) {
    const name = HUB_NAME[f.hub]
    rows.push([
      name,
      'sent → hub hands the event to its first subscriber (socket, session, publish)',
      ms(med(f.runs, (s) => s.ingestP50)),
      ms(med(f.runs, (s) => s.ingestP95)),
    ])
    rows.push([
      name,
      `first → last subscriber (the gateway writing the event to ${int(f.clients)} sockets)`,
      ms(med(f.runs, (s) => s.loopP50)),
      ms(med(f.runs, (s) => s.loopP95)),
    ])
    rows.push([
      name,
      `sent → received by the last of the ${int(f.clients)} clients`,
      ms(med(f.runs, (s) => s.allDeliveredP50)),
      ms(med(f.runs, (s) => s.allDeliveredP95)),
    ])
  }
  return table(['Hub', 'Per event', 'p50', 'p95'], rows)
}

export function runsTable(results: GatewayResults): string {
  const n = results.settings.repeats
  const row = (label: string, runs: number[], fmt: (v: number) => string): string[] => [
    label,
    ...runs.map(fmt),
    fmt(median(runs)),
  ]
  const rows: string[][] = []
  for (const r of results.register) {
    const name = ENGINE_NAME[r.engine]
    for (const figure of REGISTER_FIGURES) {
      rows.push(
        row(
          `${name} gateway ${figure}`,
          r.gateway.map((s) => s[figure]),
          ms,
        ),
      )
      rows.push(
        row(
          `${name} direct ${figure}`,
          r.direct.map((s) => s[figure]),
          ms,
        ),
      )
      rows.push(row(`${name} ratio ${figure}`, ratios(r, figure), times))
    }
    rows.push(
      row(
        `${name} direct via register client p50`,
        r.directClient.map((s) => s.p50),
        ms,
      ),
    )
    rows.push(
      row(
        `${name} trivial POST /echo p50`,
        r.echo.map((s) => s.p50),
        ms,
      ),
    )
  }
  for (const f of results.fanout) {
    const name = f.hub === 'memory' ? 'Fan-out, memory hub' : 'Fan-out, PostgreSQL hub'
    rows.push(
      row(
        `${name} p50`,
        f.runs.map((s) => s.p50),
        ms1,
      ),
    )
    rows.push(
      row(
        `${name} p95`,
        f.runs.map((s) => s.p95),
        ms1,
      ),
    )
    rows.push(
      row(
        `${name} p99`,
        f.runs.map((s) => s.p99),
        ms1,
      ),
    )
  }
  return table(['Measurement', ...Array.from({ length: n }, (_, i) => `run ${i + 1}`), 'median'], rows)
}

/** Read from node_modules directly: not every package exports its package.json. */
function packageVersion(name: string): string {
  try {
    const file = new URL(`../../node_modules/${name}/package.json`, import.meta.url)
    return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

function machineTable(results: GatewayResults): string {
  const m = results.machine
  const p = m.packages
  const rows: string[][] = [
    ['Code (git)', m.revision],
    ['CPUs (`nproc`)', String(m.cpus)],
    ['CPU model (/proc/cpuinfo)', m.cpuModel],
    ['Memory', `${m.memoryGiB.toFixed(1)} GiB`],
    ['OS', m.os],
    ['Node.js', m.node],
    ['SQLite', `${m.sqlite} (better-sqlite3 ${p['better-sqlite3']}; WAL, synchronous=FULL)`],
  ]
  if (results.settings.engines.includes('postgres')) {
    rows.push(['PostgreSQL', `${m.postgres} on 127.0.0.1 (pg ${p['pg']}; ${m.postgresSettings})`])
  }
  rows.push(
    [
      'Fastify / @fastify/websocket / ws',
      `${p['fastify']} / ${packageVersion('@fastify/websocket')} / ${packageVersion('ws')}`,
    ],
    ['Load average (1/5/15 min) before / after', `${m.loadBefore} — ${results.loadAfter}`],
  )
  return table(['', ''], rows)
}

export function docsSection(results: GatewayResults): string {
  const s = results.settings
  const date = results.startedAt.toISOString().replace('T', ' ').slice(0, 16)
  const minutes = (results.durationSeconds / 60).toFixed(1)
  const engines = s.engines.map((e) => ENGINE_NAME[e]).join(', ')
  const hubs = results.fanout.map((f) => HUB_NAME[f.hub]).join(', ')
  const parts: string[] = [
    `## Gateway: \`npm run bench:gateway\`

Generated by \`bench/gateway.ts\` on ${date} UTC; the whole run took ${minutes} min. Command:

\`\`\`sh
${s.engines.includes('postgres') ? `BENCH_ENGINES=${s.engines.join(',')} ` : ''}npm run bench:gateway
\`\`\`

Parameters (the defaults; quick runs set \`BENCH_REGISTRATIONS\`, \`BENCH_EVENTS\`, \`BENCH_CLIENTS\`,
\`BENCH_REPEATS\` or \`BENCH_PARTS\` and do not rewrite this file unless \`BENCH_WRITE_DOCS=1\`;
\`BENCH_ENGINES=sqlite,postgres\` adds PostgreSQL):

- engines: ${engines}
- register a contact: ${int(s.registrations)} iterations per run, each one registration through the gateway, one direct call pair, one pair through the gateway's register client and one \`POST /echo\`, in rotating order; ${int(s.registrationWarmup)} uncounted iterations first
- fan-out: ${int(s.clients)} live sockets, ${int(s.events)} published state changes per run, ${s.gapMinMs}–${s.gapMaxMs} ms apart (uniformly random, seeded), after 20 uncounted ones; ${hubs}
- ${s.repeats} ${s.repeats === 1 ? 'run' : 'runs'} of everything; the median is reported

### Machine

${machineTable(results)}`,
  ]
  if (results.register.length > 0) {
    parts.push(`### Register a contact: gateway against the provider calls it makes (median of ${s.repeats})

Client-side latency of one registration, sequential, one keep-alive connection each. Ratio: gateway ÷ direct,
per run (the two are measured interleaved), then the median of the runs.

${ratioLines(results)
  .map((line) => `- ${line}`)
  .join('\n')}

${registerTable(results)}

Where the gateway's time goes (medians of the runs; the last row is a difference of medians, so only
approximately additive):

${registerBreakdown(results)}`)
  }
  if (results.fanout.length > 0) {
    parts.push(`### Live-event fan-out to ${int(s.clients)} clients (median of ${s.repeats})

Latency of each delivery, from the agent's socket sending the state change to a supervisor's socket
receiving the event; percentiles over every delivery of a run.

${fanoutTable(results)}

Where an event's time goes (stamps of the gateway's hub, same clock):

${fanoutBreakdown(results)}`)
  }
  parts.push(`### Every run

${runsTable(results)}

### What is measured

- **Process layout.** The provider (\`bench/provider-server.ts\`, buildProviderApp) and the gateway
  (\`bench/gateway-server.ts\`, buildGatewayApp on \`config/kcc.demo.json\`) each run in their own Node
  process on 127.0.0.1, port 0, logger at \`warn\`; the clients run in the benchmark process. Everything
  shares the machine's ${results.machine.cpus} CPUs${s.engines.includes('postgres') ? ' (PostgreSQL included)' : ''}. SQLite: the provider's
  \`klantinteracties.sqlite\` and the gateway's \`gateway.sqlite\` in a temporary directory; PostgreSQL: a
  fresh schema each for provider and gateway, dropped at the end. (\`npm run server\` runs gateway and
  provider in one process on one port, server/compose; separate processes keep the direct calls from
  sharing the gateway's event loop, so the baseline is the provider alone.)
- **Register a contact, gateway.** Logged in once as \`medewerker1\` (demo password), then
  \`POST /api/klantcontacten\` with \`Authorization: Bearer …\`, a fresh \`Idempotency-Key\` each and the
  body \`${JSON.stringify(REGISTRATION)}\`. Each answer is checked after timing: 201, a nummer, the
  betrokkene, and medewerker1 among the actoren. On this path the gateway checks the session (a
  SELECT), claims an idempotency record (a SELECT, then a transaction: counter upsert for the
  referentienummer and the record's INSERT, then a SELECT), makes the two calls below through its
  register client (keep-alive node:http, \`Authorization: Token …\`), marks the record complete (an UPDATE) and
  stores the audit row (an INSERT) before answering (docs/gateway.md): three commits to its own database
  on the request's path, each an fsync on SQLite (synchronous=FULL; better-sqlite3 runs them on the event
  loop).
- **Register a contact, direct.** The same two provider calls the gateway makes on this path, straight
  from the benchmark with the provider's token, one after the other, timed together: (1)
  \`POST /klantinteracties/api/v1/maak-klantcontact\` with the body the gateway builds for that input
  (server/gateway/register-client/maak-klantcontact.ts: klantcontact with referentienummer and
  \`metadata.kccIdempotencyKey\`, plaatsgevondenOp now, betrokkene with the contactnaam); (2)
  \`POST /klantinteracties/api/v1/actorklantcontacten\` linking medewerker1's actor to the klantcontact
  from (1)'s answer. The actor lookup (\`GET /actoren?…\`) is in neither path: the gateway caches the
  actor after its first registration (its login already looks it up), and the direct path looks it up
  once before timing.
- **Explaining the difference.** Two more paths, measured in the same iterations and not part of the
  target: the same two provider calls made by the gateway's own register client
  (\`KlantinteractiesClient\` over its keep-alive node:http transport, as register.ts and actor-link.ts
  call it) from the
  benchmark process, and \`POST /echo\` on a trivial Fastify app (\`bench/trivial-server.ts\`, the same
  body), the floor of the one HTTP hop the gateway adds. What remains of the gateway's p50 after both is
  the gateway's own work: session check, validation, the idempotency record, the audit row, the view.
- **Fan-out.** The gateway child adds the live socket (\`/api/live\`, liveSocketRoutes) to the same app,
  with the gateway's own session check and presence tracker, as \`npm run server\` composes them.
  The ${int(s.clients)} receiving clients are supervisor sessions (${int(s.clients)} supervisor accounts added to the demo
  configuration, sessions made by the gateway's session store, since a supervisor's feed is every event
  while an agent's feed is only its own state and calls); each authenticates with its token in the first
  message and asks for a snapshot, as the agent app does. The publisher is medewerker1, logged in with
  its password, sending \`{"type":"state"}\` messages that alternate beschikbaar and pauze. Every
  client's copy of every event is counted and checked (each event reaches each client exactly once);
  a missing delivery after 15 s aborts the run.
- **Clock.** Send and receive times are taken in the benchmark process, which holds every socket;
  the hub stamps come from the gateway child; all of them read CLOCK_MONOTONIC. The receiving side is
  one event loop for ${int(s.clients)} sockets, so the later clients of an event also wait for the benchmark to
  read the earlier ones: on a real floor every client has its own machine, so these figures bound the
  latency from above.
- **Noise.** The machine is shared; every figure is the median of ${s.repeats} ${s.repeats === 1 ? 'run' : 'runs'}, and every run is
  listed above. Ratios compare paths measured in the same iterations of the same run.`)
  return parts.join('\n\n')
}
