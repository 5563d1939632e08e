import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  countElectronTests,
  electronBinaryPresent,
  electronNotRun,
} from '../../../scripts/lib/electron-tests.mjs'
import { electronBinary } from '../../e2e/electronBinary'

// `npm test` reports the Electron tests as not run when the binary is absent; these check that its
// plain-JavaScript check agrees with the one playwright.config.ts uses to run them.
describe('Electron tests in npm test', () => {
  it('finds the binary exactly when Playwright’s electron project would run', () => {
    expect(electronBinaryPresent()).toBe(electronBinary() !== undefined)
  })

  it('counts each test of the Electron specs, and only those specs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kcc-electron-specs-'))
    writeFileSync(join(dir, 'a.electron.spec.ts'), "test('one', () => {})\n\ntest('two', () => {})\n")
    writeFileSync(join(dir, 'b.web.spec.ts'), "test('web', () => {})\n")
    expect(countElectronTests(dir)).toEqual({ files: [join(dir, 'a.electron.spec.ts')], tests: 2 })
  })

  it('reports them as not run, with the reason, only when the binary is absent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kcc-electron-specs-'))
    writeFileSync(join(dir, 'app.electron.spec.ts'), "test('starts', () => {})\n")
    expect(electronNotRun(true, dir)).toBeUndefined()
    expect(electronNotRun(false, dir)).toEqual({
      suite: 'electron',
      tests: 1,
      files: [join(dir, 'app.electron.spec.ts')],
      reason: 'Electron binary absent',
    })
  })

  it('counts the real Electron specs as more than none', () => {
    expect(countElectronTests('test/e2e').tests).toBeGreaterThan(0)
  })
})
