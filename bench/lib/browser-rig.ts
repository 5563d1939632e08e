import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { startKccServer, type KccServer } from '../../server/compose/kcc-server'
import { loadGatewayConfig } from '../../server/gateway/config/load'
import type { GatewayConfig } from '../../server/gateway/config/types'
import { createRootLogger } from '../../server/lib/logger'

/**
 * What the browser benchmarks (`bench:screenpop`, `bench:transfer`) share: the whole contact centre
 * of `npm run server` on loopback, Debian's Chromium as the browser tests launch it, the builds they
 * serve, and the waiting and cleaning-up around them.
 */
export const REPO = fileURLToPath(new URL('../..', import.meta.url))
export const DOCS = join(REPO, 'docs/benchmarks.md')
export const WEB_ROOT = join(REPO, 'out/renderer')
export const CALLER_ROOT = join(REPO, 'out/caller')
export const DEMO_CONFIG = join(REPO, 'config/kcc.demo.json')

/** The public demo passwords of config/kcc.demo.json (README). */
export const demoPassword = (login: string): string => `welkom-${login}`

/** As playwright.config.ts launches Debian's Chromium for the browser tests. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
  // The ringtone plays before the agent has touched the page.
  '--autoplay-policy=no-user-gesture-required',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export type Log = (message: string) => void

/** A progress line on stderr, seconds since `started`; stdout keeps only the benchmark's tables. */
export function progressLog(started: number): Log {
  return (message) => {
    const at = ((performance.now() - started) / 1000).toFixed(0).padStart(4)
    process.stderr.write(`[${at}s] ${message}\n`)
  }
}

export interface Cleanups {
  /** Registers a step; steps run in reverse order of registration. */
  push(step: () => Promise<void> | void): void
  /** Runs every step once, even after a failure of one; the same promise on every call. */
  run(): Promise<void>
}

/** Browser, server and temporary directory go at the end, on failure and on Ctrl-C too. */
export function cleanupsOnExit(log: Log): Cleanups {
  const steps: (() => Promise<void> | void)[] = []
  let cleaning: Promise<void> | undefined
  const run = (): Promise<void> => {
    cleaning ??= (async () => {
      for (const step of steps.splice(0).reverse()) {
        try {
          await step()
        } catch (error) {
          process.stderr.write(`cleanup: ${String(error)}\n`)
        }
      }
    })()
    return cleaning
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: cleaning up`)
      void run().finally(() => process.exit(130))
    })
  }
  return { push: (step) => void steps.push(step), run }
}

/** Rejects after `ms` with the message `what()` gives then; the promise itself is left to settle. */
export function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  what: () => Promise<string> | string,
): Promise<T> {
  promise.catch(() => undefined)
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void Promise.resolve()
        .then(what)
        .catch((error: unknown) => String(error))
        .then((message) => reject(new Error(message)))
    }, ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** Waits for state outside the browser (the live hub); checked every 10 ms, never a fixed sleep. */
export async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = performance.now() + ms
  while (!condition()) {
    if (performance.now() > deadline) {
      throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

export function packageVersion(name: string): string {
  try {
    const file = join(REPO, 'node_modules', name, 'package.json')
    return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

/** The builds the benchmark serves; made with the project's own scripts when missing. */
export function ensureBuilds(log: Log): void {
  const builds: Array<[string, string]> = [
    [join(WEB_ROOT, 'index.html'), 'build'],
    [join(CALLER_ROOT, 'index.html'), 'build:caller'],
  ]
  for (const [file, script] of builds) {
    if (existsSync(file)) {
      continue
    }
    log(`${file} is missing: npm run ${script}`)
    // Its output goes to stderr, so stdout keeps only the benchmark's tables.
    const result = spawnSync('npm', ['run', script], { cwd: REPO, stdio: ['ignore', 2, 2] })
    if (result.status !== 0 || !existsSync(file)) {
      throw new Error(`npm run ${script} failed (exit ${String(result.status)})`)
    }
  }
}

/** `startKccServer` on the demo configuration as shipped, SQLite in `dir`, a random loopback port. */
export async function startServer(dir: string, log: Log): Promise<KccServer> {
  // The embedded provider takes a PostgreSQL database from these; the benchmarks measure SQLite.
  for (const name of ['KLANTINTERACTIES_DATABASE_URL', 'KLANTINTERACTIES_DATABASE_SCHEMA']) {
    if (process.env[name]) {
      log(`ignoring ${name}: the benchmark runs on SQLite`)
      delete process.env[name]
    }
  }
  const dataDir = join(dir, 'data')
  mkdirSync(dataDir)
  // No environment overrides: the demo configuration as shipped, on a random loopback port.
  const loaded = await loadGatewayConfig(DEMO_CONFIG, {})
  const config: GatewayConfig = { ...loaded, host: '127.0.0.1', port: 0, dataDir }
  return startKccServer({
    config,
    logger: createRootLogger({ level: 'silent' }),
    providerToken: randomBytes(20).toString('hex'),
    webRoot: WEB_ROOT,
    callerRoot: CALLER_ROOT,
  })
}
