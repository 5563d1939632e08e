import type { Machine } from './machine'
import { table } from './report'
import type { SoakSample } from './soak-child'
import type { ErrorTally } from './soak-http'
import type { TrafficCounts } from './soak-traffic'
import { median } from './stats'

/**
 * The soak's report: memory and event-loop delay over time, the leak figure, what was done and
 * what failed. Written to docs/benchmarks.md between the `bench:soak` markers.
 */
export interface SoakSettings {
  minutes: number
  warmupMs: number
  sampleMs: number
  rowMs: number
  /** Width of the windows whose median RSS the leak figure compares. */
  leakWindowMs: number
  cycleMs: number
  sipEveryMs: number
  sipReconnectEvery: number
  supervisorPollMs: number
  agents: number
  seed: number
  writeDocs: boolean
}

export interface SoakResults {
  settings: SoakSettings
  machine: Machine
  loadAfter: string
  startedAt: Date
  samples: SoakSample[]
  /** Samples that ended a row. */
  rows: SoakSample[]
  counts: TrafficCounts
  errors: ErrorTally
  serverErrorLines: number
}

/** RSS may grow at most this much from the end of the warm-up to the end. */
export const LEAK_TARGET = 0.1

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`
const ms = (n: number): string => `${n.toFixed(1)} ms`
const minutes = (atMs: number): string => `${(atMs / 60_000).toFixed(1)}`
const warmupOf = (atMs: number): string => {
  const n = Number((atMs / 60_000).toFixed(1))
  return n === 1 ? 'the first minute is the warm-up' : `the first ${n} minutes are the warm-up`
}
const int = (n: number): string => Math.round(n).toLocaleString('en-US')

export interface LeakFigure {
  baselineRss: number
  finalRss: number
  growth: number
}

export function leakFigure(results: Pick<SoakResults, 'settings' | 'samples'>): LeakFigure {
  const { warmupMs, leakWindowMs, minutes: runMinutes } = results.settings
  const end = runMinutes * 60_000
  const within = (from: number, to: number): number[] =>
    results.samples.filter((s) => s.atMs >= from && s.atMs <= to).map((s) => s.rssBytes)
  const baselineRss = median(within(warmupMs, warmupMs + leakWindowMs))
  const finalRss = median(within(end - leakWindowMs, end))
  return { baselineRss, finalRss, growth: finalRss / baselineRss - 1 }
}

export function overTimeTable(results: SoakResults): string {
  return table(
    ['Minute', 'RSS', 'JS heap used', 'Event-loop delay p50', 'p99', 'max', 'samples'],
    results.rows.map((row) => [
      minutes(row.atMs),
      mib(row.rssBytes),
      mib(row.heapUsed),
      ms(row.delay.row.p50),
      ms(row.delay.row.p99),
      ms(row.delay.row.max),
      int(row.delay.row.count),
    ]),
  )
}

export function leakTable(results: SoakResults): string {
  const leak = leakFigure(results)
  const { warmupMs, leakWindowMs } = results.settings
  const total = results.samples.at(-1)!.delay.total
  return table(
    ['Figure', 'Value', 'Target', 'Met'],
    [
      [
        `RSS at the end of the warm-up (median over minute ${minutes(warmupMs)}–${minutes(warmupMs + leakWindowMs)})`,
        mib(leak.baselineRss),
        '–',
        '–',
      ],
      [`RSS at the end (median over the last ${leakWindowMs / 1000} s)`, mib(leak.finalRss), '–', '–'],
      [
        '**RSS growth after the warm-up**',
        `**${(leak.growth * 100).toFixed(1)} %**`,
        `< ${(LEAK_TARGET * 100).toFixed(0)} %`,
        leak.growth < LEAK_TARGET ? 'yes' : '**no**',
      ],
      ['Event-loop delay after the warm-up, p50', ms(total.p50), '–', '–'],
      ['Event-loop delay after the warm-up, p99', ms(total.p99), '–', '–'],
      ['Event-loop delay after the warm-up, max', ms(total.max), '–', '–'],
    ],
  )
}

export function workTable(results: SoakResults): string {
  const c = results.counts
  const perMinute = (n: number): string => (n / results.settings.minutes).toFixed(1)
  const rows: Array<[string, number]> = [
    ['calls taken (cycles)', c.cycles],
    ['klantcontacten registered', c.registrations],
    ['warm transfers announced, opened and closed', c.transfers],
    ['answers written by the colleague', c.answers],
    ['agent state changes sent on the live socket', c.stateChanges],
    ['events received by the supervisor', c.supervisorEvents],
    ['SIP REGISTERs (each challenged, then authenticated)', c.sipRegisters],
    ['SIP reconnections', c.sipReconnects],
    ['task API requests', c.httpRequests],
  ]
  return table(
    ['Work', 'Count', 'Per minute'],
    rows.map(([what, n]) => [what, int(n), perMinute(n)]),
  )
}

export function errorTable(results: SoakResults): string {
  const rows = [...results.errors.counts].map(([kind, n]) => [
    kind,
    int(n),
    results.errors.examples.get(kind) ?? '',
  ])
  rows.push(['server log lines at error or fatal', int(results.serverErrorLines), ''])
  return table(['Error', 'Count', 'First example'], rows)
}

export function machineTable(results: SoakResults): string {
  const m = results.machine
  return table(
    ['', ''],
    [
      ['Code (git)', m.revision],
      ['CPUs (`nproc`)', String(m.cpus)],
      ['CPU model (/proc/cpuinfo)', m.cpuModel],
      ['Memory', `${m.memoryGiB.toFixed(1)} GiB`],
      ['Node.js', m.node],
      ['SQLite', m.sqlite],
      ['Load average (1/5/15 min) before / after', `${m.loadBefore} — ${results.loadAfter}`],
    ],
  )
}

export function docsSection(results: SoakResults): string {
  const s = results.settings
  const date = results.startedAt.toISOString().replace('T', ' ').slice(0, 16)
  const trial =
    s.minutes === 30
      ? ''
      : `\n**A trial of ${s.minutes} minutes, not the specified 30**: the warm-up is the first third and the
figures say little about a leak; \`npm run bench:soak\` without arguments replaces them.\n`
  return `## Soak: \`npm run bench:soak\`

Generated by \`bench/soak.ts\` on ${date} UTC. Command:

\`\`\`sh
npm run bench:soak${s.minutes === 30 ? '' : ` -- --minutes ${s.minutes}`}
\`\`\`
${trial}
${s.minutes} minutes of mixed agent traffic against one server (\`startKccServer\`, as
\`npm run server\` runs it, on SQLite), ${s.agents} agents and a supervisor;
${warmupOf(s.warmupMs)}.

### Machine

${machineTable(results)}

### Leak figure and event-loop delay

${leakTable(results)}

### Over time

RSS and heap at the end of each row; the event-loop delay over the row (the row at minute 0 is the
server's start and the clients' logins and connections, up to the moment the traffic starts).

${overTimeTable(results)}

### Work done

${workTable(results)}

### Errors

${errorTable(results)}

### What is measured

- **Process layout.** The server runs in its own Node process (\`bench/soak-server.ts\`, 127.0.0.1,
  port 0, logging at \`warn\`): the gateway with its live socket, the embedded provider (SQLite in a
  temporary directory) and the embedded SIP server on the gateway's port, on
  \`config/kcc.demo.json\` plus ${s.agents - 3} KCC agents. Every client runs in the benchmark process.
- **Traffic** (\`bench/lib/soak-traffic.ts\`, seed ${s.seed}). Each agent logs in, keeps its live
  socket and its softphone's SIP registration, and every ${s.cycleMs / 1000} s takes a call: states
  ringing → in_gesprek, \`POST /api/klantcontacten\` (a fresh Idempotency-Key), consulting,
  \`POST /api/transfers\` to the next agent, who \`GET /api/transfers/resolve/:nummer\` and
  \`POST /api/klantcontacten/:uuid/antwoord\`, then \`POST /api/transfers/:id/close\` (accepted),
  nawerk → beschikbaar, every fourth call a pauze as well. The calls start at seeded offsets and
  keep their schedule; a late call starts at once rather than in a burst. Each softphone
  re-REGISTERs (expires 120 s) every ${s.sipEveryMs / 1000} s, answering the digest challenge each
  time, and opens a new WebSocket every ${s.sipReconnectEvery}th time. The supervisor is subscribed to
  everything on its live socket and reads \`GET /api/directory\` every ${s.supervisorPollMs / 1000} s.
- **RSS** is \`VmRSS\` from \`/proc/<pid>/status\` of the server process, read every ${s.sampleMs / 1000} s;
  the JS heap is the child's \`process.memoryUsage().heapUsed\` at the same moment.
- **Leak figure.** The median RSS over the ${s.leakWindowMs / 1000} s after the warm-up against the
  median over the last ${s.leakWindowMs / 1000} s; medians, so one garbage collection's sawtooth does
  not decide it. The registers' data grow during the run (every call adds a klantcontact, a
  betrokkene, an actor link, an answer and audit rows), so some growth (SQLite's page cache) is
  expected and not a leak.
- **Event-loop delay** is measured inside the server (\`perf_hooks.monitorEventLoopDelay\`, 10 ms
  resolution): how late a timer fires, that is how long any request may wait behind other work. The
  monitor records the time between its timer's runs, so its 10 ms interval is subtracted.
  Percentiles over each row and over everything after the warm-up.
- **Errors** are counted by kind, never retried or hidden: a task API answer other than the expected
  status, no answer within 15 s, a live socket \`error\` message or unexpected close, a SIP REGISTER
  not answered 200, and every line the server logged at error or fatal.`
}
