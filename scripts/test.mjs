#!/usr/bin/env node
// `npm test`: everything `npm run check` does (typecheck, lint, format, unit tests), then the
// integration suites against the real provider and the browser tests in Debian's Chromium.
// The storage engine comes from KCC_DB_ENGINE (sqlite, the default, or postgres).
// Writes test-results/summary-<engine>.json and ends with a plain "N passed, N failed" line.
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { ensureSystemPackages } from './lib/system-packages.mjs'
import { electronNotRun } from './lib/electron-tests.mjs'
import { add, playwrightTally, vitestTally } from './lib/results.mjs'

const engine = process.env.KCC_DB_ENGINE ?? 'sqlite'
if (engine !== 'sqlite' && engine !== 'postgres') {
  process.stderr.write(`KCC_DB_ENGINE must be sqlite or postgres, not ${engine}\n`)
  process.exit(2)
}
const log = (line) => process.stdout.write(`[npm test] ${line}\n`)
const results = 'test-reports'
rmSync(`${results}/reports-${engine}`, { recursive: true, force: true })
mkdirSync(`${results}/reports-${engine}`, { recursive: true })

ensureSystemPackages(log)

function run(label, command, args, env = {}) {
  log(`${label}: ${command} ${args.join(' ')}`)
  const r = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, KCC_DB_ENGINE: engine, ...env },
  })
  return r.status === 0
}

const steps = []
const gate = (label, ok) => {
  steps.push({ label, ok })
  if (!ok) {
    log(`${label} failed`)
  }
}
gate('typecheck', run('typecheck', 'npx', ['tsc', '-b']))
gate('lint', run('lint', 'npx', ['eslint', '.', '--max-warnings', '0']))
gate('format', run('format', 'npx', ['prettier', '--check', '.']))

const vitestReport = `${results}/reports-${engine}/vitest.json`
run('unit and integration tests', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
])

const playwrightReport = `${results}/reports-${engine}/playwright.json`
const built =
  run('build', 'npx', ['electron-vite', 'build']) && run('build caller page', 'npm', ['run', 'build:caller'])
gate('build', built)
if (built) {
  run('browser tests', 'npx', ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
  })
}

const vitest = vitestTally(vitestReport)
const browser = built ? playwrightTally(playwrightReport) : { passed: 0, failed: 1, skipped: 0 }
const gates = steps.filter((s) => !s.ok).length
// Not run is neither passed nor skipped: counted on its own, beside the tally CI checks.
const notRun = electronNotRun()
const total = {
  ...add(vitest, browser, { passed: 0, failed: gates, skipped: 0 }),
  notRun: notRun?.tests ?? 0,
}
const summary = {
  engine,
  vitest,
  browser,
  notRun: notRun === undefined ? [] : [notRun],
  failedGates: steps.filter((s) => !s.ok).map((s) => s.label),
  total,
}
writeFileSync(`${results}/summary-${engine}.json`, JSON.stringify(summary, null, 2))

log(
  `engine ${engine}: vitest ${vitest.passed} passed, ${vitest.failed} failed, ${vitest.skipped} skipped; ` +
    `browser ${browser.passed} passed, ${browser.failed} failed, ${browser.skipped} skipped; failed gates: ${summary.failedGates.join(', ') || 'none'}`,
)
if (notRun !== undefined) {
  log(`not run: ${notRun.tests} ${notRun.suite} tests (${notRun.files.join(', ')}): ${notRun.reason}`)
}
process.stdout.write(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`)
process.exit(total.failed === 0 ? 0 : 1)
