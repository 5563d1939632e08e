import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { chromium, type Browser, type Page } from '@playwright/test'
import type { KccServer } from '../server/compose/kcc-server'
import {
  CHROMIUM_ARGS,
  cleanupsOnExit,
  demoPassword,
  DOCS,
  ensureBuilds,
  packageVersion,
  progressLog,
  REPO,
  startServer,
  until,
  WEB_ROOT,
  withTimeout,
} from './lib/browser-rig'
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
import {
  callerNumbers,
  measureKlantbeeldApi,
  registerSettingsFromEnv,
  seededPostgresSchema,
  seededSqliteFile,
  startServerOnRegister,
  type RegisterSettings,
} from './lib/screenpop-register'
import { registerDocsSection, type PictureSample, type RegisterRun } from './lib/screenpop-register-report'
import { runBench } from './lib/run'

/**
 * `npm run bench:screenpop`: the screen pop and the save as an agent meets them, in the agent app's
 * web build in Chromium against the whole contact centre of `npm run server`, plus the renderer's
 * JavaScript size and its time to interactive. Method: docs/benchmarks.md.
 *
 * Order: builds checked (made when missing), bundle measured, server and browser started, the
 * login-screen loads, then medewerker1 logs in and takes the calls; report. With
 * `BENCH_REGISTER=big` the provider holds a big seeded register, every call comes from a number it
 * knows and also waits for the caller's picture, and the gateway's picture is timed on its own
 * (screenpop-register.ts); that run reports into a section of its own. Browser, server and
 * temporary directory are removed at the end, on failure and on Ctrl-C too.
 */
const AGENT = 'medewerker1'
/** Upper bound for one step of a call (a UI state to appear, a moment to be recorded). */
const STEP_TIMEOUT_MS = 15_000

const started = performance.now()
const log = progressLog(started)
const cleanups = cleanupsOnExit(log)

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
    sluiten: page
      .getByRole('region', { name: 'Klantcontact opgeslagen' })
      .getByRole('button', { name: 'Sluiten' }),
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
  /** The caller page's address for a call from `user` (the demo caller when undefined). */
  callerUrl: (user: string | undefined) => string
  nummers: Set<string>
  /** The known numbers the calls come from, in call order (warm-up calls first); empty: the demo caller. */
  from: readonly string[]
  pictures: PictureSample[]
}

/** One whole call; returns its intervals. Every wait is on a visible state or a recorded moment. */
async function oneCall(rig: CallRig, call: string, from: string | undefined): Promise<CallSample> {
  const { agent, caller } = rig
  const ui = agentUi(agent)
  const step = { timeout: STEP_TIMEOUT_MS }
  await agent.evaluate(`window.${AGENT_PROBE}.arm()`)
  await caller.goto(rig.callerUrl(from))
  await caller.getByRole('button', { name: 'Bellen' }).click(step)
  // Measured: nothing else happens on the agent page until the ringing call is painted.
  await recorded(agent, 'ringingFrame', call)
  if (from !== undefined) {
    // Measured: the agent answers only once the caller's picture is complete and painted.
    await recorded(agent, 'klantbeeldFrame', call)
    const picture = await readProbe(agent)
    if (picture.klantbeeldOutcome !== 'complete') {
      throw new Error(
        `${call}: the caller's picture of a known number ended ${String(picture.klantbeeldOutcome)}`,
      )
    }
    rig.pictures.push({
      caller: from,
      inviteToPicture: picture.klantbeeld! - picture.invite!,
      inviteToPictureFrame: picture.klantbeeldFrame! - picture.invite!,
    })
  }

  await ui.opnemen.click(step)
  // Measured: from that click until the klantcontact that opens has taken focus.
  await recorded(agent, 'focusFrame', call)
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
  await agent.keyboard.press('Alt+KeyB')
  await ui.state('Beschikbaar').waitFor(step)
  // The saved klantcontact may stay in view until the next call; close it where that is offered.
  if (await ui.sluiten.isVisible()) {
    await ui.sluiten.click(step)
  }
  // The SIP server rings a group member only once the live hub has them as beschikbaar.
  await until(
    () => rig.server.hub.agent(AGENT)?.state === 'beschikbaar',
    STEP_TIMEOUT_MS,
    `${call}: the live hub to see ${AGENT} beschikbaar`,
  )

  const {
    invite,
    ringing,
    ringingFrame,
    answer,
    field,
    focus,
    focusFrame,
    save,
    nummer,
    nummerFrame,
    nummerText,
  } = reading
  if (
    invite === null ||
    ringing === null ||
    ringingFrame === null ||
    answer === null ||
    field === null ||
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
    inviteToRinging: ringing - invite,
    inviteToRingingFrame: ringingFrame - invite,
    answerToField: field - answer,
    answerToFocus: focus - answer,
    answerToFocusFrame: focusFrame - answer,
    saveToNummer: nummer - save,
    saveToNummerFrame: nummerFrame - save,
    nummer: nummerText,
  }
}

async function measureCalls(
  browser: Browser,
  server: KccServer,
  settings: ScreenPopSettings,
  from: readonly string[],
): Promise<{ warmup: CallSample[]; calls: CallSample[]; pictures: PictureSample[] }> {
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
  await agent.getByLabel('Wachtwoord').fill(demoPassword(AGENT), step)
  await agent.getByRole('button', { name: 'Inloggen' }).click(step)
  // The phone registered (the live socket's wording is the workspace's; the hub check below covers it).
  await agent.getByText('Telefoon verbonden').waitFor(step)
  await agentUi(agent).state('Beschikbaar').waitFor(step)
  await until(
    () => server.hub.agent(AGENT)?.state === 'beschikbaar',
    STEP_TIMEOUT_MS,
    `the live hub to see ${AGENT} beschikbaar`,
  )
  log(`${AGENT} logged in, phone registered, Beschikbaar`)

  const rig: CallRig = {
    server,
    agent,
    caller,
    callerUrl: (user) =>
      `${server.url}/caller/?${new URLSearchParams({ server: sipUrl, target: 'kcc', user: user ?? 'burger' }).toString()}`,
    nummers: new Set(),
    from,
    pictures: [],
  }
  const warmup: CallSample[] = []
  for (let i = 1; i <= settings.warmupCalls; i++) {
    const sample = await oneCall(rig, `warm-up call ${i}`, from[i - 1])
    log(
      `warm-up call ${i}/${settings.warmupCalls}: INVITE → ringing ${sample.inviteToRinging.toFixed(1)} ms, Opnemen → focus ${sample.answerToFocus.toFixed(1)} ms, Opslaan → nummer ${sample.saveToNummer.toFixed(1)} ms`,
    )
    warmup.push(sample)
  }
  const calls: CallSample[] = []
  for (let i = 1; i <= settings.calls; i++) {
    calls.push(await oneCall(rig, `call ${i}`, from[settings.warmupCalls + i - 1]))
    if (i % 10 === 0 || i === settings.calls) {
      const recent = calls.slice(-10)
      const ringing = summarize(recent.map((c) => c.inviteToRinging))
      const focus = summarize(recent.map((c) => c.answerToFocus))
      const save = summarize(recent.map((c) => c.saveToNummer))
      const pictures = rig.pictures.slice(-recent.length)
      const picture =
        rig.from.length > 0 && pictures.length > 0
          ? summarize(pictures.map((p) => p.inviteToPictureFrame))
          : undefined
      log(
        `calls ${i - recent.length + 1}–${i}: INVITE → ringing p50 ${ringing.p50.toFixed(1)} ms, max ${ringing.max.toFixed(1)} ms; Opnemen → focus p50 ${focus.p50.toFixed(1)} ms, max ${focus.max.toFixed(1)} ms; Opslaan → nummer p50 ${save.p50.toFixed(1)} ms, max ${save.max.toFixed(1)} ms${
          picture
            ? `; INVITE → picture painted p50 ${picture.p50.toFixed(1)} ms, max ${picture.max.toFixed(1)} ms`
            : ''
        }`,
      )
    }
  }
  return { warmup, calls, pictures: rig.pictures }
}

async function main(settings: ScreenPopSettings, register: RegisterSettings | undefined): Promise<void> {
  const watchdog = setTimeout(() => {
    log(`the run exceeded BENCH_MAX_MINUTES=${settings.maxMinutes}; aborting`)
    void cleanups.run().finally(() => process.exit(1))
  }, settings.maxMinutes * 60_000)
  watchdog.unref()

  ensureBuilds(log)
  const build = describeBuild(REPO, join(WEB_ROOT, 'index.html'))
  log(build.replace(/\*\*/g, ''))
  const bundle = measureBundle(join(WEB_ROOT, 'assets'))
  log(
    `renderer JavaScript: ${bundle.files.length} files, ${bundle.bytes} bytes, gzip ${bundle.gzipDefault} bytes (level 9: ${bundle.gzipBest}); CSS gzip ${bundle.css.gzipDefault} bytes`,
  )
  const machine = await describeMachine(undefined)
  log(`machine: ${machine.cpus} CPUs, ${machine.cpuModel}, Node ${machine.node}, load ${machine.loadBefore}`)

  const dir = mkdtempSync(join(tmpdir(), 'kcc-bench-screenpop-'))
  cleanups.push(() => removeDirectory(dir))
  const seeded = register ? await seededSqliteFile(register, log) : undefined
  const numbers = register ? callerNumbers(register, settings.warmupCalls + settings.calls) : undefined
  const server = seeded
    ? await startServerOnRegister(join(dir, 'sqlite'), { sqliteFile: seeded.file }, log, numbers?.calls)
    : await startServer(dir, log)
  cleanups.push(() => server.close())
  log(`KCC server on ${server.url}, SIP ${server.sipUrl ?? 'none'}`)

  const browser = await chromium.launch({ executablePath: settings.chromiumPath, args: CHROMIUM_ARGS })
  cleanups.push(() => browser.close())
  const chromiumVersion = browser.version()
  log(`Chromium ${chromiumVersion} from ${settings.chromiumPath}`)

  log(`time to interactive: ${settings.warmupLoads} + ${settings.loads} fresh loads of the login screen`)
  const loads = await measureLoads(browser, server.url, settings)
  log(`calls: ${settings.warmupCalls} warm-up + ${settings.calls} measured`)
  const { warmup, calls, pictures } = await measureCalls(browser, server, settings, numbers?.calls ?? [])
  // The browser's figures are in hand by now: a failure of the gateway-only figures is reported in
  // the section instead of losing them.
  const registerRun =
    register && numbers
      ? await measureRegister(register, server, dir, numbers.api).catch(
          (error: unknown): Pick<RegisterRun, 'size' | 'api' | 'postgresNote'> => {
            log(`gateway-only figures failed: ${String(error)}`)
            return {
              size: register.size,
              api: [],
              postgresNote: `The gateway-only figures failed: ${String(error)}`,
            }
          },
        )
      : undefined

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
  if (registerRun) {
    const run: RegisterRun = {
      ...registerRun,
      seededSeconds: seeded?.seconds,
      withPostgres: register?.databaseUrl !== undefined,
      warmup: pictures.slice(0, settings.warmupCalls),
      pictures: pictures.slice(settings.warmupCalls),
    }
    process.stdout.write(`${registerDocsSection(results, run)}\n\n`)
    if (settings.writeDocs) {
      await writeDocsSection(DOCS, 'screenpop-register', registerDocsSection(results, run))
      log(`wrote the screenpop-register section of ${DOCS}`)
    }
  } else if (settings.writeDocs) {
    await writeDocsSection(DOCS, 'screenpop', docsSection(results))
    log(`wrote the screenpop section of ${DOCS}`)
  } else {
    log('not writing docs/benchmarks.md: fewer samples than specified (set BENCH_WRITE_DOCS=1 to force)')
  }
  clearTimeout(watchdog)
}

/**
 * The gateway's picture timed on its own: on the calls' server (SQLite), then, with
 * BENCH_REGISTER_DATABASE_URL, on a second server whose provider reads the register from PostgreSQL.
 */
async function measureRegister(
  register: RegisterSettings,
  server: KccServer,
  dir: string,
  numbers: readonly string[],
): Promise<Pick<RegisterRun, 'size' | 'api' | 'postgresNote'>> {
  log(`GET /api/klantbeeld: ${numbers.length} known numbers on SQLite`)
  const api: RegisterRun['api'] = [
    { engine: 'SQLite', samples: await measureKlantbeeldApi(server.url, numbers) },
  ]
  logApi(api[0]!)
  if (register.databaseUrl === undefined) {
    return {
      size: register.size,
      api,
      postgresNote: 'No PostgreSQL figure: BENCH_REGISTER_DATABASE_URL was not set.',
    }
  }
  const schema = await seededPostgresSchema(register, log)
  const onPostgres = await startServerOnRegister(
    join(dir, 'postgres'),
    { databaseUrl: register.databaseUrl, schema },
    log,
  )
  try {
    log(`GET /api/klantbeeld: ${numbers.length} known numbers on PostgreSQL`)
    const version = await postgresVersion(register.databaseUrl)
    api.push({
      engine: `PostgreSQL ${version}`,
      samples: await measureKlantbeeldApi(onPostgres.url, numbers),
    })
    logApi(api[1]!)
  } finally {
    await onPostgres.close()
  }
  return { size: register.size, api, postgresNote: undefined }
}

function logApi({ engine, samples }: RegisterRun['api'][number]): void {
  const s = summarize(samples.map((a) => a.ms))
  const unnamed = samples.filter((a) => a.partijen === 0).length
  log(
    `GET /api/klantbeeld on ${engine}: p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(1)} ms; ${unnamed} known numbers without a partij`,
  )
}

async function postgresVersion(databaseUrl: string): Promise<string> {
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const result = await client.query<{ server_version: string }>('show server_version')
    return result.rows[0]?.server_version.split(' ')[0] ?? '?'
  } finally {
    await client.end()
  }
}

await runBench({
  name: 'screenpop',
  main: () => main(screenPopSettingsFromEnv(), registerSettingsFromEnv()),
  cleanup: () => cleanups.run(),
  log,
  started,
})
