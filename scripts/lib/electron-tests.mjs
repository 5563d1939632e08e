// The Playwright `_electron` tests (test/e2e/*.electron.spec.ts) need Electron's binary, which the
// npm package downloads from GitHub at install time; where that is not possible the tests cannot
// run. `npm test` then reports them as not run, with the reason, in one line and in the summary,
// rather than leaving them out silently (a skipped test would fail CI, and is not what happened).
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * Whether Electron's binary is installed: the same check as test/e2e/electronBinary.ts, which
 * playwright.config.ts uses to include the `electron` project (this file is plain JavaScript for
 * `node scripts/test.mjs`; test/unit/electron/electron-tests.test.ts holds the two together).
 */
export function electronBinaryPresent(env = process.env, from = import.meta.url) {
  let packageDir
  try {
    packageDir = dirname(createRequire(from).resolve('electron/package.json'))
  } catch {
    return false
  }
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) {
    return false
  }
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist')
  return existsSync(join(distDir, readFileSync(pathFile, 'utf8').trim()))
}

/** The tests declared in the Electron specs: each `test(` call at the start of a line. */
export function countElectronTests(dir = 'test/e2e') {
  let total = 0
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.electron.spec.ts'))
    .sort()
  for (const name of files) {
    total += readFileSync(join(dir, name), 'utf8').match(/^test\(/gm)?.length ?? 0
  }
  return { files: files.map((name) => join(dir, name)), tests: total }
}

/**
 * What `npm test` reports for the Electron tests: undefined when the binary is there (Playwright
 * then runs them in its `electron` project and they count as passed or failed like any other).
 */
export function electronNotRun(present = electronBinaryPresent(), dir = 'test/e2e') {
  if (present) {
    return undefined
  }
  const { files, tests } = countElectronTests(dir)
  return { suite: 'electron', tests, files, reason: 'Electron binary absent' }
}
