import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from '@playwright/test'
import { startKccServer, type KccServer } from '../server/compose/kcc-server'
import { loadGatewayConfig } from '../server/gateway/config/load'
import type { GatewayConfig } from '../server/gateway/config/types'
import { createRootLogger } from '../server/lib/logger'
import { measureBundle } from './lib/bundle-size'
import { removeDirectory } from './lib/databases'
import { describeMachine, loadAverage } from './lib/machine'
import { writeDocsSection } from './lib/report'
import {
  AGENT_PROBE,
  AGENT_PROBE_SCRIPT,
  asLoginReading,
  asScreenPopReading,
  LOGIN_PROBE,
  LOGIN_PROBE_SCRIPT,
  type ScreenPopMoment,
  type ScreenPopReading,
} from './lib/screenpop-page'
import {
  bundleTable,
  describeBuild,
  docsSection,
  intervalsTable,
  loadsTable,
  revision,
  samplesList,
  summarize,
  type CallSample,
  type LoadSample,
  type ScreenPopResults,
} from './lib/screenpop-report'
import { screenPopSettingsFromEnv, type ScreenPopSettings } from './lib/screenpop-settings'

/**
 * `npm run bench:screenpop` (issue 4): the screen pop and the save as an agent meets them, in the
 * agent app's web build in Chromium against the whole contact centre of `npm run server`, plus the
 * renderer's JavaScript size and its time to interactive. Method: docs/benchmarks.md.
 *
 * Order: builds checked (made when missing), bundle measured, server and browser started, the
 * login-screen loads, then medewerker1 logs in and takes the calls; report. Browser, server and
 * temporary directory are removed at the end, on failure and on Ctrl-C too.
 */
const REPO = fileURLToPath(new URL('..', import.meta.url))
const DOCS = join(REPO, 'docs/benchmarks.md')
const WEB_ROOT = join(REPO, 'out/renderer')
const CALLER_ROOT = join(REPO, 'out/caller')
const DEMO_CONFIG = join(REPO, 'config/kcc.demo.json')
const AGENT = 'medewerker1'
/** The public demo password of config/kcc.demo.json (README). */
const AGENT_PASSWORD = 'welkom-medewerker1'
/** Upper bound for one step of a call (a UI state to appear, a moment to be recorded). */
const STEP_TIMEOUT_MS = 15_000

/** As playwright.config.ts launches Debian's Chromium for the browser tests. */
const CHROMIUM_ARGS = [
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

const started = performance.now()
const log = (message: string): void => {
  const at = ((performance.now() - started) / 1000).toFixed(0).padStart(4)
  process.stderr.write(`[${at}s] ${message}\n`)
}

const cleanups: (() => Promise<void> | void)[] = []
let cleaning: Promise<void> | undefined
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.splice(0).reverse()) {
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
    void cleanup().finally(() => process.exit(130))
  })
}

/** Rejects after `ms` with the message `what()` gives then; the promise itself is left to settle. */
function withTimeout<T>(promise: Promise<T>, ms: number, what: () => Promise<string> | string): Promise<T> {
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
async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = performance.now() + ms
  while (!condition()) {
    if (performance.now() > deadline) {
      throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

function packageVersion(name: string): string {
  try {
    const file = join(REPO, 'node_modules', name, 'package.json')
    return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

/** The builds the benchmark serves; made with the project's own scripts when missing. */
function ensureBuilds(): void {
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

async function startServer(dir: string): Promise<KccServer> {
  // The embedded provider takes a PostgreSQL database from these; this benchmark measures SQLite.
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

/** Fresh loads of the login screen, each in a new context: no cache, no session, no drafts. */
async function measureLoads(
  browser: Browser,
  url: string,
  settings: ScreenPopSettings,
): Promise<LoadSample[]> {
  const samples: LoadSample[] = []
  const total = settings.warmupLoads + settings.loads
  for (let i = 0; i < total; i++) {
    const context = await browser.newContext()
    try {
      await context.addInitScript({ content: LOGIN_PROBE_SCRIPT })
      const page = await context.newPage()
      await page.goto(url)
      const reading = asLoginReading(
        await withTimeout(
          page.evaluate(`window.${LOGIN_PROBE}.done()`),
          30_000,
          () => `load ${i + 1}: the login field was not focused within 30 s`,
        ),
      )
      if (i >= settings.warmupLoads) {
        samples.push(reading)
      }
    } finally {
      await context.close()
    }
  }
  return samples
}

/** The agent app as medewerker1 uses it: by the Dutch labels and roles, as the browser tests do. */
function agentUi(page: Page) {
  return {
    state: (text: string) => page.getByTestId('agent-state').filter({ hasText: new RegExp(`^${text}$`) }),
    naamKlant: page.getByLabel('Naam klant'),
    onderwerp: page.getByLabel('Onderwerp', { exact: true }),
    inhoud: page.getByLabel('Inhoud', { exact: true }),
    opslaan: page.getByRole('button', { name: 'Opslaan' }),
    nummer: page.getByTestId('klantcontactnummer'),
    opnemen: page.getByRole('button', { name: 'Opnemen' }),
    ophangen: page.getByRole('button', { name: 'Ophangen' }),
    inGesprek: page.getByRole('region', { name: 'Telefoon' }).getByText('In gesprek'),
    mijnStatus: page.getByLabel('Mijn status'),
    sluiten: page
      .getByRole('region', { name: 'Klantcontact opgeslagen' })
      .getByRole('button', { name: 'Sluiten' }),
    geenKlantcontact: page.getByText('Er is geen klantcontact open.'),
  }
}

async function readProbe(page: Page): Promise<ScreenPopReading> {
  return asScreenPopReading(await page.evaluate(`window.${AGENT_PROBE}.read()`))
}

/** Resolves once the agent page recorded `moment`; the page resolves it itself, nothing polls. */
async function recorded(page: Page, moment: ScreenPopMoment, call: string): Promise<void> {
  await withTimeout(
    page.evaluate(`window.${AGENT_PROBE}.when(${JSON.stringify(moment)})`),
    STEP_TIMEOUT_MS,
    async () =>
      `${call}: "${moment}" not recorded within ${STEP_TIMEOUT_MS / 1000} s; so far ${JSON.stringify(await readProbe(page))}`,
  )
}

interface CallRig {
  server: KccServer
  agent: Page
  caller: Page
  callerUrl: string
  nummers: Set<string>
}

/** One whole call; returns its two intervals. Every wait is on a visible state or a recorded moment. */
async function oneCall(rig: CallRig, call: string): Promise<CallSample> {
  const { agent, caller } = rig
  const ui = agentUi(agent)
  const step = { timeout: STEP_TIMEOUT_MS }
  await agent.evaluate(`window.${AGENT_PROBE}.arm()`)
  await caller.goto(rig.callerUrl)
  await caller.getByRole('button', { name: 'Bellen' }).click(step)
  // Measured: nothing else happens on the agent page until the screen pop has taken focus.
  await recorded(agent, 'focusFrame', call)

  await ui.opnemen.click(step)
  await ui.inGesprek.waitFor(step)
  await caller.getByRole('status').filter({ hasText: 'In gesprek' }).waitFor(step)
  await ui.naamKlant.fill('Jan de Vries', step)
  await ui.onderwerp.fill(`Ophaaldag grofvuil (${call})`, step)
  await ui.inhoud.fill('Klant vraagt wanneer grofvuil wordt opgehaald; ophaaldag doorgegeven.', step)
  await ui.opslaan.click(step)
  // Measured: from that click until the nummer is in the page.
  await recorded(agent, 'nummerFrame', call)
  const reading = await readProbe(agent)
  await ui.nummer.waitFor(step)

  await ui.ophangen.click(step)
  await caller.getByRole('status').filter({ hasText: 'Beëindigd' }).waitFor(step)
  await ui.state('Nawerk').waitFor(step)
  await ui.mijnStatus.selectOption('beschikbaar', step)
  await ui.state('Beschikbaar').waitFor(step)
  await ui.sluiten.click(step)
  await ui.geenKlantcontact.waitFor(step)
  // The SIP server rings a group member only once the live hub has them as beschikbaar.
  await until(
    () => rig.server.hub.agent(AGENT)?.state === 'beschikbaar',
    STEP_TIMEOUT_MS,
    `${call}: the live hub to see ${AGENT} beschikbaar`,
  )

  const { invite, focus, focusFrame, save, nummer, nummerFrame, nummerText } = reading
  if (
    invite === null ||
    focus === null ||
    focusFrame === null ||
    save === null ||
    nummer === null ||
    nummerFrame === null ||
    nummerText === null
  ) {
    throw new Error(`${call}: incomplete reading ${JSON.stringify(reading)}`)
  }
  if (rig.nummers.has(nummerText)) {
    throw new Error(`${call}: nummer ${nummerText} was shown before; the page showed an old klantcontact`)
  }
  rig.nummers.add(nummerText)
  return {
    inviteToFocus: focus - invite,
    inviteToFocusFrame: focusFrame - invite,
    saveToNummer: nummer - save,
    saveToNummerFrame: nummerFrame - save,
    nummer: nummerText,
  }
}

async function measureCalls(
  browser: Browser,
  server: KccServer,
  settings: ScreenPopSettings,
): Promise<{ warmup: CallSample[]; calls: CallSample[] }> {
  const sipUrl = server.sipUrl
  if (sipUrl === undefined) {
    throw new Error('the KCC server started without its embedded SIP server')
  }
  const agentContext = await browser.newContext()
  cleanups.push(() => agentContext.close())
  await agentContext.addInitScript({ content: AGENT_PROBE_SCRIPT })
  const agent = await agentContext.newPage()
  const callerContext = await browser.newContext()
  cleanups.push(() => callerContext.close())
  const caller = await callerContext.newPage()

  const step = { timeout: STEP_TIMEOUT_MS }
  await agent.goto(server.url)
  await agent.getByLabel('Gebruikersnaam').fill(AGENT, step)
  await agent.getByLabel('Wachtwoord').fill(AGENT_PASSWORD, step)
  await agent.getByRole('button', { name: 'Inloggen' }).click(step)
  await agent.getByText('Telefoon verbonden').waitFor(step)
  await agent.getByText('Verbonden met de gateway').waitFor(step)
  await agentUi(agent).state('Beschikbaar').waitFor(step)
  await until(
    () => server.hub.agent(AGENT)?.state === 'beschikbaar',
    STEP_TIMEOUT_MS,
    `the live hub to see ${AGENT} beschikbaar`,
  )
  log(`${AGENT} logged in, phone registered, Beschikbaar`)

  const query = new URLSearchParams({ server: sipUrl, target: 'kcc', user: 'burger' })
  const rig: CallRig = {
    server,
    agent,
    caller,
    callerUrl: `${server.url}/caller/?${query.toString()}`,
    nummers: new Set(),
  }
  const warmup: CallSample[] = []
  for (let i = 1; i <= settings.warmupCalls; i++) {
    const sample = await oneCall(rig, `warm-up call ${i}`)
    log(
      `warm-up call ${i}/${settings.warmupCalls}: INVITE → focus ${sample.inviteToFocus.toFixed(1)} ms, Opslaan → nummer ${sample.saveToNummer.toFixed(1)} ms`,
    )
    warmup.push(sample)
  }
  const calls: CallSample[] = []
  for (let i = 1; i <= settings.calls; i++) {
    calls.push(await oneCall(rig, `call ${i}`))
    if (i % 10 === 0 || i === settings.calls) {
      const recent = calls.slice(-10)
      const pop = summarize(recent.map((c) => c.inviteToFocus))
      const save = summarize(recent.map((c) => c.saveToNummer))
      log(
        `calls ${i - recent.length + 1}–${i}: INVITE → focus p50 ${pop.p50.toFixed(1)} ms, max ${pop.max.toFixed(1)} ms; Opslaan → nummer p50 ${save.p50.toFixed(1)} ms, max ${save.max.toFixed(1)} ms`,
      )
    }
  }
  return { warmup, calls }
}

async function main(settings: ScreenPopSettings): Promise<void> {
  const watchdog = setTimeout(() => {
    log(`the run exceeded BENCH_MAX_MINUTES=${settings.maxMinutes}; aborting`)
    void cleanup().finally(() => process.exit(1))
  }, settings.maxMinutes * 60_000)
  watchdog.unref()

  ensureBuilds()
  const build = describeBuild(REPO, join(WEB_ROOT, 'index.html'))
  log(build.replace(/\*\*/g, ''))
  const bundle = measureBundle(join(WEB_ROOT, 'assets'))
  log(
    `renderer JavaScript: ${bundle.files.length} files, ${bundle.bytes} bytes, gzip ${bundle.gzipDefault} bytes (level 9: ${bundle.gzipBest})`,
  )
  const machine = await describeMachine(undefined)
  log(`machine: ${machine.cpus} CPUs, ${machine.cpuModel}, Node ${machine.node}, load ${machine.loadBefore}`)

  const dir = mkdtempSync(join(tmpdir(), 'kcc-bench-screenpop-'))
  cleanups.push(() => removeDirectory(dir))
  const server = await startServer(dir)
  cleanups.push(() => server.close())
  log(`KCC server on ${server.url}, SIP ${server.sipUrl ?? 'none'}`)

  const browser = await chromium.launch({ executablePath: settings.chromiumPath, args: CHROMIUM_ARGS })
  cleanups.push(() => browser.close())
  const chromiumVersion = browser.version()
  log(`Chromium ${chromiumVersion} from ${settings.chromiumPath}`)

  log(`time to interactive: ${settings.warmupLoads} + ${settings.loads} fresh loads of the login screen`)
  const loads = await measureLoads(browser, server.url, settings)
  log(`calls: ${settings.warmupCalls} warm-up + ${settings.calls} measured`)
  const { warmup, calls } = await measureCalls(browser, server, settings)

  const results: ScreenPopResults = {
    settings,
    machine,
    revision: revision(),
    build,
    chromium: chromiumVersion,
    playwright: packageVersion('@playwright/test'),
    loadAfter: loadAverage(),
    startedAt: new Date(Date.now() - (performance.now() - started)),
    durationSeconds: (performance.now() - started) / 1000,
    bundle,
    warmup,
    calls,
    loads,
  }
  process.stdout.write(
    `\n${[intervalsTable(results), bundleTable(results), loadsTable(results), samplesList(results)].join('\n\n')}\n\n`,
  )
  if (settings.writeDocs) {
    await writeDocsSection(DOCS, 'screenpop', docsSection(results))
    log(`wrote the screenpop section of ${DOCS}`)
  } else {
    log('not writing docs/benchmarks.md: fewer samples than specified (set BENCH_WRITE_DOCS=1 to force)')
  }
  clearTimeout(watchdog)
}

let exitCode = 0
try {
  await main(screenPopSettingsFromEnv())
} catch (error) {
  process.stderr.write(
    `\nbench:screenpop failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  exitCode = 1
} finally {
  await cleanup()
  log(`done in ${((performance.now() - started) / 1000 / 60).toFixed(1)} min`)
}
process.exit(exitCode)
