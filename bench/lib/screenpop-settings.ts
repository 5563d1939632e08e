import { int, writeDocs } from './env'

/**
 * Parameters of `npm run bench:screenpop`. The defaults are the published run (50 calls,
 * docs/benchmarks.md); the knobs exist for a quick local try (`BENCH_CALLS=5 BENCH_LOADS=2`). A run
 * with fewer samples than the defaults does not overwrite docs/benchmarks.md unless
 * `BENCH_WRITE_DOCS=1`, so a quick try never replaces the published figures.
 */
export interface ScreenPopSettings {
  /** Measured calls, one after the other, each answered, registered and hung up. */
  calls: number
  /** Uncounted calls first: the first screen pop also pays for code paths run for the first time. */
  warmupCalls: number
  /** Fresh page loads (a new browser context each) for the time to interactive. */
  loads: number
  /** Uncounted loads first, so the server's first read of the files is not among the samples. */
  warmupLoads: number
  /** Debian's Chromium; Playwright's own browser downloads are not available here. */
  chromiumPath: string
  writeDocs: boolean
  /** Hard stop for the whole run: a hung browser or server must not keep the machine busy. */
  maxMinutes: number
}

export const SCREENPOP_DEFAULTS: ScreenPopSettings = {
  calls: 50,
  warmupCalls: 3,
  loads: 10,
  warmupLoads: 1,
  chromiumPath: '/usr/bin/chromium',
  writeDocs: true,
  maxMinutes: 20,
}

export function screenPopSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ScreenPopSettings {
  const d = SCREENPOP_DEFAULTS
  const settings: ScreenPopSettings = {
    calls: int(env, 'BENCH_CALLS', d.calls, 1, 1_000),
    warmupCalls: int(env, 'BENCH_WARMUP_CALLS', d.warmupCalls, 0, 50),
    loads: int(env, 'BENCH_LOADS', d.loads, 1, 200),
    warmupLoads: int(env, 'BENCH_WARMUP_LOADS', d.warmupLoads, 0, 20),
    chromiumPath: env['CHROMIUM_PATH'] || d.chromiumPath,
    writeDocs: false,
    maxMinutes: int(env, 'BENCH_MAX_MINUTES', d.maxMinutes, 1, 120),
  }
  const isFullSpec =
    settings.calls >= d.calls && settings.warmupCalls >= d.warmupCalls && settings.loads >= d.loads
  settings.writeDocs = writeDocs(env, isFullSpec)
  return settings
}
