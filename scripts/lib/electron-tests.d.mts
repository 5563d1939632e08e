// Types for electron-tests.mjs, which `node scripts/test.mjs` runs as plain JavaScript.
export interface ElectronNotRun {
  readonly suite: 'electron'
  readonly tests: number
  readonly files: readonly string[]
  readonly reason: string
}
export function electronBinaryPresent(
  env?: Readonly<Record<string, string | undefined>>,
  from?: string,
): boolean
export function countElectronTests(dir?: string): { files: string[]; tests: number }
export function electronNotRun(present?: boolean, dir?: string): ElectronNotRun | undefined
