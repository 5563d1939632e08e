import { int, writeDocs } from './env'

/**
 * Parameters of `npm run bench:transfer`. The defaults are what docs/benchmarks.md reports (30
 * transfers); the knobs exist for a quick local try (`BENCH_TRANSFERS=3`). A run with fewer samples
 * than the defaults does not overwrite docs/benchmarks.md unless `BENCH_WRITE_DOCS=1`, so a quick
 * try never replaces the published figures.
 */
export interface TransferSettings {
  /** Measured transfers, one after the other: a call, a warm transfer, hung up, both agents free again. */
  transfers: number
  /** Uncounted transfers first: the first one also pays for code paths run for the first time. */
  warmupTransfers: number
  /** Debian's Chromium; Playwright's own browser downloads are not available here. */
  chromiumPath: string
  writeDocs: boolean
  /** Hard stop for the whole run: a hung browser or server must not keep the machine busy. */
  maxMinutes: number
}

export const TRANSFER_DEFAULTS: TransferSettings = {
  transfers: 30,
  warmupTransfers: 2,
  chromiumPath: '/usr/bin/chromium',
  writeDocs: true,
  maxMinutes: 10,
}

export function transferSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): TransferSettings {
  const d = TRANSFER_DEFAULTS
  const settings: TransferSettings = {
    transfers: int(env, 'BENCH_TRANSFERS', d.transfers, 1, 1_000),
    warmupTransfers: int(env, 'BENCH_WARMUP_TRANSFERS', d.warmupTransfers, 0, 50),
    chromiumPath: env['CHROMIUM_PATH'] || d.chromiumPath,
    writeDocs: false,
    maxMinutes: int(env, 'BENCH_MAX_MINUTES', d.maxMinutes, 1, 120),
  }
  const isFullSpec = settings.transfers >= d.transfers && settings.warmupTransfers >= d.warmupTransfers
  settings.writeDocs = writeDocs(env, isFullSpec)
  return settings
}
