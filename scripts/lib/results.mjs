// Reads the JSON reports of vitest and Playwright into one tally, so `npm test` and CI can print
// a plain "N passed, N failed" line and refuse skipped tests.
import { existsSync, readFileSync } from 'node:fs'

export function vitestTally(file) {
  if (!existsSync(file)) {
    return { passed: 0, failed: 1, skipped: 0, note: `no vitest report at ${file}` }
  }
  const report = JSON.parse(readFileSync(file, 'utf8'))
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0),
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  }
}

export function playwrightTally(file) {
  if (!existsSync(file)) {
    return { passed: 0, failed: 1, skipped: 0, note: `no Playwright report at ${file}` }
  }
  const { stats } = JSON.parse(readFileSync(file, 'utf8'))
  return {
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: stats.unexpected ?? 0,
    skipped: stats.skipped ?? 0,
  }
}

export function add(...tallies) {
  return tallies.reduce(
    (sum, t) => ({
      passed: sum.passed + t.passed,
      failed: sum.failed + t.failed,
      skipped: sum.skipped + t.skipped,
    }),
    { passed: 0, failed: 0, skipped: 0 },
  )
}
