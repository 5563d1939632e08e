import type { LiveRun } from './live-load'
import type { LiveLayout, LiveSettings } from './live-settings'
import type { Machine } from './machine'
import { table } from './report'
import { packageVersion } from './browser-rig'
import { CONNECT_BATCH } from './gateway-fanout'
import { percentile } from './stats'

/** The target: a supervisor sees an agent's state change within 200 ms (p95) with 500 agents. */
export const SUPERVISOR_P95_TARGET_MS = 200

export interface LayoutResult {
  layout: LiveLayout
  run: LiveRun
}

export interface LiveResults {
  settings: LiveSettings
  machine: Machine
  loadAfter: string
  startedAt: Date
  durationSeconds: number
  layouts: LayoutResult[]
}

export const LAYOUT_NAME: Record<LiveLayout, string> = {
  memory: 'one gateway, SQLite, memory hub',
  postgres: 'one gateway, PostgreSQL hub',
  'postgres-2': 'two gateways, PostgreSQL hub (agents on A, supervisor on B)',
}

export interface LatencySummary {
  p50: number
  p95: number
  p99: number
  max: number
}

export function latencySummary(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) {
    return { p50: Number.NaN, p95: Number.NaN, p99: Number.NaN, max: Number.NaN }
  }
  return {
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: samples.reduce((a, b) => Math.max(a, b), -Infinity),
  }
}

/** Lost, mismatched, error messages and closed sockets: each must be 0. */
export function problems(run: LiveRun): number {
  return run.lost + run.mismatched + run.errorCount + run.closedSockets
}

export function targetMet(run: LiveRun): boolean {
  const p95 = latencySummary(run.latencies).p95
  return p95 <= SUPERVISOR_P95_TARGET_MS && problems(run) === 0 && run.latencies.length === run.sent
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US')
const ms1 = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : '–')
const ms2 = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(2)} ms` : '–')
const pct = (n: number): string => `${n.toFixed(1)} %`
const perSecond = (count: number, ms: number): string => `${(count / (ms / 1000)).toFixed(1)}/s`
const met = (ok: boolean): string => (ok ? 'yes' : '**no**')

export function latencyTable(results: LiveResults): string {
  return table(
    ['Layout', 'Agents', 'Measured changes', 'p50', 'p95', 'p99', 'max', 'Target (p95)', 'Met'],
    results.layouts.map(({ layout, run }) => {
      const s = latencySummary(run.latencies)
      return [
        LAYOUT_NAME[layout],
        int(results.settings.agents),
        run.latencies.length === run.sent
          ? int(run.sent)
          : `${int(run.latencies.length)} of ${int(run.sent)} sent`,
        ms1(s.p50),
        ms1(s.p95),
        ms1(s.p99),
        ms1(s.max),
        `≤ ${SUPERVISOR_P95_TARGET_MS} ms`,
        met(targetMet(run)),
      ]
    }),
  )
}

export function cpuTable(results: LiveResults): string {
  const cores = results.machine.cpus
  const rows: string[][] = []
  for (const { layout, run } of results.layouts) {
    const name = LAYOUT_NAME[layout]
    const { cpu } = run
    const row = (what: string, cpuMs: number, ofCore: number): string[] => [
      name,
      what,
      `${(cpuMs / 1000).toFixed(2)} s`,
      pct(ofCore),
      pct(ofCore / cores),
    ]
    for (const g of cpu.gateways) {
      rows.push(row(`**${g.name}** (the gateway child)`, g.share.cpuMs, g.share.percentOfCore))
    }
    if (cpu.gateways.length > 1) {
      const sum = cpu.gateways.reduce((n, g) => n + g.share.cpuMs, 0)
      rows.push(row('both gateways together', sum, (100 * sum) / cpu.wallMs))
    }
    if (cpu.postgres) {
      rows.push(row('PostgreSQL (every `postgres` process)', cpu.postgres.cpuMs, cpu.postgres.percentOfCore))
    }
    rows.push(row('benchmark process (agents and supervisor)', cpu.load.cpuMs, cpu.load.percentOfCore))
    rows.push([
      name,
      'whole machine (/proc/stat, busy)',
      '–',
      pct(cpu.machineBusyPercent * cores),
      pct(cpu.machineBusyPercent),
    ])
  }
  return table(['Layout', 'Process', 'CPU time in the window', '% of one core', `% of ${cores} cores`], rows)
}

export function deliveryTable(results: LiveResults): string {
  return table(
    [
      'Layout',
      'Window',
      'Changes sent',
      'Events to the supervisor',
      'Lost',
      'Out of order',
      'Error messages',
      'Sockets closed',
      'Target',
      'Met',
    ],
    results.layouts.map(({ layout, run }) => [
      LAYOUT_NAME[layout],
      `${(run.windowMs / 1000).toFixed(2)} s`,
      perSecond(run.sent, run.windowMs),
      perSecond(run.supervisorEvents, run.windowMs),
      int(run.lost),
      int(run.mismatched),
      int(run.errorCount),
      int(run.closedSockets),
      'all 0',
      met(problems(run) === 0),
    ]),
  )
}

export function breakdownTable(results: LiveResults): string {
  const rows: string[][] = []
  for (const { layout, run } of results.layouts) {
    const name = LAYOUT_NAME[layout]
    const hub = latencySummary(run.toHub)
    const out = latencySummary(run.hubToSupervisor)
    const lag = latencySummary(run.sendLag)
    const where = layout === 'postgres-2' ? "instance B's hub" : "the gateway's hub"
    rows.push(
      [
        name,
        `sent → ${where} hands the event to its first subscriber`,
        ms2(hub.p50),
        ms2(hub.p95),
        ms2(hub.max),
      ],
      [name, `… → the supervisor's socket received it`, ms2(out.p50), ms2(out.p95), ms2(out.max)],
      [name, 'load generator: actual send − scheduled send', ms2(lag.p50), ms2(lag.p95), ms2(lag.max)],
    )
  }
  return table(['Layout', 'Per state change', 'p50', 'p95', 'max'], rows)
}

function machineTable(results: LiveResults): string {
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
  if (results.layouts.some((l) => l.layout !== 'memory')) {
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

export function docsSection(results: LiveResults): string {
  const s = results.settings
  const date = results.startedAt.toISOString().replace('T', ' ').slice(0, 16)
  const minutes = (results.durationSeconds / 60).toFixed(1)
  const cores = results.machine.cpus
  const layouts = results.layouts.map((l) => LAYOUT_NAME[l.layout]).join('; ')
  const perSecondTotal = Math.round((s.agents * 1000) / s.periodMs)
  return `## Live: \`npm run bench:live\`

Generated by \`bench/live.ts\` on ${date} UTC; the whole run took ${minutes} min. Command:

\`\`\`sh
npm run bench:live
\`\`\`

Parameters (the defaults; quick runs set \`BENCH_AGENTS\`, \`BENCH_SECONDS\`, \`BENCH_WARMUP_SECONDS\` or
\`BENCH_LAYOUTS\` and do not rewrite this file unless \`BENCH_WRITE_DOCS=1\`; PostgreSQL is
\`BENCH_DATABASE_URL\`, by default database \`test\` on 127.0.0.1:5432):

- ${int(s.agents)} simulated agents, each with its own session and live socket, and one supervisor
- every agent changes its state once every ${s.periodMs / 1000} s (first beschikbaar, then pauze and beschikbaar in turn), the ${int(s.agents)} agents' changes evenly spread over each second: ${int(perSecondTotal)} changes per second in all
- ${s.warmupSeconds} s of that load uncounted, then a measured window of ${s.seconds} s
- layouts, one after the other, each with fresh gateway processes: ${layouts}

### Machine

${machineTable(results)}

### Supervisor update latency

From an agent's socket sending \`{"type":"state"}\` to the supervisor's socket receiving the matching
\`agent.state\` event (that login, that state); nearest-rank percentiles over every change sent in
the window (each one is a real sample). Met: p95 within the target, and every change delivered,
without errors (next table).

${latencyTable(results)}

### Deliveries and errors

Rates over the measured window. Lost: a change whose event had not reached the supervisor 15 s after
the window (warm-up included). Out of order: a supervisor event that was not the next change of that
agent. Error messages: \`error\` messages the gateway sent to any of the sockets, and snapshots it sent
unasked (a hub that lost events). Sockets closed: by the gateway or the network before the benchmark
closed them.

${deliveryTable(results)}

### CPU

CPU time (user + system, every thread) of each process in the measured window, from
\`/proc/<pid>/stat\` at the window's start and end, divided by the window's wall time. 100 % of one core
is one core fully busy; the machine has ${cores}. No target is set for it. The gateway's figure
includes the benchmark's two hub subscribers in the child (a timestamp each per event, below).

${cpuTable(results)}

### Where a change's time goes

The gateway child stamps when its hub hands each event to its first subscriber (one the benchmark adds
before any socket's), on the same clock (CLOCK_MONOTONIC). The last row is the load generator's own
delay: how late each change left against its schedule. Percentiles of each row are taken separately, so
they do not add up.

${breakdownTable(results)}

### What is measured

- **Process layout.** Each gateway runs in its own Node process (\`bench/gateway-server.ts\`, as for
  \`bench:gateway\`'s fan-out: buildGatewayApp on \`config/kcc.demo.json\` plus the live socket
  \`/api/live\`, liveSocketRoutes, with the gateway's session check and presence tracker as
  \`npm run server\` wires them; 127.0.0.1, port 0, logger at \`error\`). The ${int(s.agents)} agents and the
  supervisor run in the benchmark process, so a change's send time and the supervisor's receive time
  come from one clock. Everything, PostgreSQL included, shares the machine's ${cores} CPUs, so the
  benchmark process and PostgreSQL compete with the gateway for them, as they would not in production.
- **Storage.** One gateway, SQLite: the gateway's \`gateway.sqlite\` in a temporary directory and the
  in-memory hub (the default). PostgreSQL hub: the gateway's database and the hub's tables in a fresh
  schema, dropped at the end; the hub's NOTIFY channel is the schema's name. Two gateways: both on one
  such schema, so they share sessions and the hub (\`live_meta\`, \`live_event\`, \`live_state\`, LISTEN/NOTIFY);
  instance B starts after A.
- **Accounts and sessions.** The gateway child adds ${int(s.agents)} agent accounts (copies of medewerker1,
  afdeling kcc) and one supervisor account to the demo configuration and makes a session for each with
  the gateway's session store, as a login would (without ${int(s.agents)} scrypt checks). Each socket sends
  \`auth\` with its token first, then \`snapshot\`, and waits for the snapshot, as the agent app does; the
  supervisor connects first, then the agents, ${CONNECT_BATCH} at a time.
- **The load.** Change _g_ belongs to agent _g_ mod ${int(s.agents)} and is due ${(s.periodMs / s.agents).toFixed(1)} ms × _g_ after the
  start; a timer sends every change that is due. The time of a change is taken just before its socket's
  \`send\`. Each agent's first change goes from offline to beschikbaar, every next one between
  beschikbaar and pauze, all transitions server/gateway/live/transitions.ts allows. An agent's own feed
  echoes its change back to it (counted only for errors); the supervisor's feed is every event.
- **Matching.** The gateway handles a socket's messages one after the other, so each agent's events
  reach the supervisor in the order of its changes: an event for login _x_ is matched to _x_'s oldest
  unmatched change, and must carry that change's state.
- **CPU.** The share of each gateway child is its CPU time in the window over the window's wall time;
  "PostgreSQL" sums every process named \`postgres\` on the machine (the server's backends for the hubs'
  pools and LISTEN connections, the WAL writer and the rest); "whole machine" is the busy share of all
  CPUs from \`/proc/stat\`.
- **Noise.** One window per layout on a shared machine, ${int((s.agents * (s.seconds * 1000)) / s.periodMs)} samples each; the load average
  before and after is in the machine table.`
}
