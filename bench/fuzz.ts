import { spawnSync } from 'node:child_process'
import { randomInt } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { int } from './lib/env'

/**
 * `npm run bench:fuzz`: the HTTP fuzz of `npm test` (test/integration/fuzz/) with about twenty
 * times its count and a fresh seed, on SQLite and on PostgreSQL.
 * It prints the seed first, so a failure can be replayed with `FUZZ_SEED=<seed>`; then per engine
 * and server the answers per status and any counterexample. The properties are the tests' own:
 * no 5xx, problem+json on every error, no error log line.
 *
 * Knobs: `FUZZ_SEED` (default: fresh), `FUZZ_SCALE` (default 20), `FUZZ_ENGINES`
 * (`sqlite,postgres`). PostgreSQL is the local test server (`KCC_TEST_DATABASE_URL`, loopback).
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const seed = int(process.env, 'FUZZ_SEED', randomInt(1, 2 ** 31 - 1), 1, 2 ** 31 - 1)
const scale = int(process.env, 'FUZZ_SCALE', 20, 1, 1000)
const engines = (process.env['FUZZ_ENGINES'] ?? 'sqlite,postgres').split(',').filter(Boolean)

interface Report {
  seed: number
  runs: number
  total: number
  byStatus: Record<string, number>
}

process.stdout.write(`bench:fuzz seed ${seed}, ${scale}× the count of npm test (replay: FUZZ_SEED=${seed})\n`)
let failed = false
for (const engine of engines) {
  const reports = mkdtempSync(join(tmpdir(), 'kcc-fuzz-report-'))
  const run = spawnSync('npx', ['vitest', 'run', '--project', 'integration', 'test/integration/fuzz/'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      KCC_DB_ENGINE: engine,
      FUZZ_SEED: String(seed),
      FUZZ_SCALE: String(scale),
      FUZZ_REPORT_DIR: reports,
    },
  })
  for (const server of ['provider', 'gateway']) {
    const file = join(reports, `${server}.json`)
    if (!existsSync(file)) {
      process.stdout.write(`${engine} ${server}: no report (did not run)\n`)
      continue
    }
    const report = JSON.parse(readFileSync(file, 'utf8')) as Report
    const statuses = Object.entries(report.byStatus)
      .map(([status, n]) => `${status}: ${n}`)
      .join(', ')
    process.stdout.write(
      `${engine} ${server}: ${report.total} requests of ${report.runs} runs; ${statuses}\n`,
    )
    const counterexample = join(reports, `${server}-counterexample.json`)
    if (existsSync(counterexample)) {
      process.stdout.write(`${engine} ${server} counterexample: ${readFileSync(counterexample, 'utf8')}\n`)
    }
  }
  rmSync(reports, { recursive: true, force: true })
  failed ||= run.status !== 0
}
process.stdout.write(`bench:fuzz seed ${seed}: ${failed ? 'FAILED' : 'no property violated'}\n`)
process.exitCode = failed ? 1 : 0
