import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import * as prettier from 'prettier'
import type { BulkLoadResult } from './bulk-load'
import { C0534_JSON } from './klantcontact'
import type { Machine } from './machine'
import type { Engine, Settings } from './settings'
import { median } from './stats'

/** Every figure is kept with its repetitions, so the report can show the spread behind a median. */
export interface Series {
  runs: number[]
  median: number
}

export function series(runs: number[]): Series {
  return { runs, median: median(runs) }
}

export interface EngineResults {
  engine: Engine
  /** POST /klantcontacten, 2xx per second. */
  post: Series
  /** Raw single-row inserts through the driver, rows per second. */
  raw: Series
  getP50: Series
  getP99: Series
  load: BulkLoadResult
  /** klantcontact rows in the table during the GET measurement (bulk load plus the POSTed ones). */
  rowsAtGet: number
}

export interface Results {
  settings: Settings
  machine: Machine
  loadAfter: string
  startedAt: Date
  durationSeconds: number
  trivialPost: Series
  trivialGetP50: Series
  trivialGetP99: Series
  engines: EngineResults[]
}

/** The targets: POST on SQLite ≥ 40 % of the trivial route; GET ?nummer= p99 ≤ 5 ms at 1M rows. */
export const POST_TARGET_RATIO = 0.4
export const GET_P99_TARGET_MS = 5

const ENGINE_NAME: Record<Engine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' }

const int = (n: number): string => Math.round(n).toLocaleString('en-US')
const rate = (n: number): string => `${int(n)}/s`
const ms = (n: number): string => `${n.toFixed(2)} ms`
const percent = (n: number): string => `${(n * 100).toFixed(1)} %`
const times = (n: number): string => `${n.toFixed(1)}×`
const met = (ok: boolean): string => (ok ? 'yes' : '**no**')

/** A Markdown table (prettier aligns it when the section is written). */
export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

export function resultsTable(results: Results): string {
  const rows: string[][] = []
  for (const e of results.engines) {
    const name = ENGINE_NAME[e.engine]
    const postRatio = e.post.median / results.trivialPost.median
    rows.push([
      name,
      `POST /klantcontacten, ${results.settings.connections} clients`,
      rate(e.post.median),
      'trivial route POST /echo',
      rate(results.trivialPost.median),
      percent(postRatio),
      e.engine === 'sqlite' ? `≥ ${percent(POST_TARGET_RATIO)}` : '–',
      e.engine === 'sqlite' ? met(postRatio >= POST_TARGET_RATIO) : '–',
    ])
    rows.push([
      name,
      `POST /klantcontacten, ${results.settings.connections} clients`,
      rate(e.post.median),
      `raw single-row inserts (${e.engine === 'sqlite' ? 'better-sqlite3, 1 connection' : `pg, ${results.settings.connections} clients`})`,
      rate(e.raw.median),
      percent(e.post.median / e.raw.median),
      '–',
      '–',
    ])
    rows.push([
      name,
      `GET ?nummer= p50, ${int(e.rowsAtGet)} rows`,
      ms(e.getP50.median),
      'trivial route GET /echo p50',
      ms(results.trivialGetP50.median),
      times(e.getP50.median / results.trivialGetP50.median),
      '–',
      '–',
    ])
    rows.push([
      name,
      `GET ?nummer= p99, ${int(e.rowsAtGet)} rows`,
      ms(e.getP99.median),
      'trivial route GET /echo p99',
      ms(results.trivialGetP99.median),
      times(e.getP99.median / results.trivialGetP99.median),
      `≤ ${GET_P99_TARGET_MS} ms`,
      met(e.getP99.median <= GET_P99_TARGET_MS),
    ])
  }
  return table(['Engine', 'Figure', 'Median', 'Ceiling', 'Ceiling median', 'Ratio', 'Target', 'Met'], rows)
}

export function runsTable(results: Results): string {
  const n = results.settings.repeats
  const row = (label: string, s: Series, fmt: (v: number) => string): string[] => [
    label,
    ...s.runs.map(fmt),
    fmt(s.median),
  ]
  const rows: string[][] = [
    row('trivial route POST /echo', results.trivialPost, rate),
    row('trivial route GET /echo p50', results.trivialGetP50, ms),
    row('trivial route GET /echo p99', results.trivialGetP99, ms),
  ]
  for (const e of results.engines) {
    const name = ENGINE_NAME[e.engine]
    rows.push(row(`${name} POST /klantcontacten`, e.post, rate))
    rows.push(row(`${name} raw inserts`, e.raw, rate))
    rows.push(row(`${name} GET ?nummer= p50`, e.getP50, ms))
    rows.push(row(`${name} GET ?nummer= p99`, e.getP99, ms))
  }
  return table(['Measurement', ...Array.from({ length: n }, (_, i) => `run ${i + 1}`), 'median'], rows)
}

function machineTable(results: Results): string {
  const m = results.machine
  const p = m.packages
  return table(
    ['', ''],
    [
      ['Provider code (git)', m.revision],
      ['CPUs (`nproc`)', String(m.cpus)],
      ['CPU model (/proc/cpuinfo)', m.cpuModel],
      ['Memory', `${m.memoryGiB.toFixed(1)} GiB`],
      ['OS', m.os],
      ['Node.js', m.node],
      [
        'SQLite',
        `${m.sqlite} (better-sqlite3 ${p['better-sqlite3']}; WAL, synchronous=FULL as the provider sets)`,
      ],
      ['PostgreSQL', `${m.postgres} on 127.0.0.1 (pg ${p['pg']}; ${m.postgresSettings})`],
      ['Fastify / Kysely / autocannon', `${p['fastify']} / ${p['kysely']} / ${p['autocannon']}`],
      ['Load average (1/5/15 min) before / after', `${m.loadBefore} — ${results.loadAfter}`],
    ],
  )
}

function loadTable(results: Results): string {
  return table(
    ['Engine', 'Rows loaded', 'Load time', 'Rows/s'],
    results.engines.map((e) => [
      ENGINE_NAME[e.engine],
      int(e.load.rows),
      `${e.load.seconds.toFixed(1)} s`,
      int(e.load.rows / e.load.seconds),
    ]),
  )
}

export function docsSection(results: Results): string {
  const s = results.settings
  const date = results.startedAt.toISOString().replace('T', ' ').slice(0, 16)
  const minutes = (results.durationSeconds / 60).toFixed(1)
  return `## Provider: \`npm run bench:provider\`

Generated by \`bench/provider.ts\` on ${date} UTC; the whole run took ${minutes} min. Command:

\`\`\`sh
npm run bench:provider
\`\`\`

Parameters (the defaults; quick runs set \`BENCH_ROWS\`, \`BENCH_SECONDS\`, \`BENCH_REPEATS\`,
\`BENCH_ENGINES\` or \`BENCH_GET_REQUESTS\`, and do not rewrite this file unless \`BENCH_WRITE_DOCS=1\`):

- engines: ${s.engines.join(', ')}
- ${int(s.rows)} bulk-loaded klantcontacten for the GET measurement
- ${s.connections} concurrent clients; ${s.seconds} s per throughput run, after one ${s.warmupSeconds} s warm-up per target
- ${int(s.getRequests)} sequential GET requests per latency run, after ${s.latencyWarmup} warm-up requests
- ${s.repeats} repetitions of everything; the median is reported

### Machine

${machineTable(results)}

### Results (median of ${s.repeats})

Ratios: a rate as a percentage of its ceiling (higher is better); a latency as a multiple of the ceiling's
(lower is better).

${resultsTable(results)}

### Every repetition

${runsTable(results)}

Bulk load before the GET measurement (through the driver, indexes of the migration in place):

${loadTable(results)}

### What is measured

- **Process layout.** Each server under test runs in its own Node process (\`bench/provider-server.ts\`,
  \`bench/trivial-server.ts\`, both listening on 127.0.0.1, port 0, logger at \`warn\`); the load generator
  and the latency client run in the benchmark process. PostgreSQL runs on the same machine, so all of them
  share its ${results.machine.cpus} CPUs.
- **POST /klantcontacten.** autocannon, ${s.connections} keep-alive connections, ${s.seconds} s per repetition,
  \`Authorization: Token …\`, the C0534 body (the provider generates the nummer):
  \`${C0534_JSON}\`.
  The rate counts 2xx answers only; a single non-2xx answer, connection error or timeout aborts the
  benchmark. The table starts empty (the bulk load comes later).
- **Ceiling: trivial route.** A Fastify app of the same version, logger and body limit with
  \`POST /echo\`: the JSON body parser parses the same C0534 body and the route answers 201 with the parsed
  object; no authentication, validation or database. Measured with the same autocannon settings.
- **Ceiling: raw inserts.** The same klantcontact row (same columns and values the provider writes for that
  body, a fresh uuid and nummer each), one row per statement in autocommit, into a copy of the table made
  by the provider's migration. SQLite: one better-sqlite3 connection with the provider's pragmas and a
  prepared insert in a loop. PostgreSQL: ${s.connections} pg clients inserting concurrently. This ceiling
  pays one commit (one fsync) per row; a provider that commits several POSTs together can exceed it.
- **GET \`?nummer=\`.** After loading ${int(s.rows)} rows with distinct nummers in the provider's format
  (last year's prefix, so they cannot collide with the POSTed ones), ${int(s.getRequests)} sequential
  \`GET /klantinteracties/api/v1/klantcontacten?nummer=<random existing>\` requests over one keep-alive
  connection, each timed by the client from sending to the last byte of the answer; p50 and p99 are
  nearest-rank percentiles. Every answer is checked after timing (HTTP 200, \`count\` 1, the asked nummer).
  On PostgreSQL the load ends with \`vacuum (analyze) klantcontact\` (what autovacuum would do after such a
  load) and a \`checkpoint\`; on SQLite with a WAL checkpoint, and no \`ANALYZE\` (the provider never runs
  one). So the load's disk writes are finished before the latency runs start.
- **Ceiling: trivial GET.** \`GET /echo?nummer=<same nummers>\` on the trivial app, answering
  \`{"nummer":"…"}\`, timed the same way.
- **Noise.** Repetitions interleave the targets (trivial, then each engine) so drift in the shared
  machine's load affects all of them alike; the median of ${s.repeats} is reported and every repetition is
  listed above.`
}

const HEADER = `# Benchmarks

Speed targets are measured by the benchmark scripts, never by timed assertions in tests. Each
\`npm run bench:<name>\` script owns one section of this file, between \`<!-- bench:<name>:begin -->\` and
\`<!-- bench:<name>:end -->\`, and replaces only that section when it runs; text outside the markers is
written by hand.
`

/** Replaces (or appends) the script's own section and formats the file as \`npx prettier\` would. */
export async function writeDocsSection(file: string, name: string, section: string): Promise<void> {
  const begin = `<!-- bench:${name}:begin -->`
  const end = `<!-- bench:${name}:end -->`
  const block = `${begin}\n\n${section}\n\n${end}`
  const current = existsSync(file) ? readFileSync(file, 'utf8') : HEADER
  const from = current.indexOf(begin)
  const to = current.indexOf(end)
  const next =
    from >= 0 && to > from
      ? `${current.slice(0, from)}${block}${current.slice(to + end.length)}`
      : `${current.trimEnd()}\n\n${block}\n`
  const options = (await prettier.resolveConfig(file)) ?? {}
  writeFileSync(file, await prettier.format(next, { ...options, filepath: file }))
}
