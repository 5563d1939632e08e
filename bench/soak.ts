import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { cleanupsOnExit, DOCS, progressLog } from './lib/browser-rig'
import { removeDirectory } from './lib/databases'
import { writeDocs } from './lib/env'
import { describeMachine, loadAverage } from './lib/machine'
import { writeDocsSection } from './lib/report'
import { runBench } from './lib/run'
import { startSoakChild, type SoakSample } from './lib/soak-child'
import {
  docsSection,
  errorTable,
  leakTable,
  overTimeTable,
  workTable,
  type SoakResults,
  type SoakSettings,
} from './lib/soak-report'
import { soakAgentLogins, startTraffic } from './lib/soak-traffic'

/**
 * `npm run bench:soak [-- --minutes N]`: 30 minutes (by default) of mixed agent traffic against one
 * server, watching its memory and event-loop delay for leaks and stalls. What it does and how it
 * measures: the section it writes to docs/benchmarks.md (bench/lib/soak-report.ts).
 *
 * Everything it makes (the server child, its temporary data directory, the sockets) is removed at
 * the end, on failure and on Ctrl-C too; a run that takes far longer than asked aborts itself.
 */
const SPEC_MINUTES = 30
const started = performance.now()
const log = progressLog(started)
const cleanups = cleanupsOnExit(log)

function settingsFrom(argv: string[]): SoakSettings {
  const { values } = parseArgs({ args: argv, options: { minutes: { type: 'string' } } })
  const runMinutes = values.minutes === undefined ? SPEC_MINUTES : Number(values.minutes)
  if (!Number.isInteger(runMinutes) || runMinutes < 1 || runMinutes > 600) {
    throw new Error('--minutes must be a whole number from 1 to 600')
  }
  const runMs = runMinutes * 60_000
  return {
    minutes: runMinutes,
    // Five minutes for the real run; short trial runs use their first third.
    warmupMs: runMinutes >= 15 ? 5 * 60_000 : Math.round(runMs / 3),
    sampleMs: 10_000,
    // A row per 5 minutes for the real run; about six rows for a shorter one.
    rowMs: Math.min(5, Math.max(1, Math.floor(runMinutes / 6))) * 60_000,
    leakWindowMs: Math.min(60_000, Math.round(runMs / 6 / 10_000) * 10_000),
    cycleMs: 10_000,
    sipEveryMs: 20_000,
    sipReconnectEvery: 5,
    supervisorPollMs: 30_000,
    agents: soakAgentLogins().length,
    seed: 0x50a4,
    writeDocs: writeDocs(process.env, runMinutes === SPEC_MINUTES),
  }
}

async function main(settings: SoakSettings): Promise<void> {
  const runMs = settings.minutes * 60_000
  const watchdog = setTimeout(
    () => {
      log('the run took far longer than asked; aborting')
      void cleanups.run().finally(() => process.exit(1))
    },
    runMs + 10 * 60_000,
  )
  watchdog.unref()
  const machine = await describeMachine(undefined)
  log(`machine: ${machine.cpus} CPUs, Node ${machine.node}, load ${machine.loadBefore}`)

  const dir = mkdtempSync(join(tmpdir(), 'kcc-bench-soak-'))
  cleanups.push(() => removeDirectory(dir))
  const child = await startSoakChild({ dataDir: dir, providerToken: randomBytes(20).toString('hex') })
  cleanups.push(() => child.stop())
  log(`server on 127.0.0.1:${child.port} (pid ${child.pid})`)

  const traffic = await startTraffic({
    port: child.port,
    seed: settings.seed,
    cycleMs: settings.cycleMs,
    sipEveryMs: settings.sipEveryMs,
    sipReconnectEvery: settings.sipReconnectEvery,
    supervisorPollMs: settings.supervisorPollMs,
  })
  cleanups.push(() => traffic.stop())
  const t0 = performance.now()
  const startedAt = new Date()
  log(`traffic running: ${settings.agents} agents and a supervisor, for ${settings.minutes} min`)

  const samples: SoakSample[] = []
  const rows: SoakSample[] = [await child.sample(0, { endRow: true, resetTotal: false })]
  let warm = false
  for (let n = 1; n * settings.sampleMs <= runMs; n++) {
    const at = n * settings.sampleMs
    await sleep(Math.max(0, t0 + at - performance.now()))
    const endRow = at % settings.rowMs === 0 || at === runMs
    const resetTotal: boolean = !warm && at >= settings.warmupMs
    warm ||= resetTotal
    const sample = await child.sample(at, { endRow, resetTotal })
    samples.push(sample)
    if (endRow) {
      rows.push(sample)
      log(
        `minute ${(at / 60_000).toFixed(1)}: RSS ${(sample.rssBytes / 2 ** 20).toFixed(1)} MiB, ` +
          `loop delay p99 ${sample.delay.row.p99.toFixed(1)} ms, ${traffic.counts.cycles} calls, ${traffic.errors.total} errors`,
      )
    }
  }
  await traffic.stop()

  const results: SoakResults = {
    settings,
    machine,
    loadAfter: loadAverage(),
    startedAt,
    samples,
    rows,
    counts: traffic.counts,
    errors: traffic.errors,
    serverErrorLines: child.errorLines(),
  }
  const tables = [leakTable(results), overTimeTable(results), workTable(results), errorTable(results)]
  process.stdout.write(`\n${tables.join('\n\n')}\n\n`)
  if (settings.writeDocs) {
    await writeDocsSection(DOCS, 'soak', docsSection(results))
    log(`wrote the soak section of ${DOCS}`)
  } else {
    log('not writing docs/benchmarks.md: a shorter run than specified (set BENCH_WRITE_DOCS=1 to force)')
  }
  clearTimeout(watchdog)
}

await runBench({
  name: 'soak',
  main: () => main(settingsFrom(process.argv.slice(2))),
  cleanup: () => cleanups.run(),
  log,
  started,
})
