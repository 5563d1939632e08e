/**
 * The fuzz's seed and size. In `npm test` a fixed seed and a count that keeps each file under
 * about a minute on a 2-core machine; `npm run bench:fuzz` sets `FUZZ_SEED` (fresh, printed) and
 * `FUZZ_SCALE` (20: twenty times as many runs).
 */
export interface FuzzSettings {
  seed: number
  runs: number
  /** For the test's own timeout: generous per request, as shrinking replays requests. */
  timeoutMs: number
}

export function fuzzSettings(defaultRuns: number): FuzzSettings {
  const seed = Number(process.env['FUZZ_SEED'] ?? 20_260_301)
  const runs = defaultRuns * Number(process.env['FUZZ_SCALE'] ?? 1)
  return { seed, runs, timeoutMs: 120_000 + runs * 200 }
}
