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
import { removeDirectory } from './lib/databases'
import { describeMachine, loadAverage } from './lib/machine'
import { writeDocsSection } from './lib/report'
import { describeBuild, revision, summarize } from './lib/screenpop-report'
import {
  agentUi,
  asTransferReading,
  callerState,
  MEDEWERKER2,
  TRANSFER_PROBE,
  TRANSFER_PROBE_SCRIPT,
  type ProbeRole,
  type TransferMoment,
  type TransferReading,
} from './lib/transfer-page'
import {
  docsSection,
  intervalsTable,
  samplesList,
  type TransferResults,
  type TransferSample,
} from './lib/transfer-report'
import { transferSettingsFromEnv, type TransferSettings } from './lib/transfer-settings'
import { runBench } from './lib/run'

/**
 * `npm run bench:transfer`: a warm transfer as the two agents meet it, in the agent app's web build
 * in Chromium against the whole contact centre of `npm run server`. Measured: the consult INVITE
 * reaching the colleague's client → the klantcontact shown there, and the attended transfer's REFER
 * → NOTIFY 200 on the transferring agent's client. Method: docs/benchmarks.md.
 *
 * Order: builds checked (made when missing), server and browser started, medewerker1 and medewerker2
 * log in, then the caller page calls and medewerker1 transfers each call to medewerker2; report.
 * Browser, server and temporary directory are removed at the end, on failure and on Ctrl-C too.
 */
const TRANSFEROR = 'medewerker1'
const RECEIVER = 'medewerker2'
/** Upper bound for one step of a transfer (a UI state to appear, a moment to be recorded). */
const STEP_TIMEOUT_MS = 15_000
const ONDERWERP = 'Voorwaarden vergunningsvrije dakkapel'
const INHOUD =
  'Klant wil weten of een dakkapel aan de achterkant van zijn woning vergunningsvrij geplaatst mag worden.'

const started = performance.now()
const log = progressLog(started)
const cleanups = cleanupsOnExit(log)

async function readProbe(page: Page): Promise<TransferReading> {
  return asTransferReading(await page.evaluate(`window.${TRANSFER_PROBE}.read()`))
}

async function arm(page: Page, role: ProbeRole): Promise<void> {
  await page.evaluate(`window.${TRANSFER_PROBE}.arm(${JSON.stringify(role)})`)
}

/** Resolves once the page recorded `moment`; the page resolves it itself, nothing polls. */
async function recorded(page: Page, who: string, moment: TransferMoment, sample: string): Promise<void> {
  await withTimeout(
    page.evaluate(`window.${TRANSFER_PROBE}.when(${JSON.stringify(moment)})`),
    STEP_TIMEOUT_MS,
    async () =>
      `${sample}: "${moment}" not recorded on ${who}'s page within ${STEP_TIMEOUT_MS / 1000} s; so far ${JSON.stringify(await readProbe(page))}`,
  )
}

interface Rig {
  server: KccServer
  transferor: Page
  receiver: Page
  caller: Page
  callerUrl: string
  nummers: Set<string>
}

/** Back to Beschikbaar after a call (the app puts the agent in Nawerk), and seen so by the live hub. */
async function available(rig: Rig, page: Page, login: string, sample: string): Promise<void> {
  const ui = agentUi(page)
  const step = { timeout: STEP_TIMEOUT_MS }
  await ui.state('Nawerk').waitFor(step)
  await ui.mijnStatus.selectOption('beschikbaar', step)
  await ui.state('Beschikbaar').waitFor(step)
  // The SIP server rings a group member only once the live hub has them as beschikbaar.
  await until(
    () => rig.server.hub.agent(login)?.state === 'beschikbaar',
    STEP_TIMEOUT_MS,
    `${sample}: the live hub to see ${login} beschikbaar`,
  )
}

/** One whole call with its warm transfer; returns its two intervals. Every wait is on a visible state or a recorded moment. */
async function oneTransfer(rig: Rig, sample: string): Promise<TransferSample> {
  const { transferor, receiver, caller } = rig
  const m1 = agentUi(transferor)
  const m2 = agentUi(receiver)
  const step = { timeout: STEP_TIMEOUT_MS }

  await caller.goto(rig.callerUrl)
  await caller.getByRole('button', { name: 'Bellen' }).click(step)
  await m1.opnemen.click(step)
  await m1.inGesprek.waitFor(step)
  await callerState(caller, 'in-gesprek').waitFor(step)
  await m1.naamKlant.fill('Jan de Vries', step)
  await m1.onderwerp.fill(`${ONDERWERP} (${sample})`, step)
  await m1.inhoud.fill(INHOUD, step)
  await m1.opslaan.click(step)
  await m1.nummer.filter({ hasText: /\d/ }).waitFor(step)
  const nummer = ((await m1.nummer.textContent(step)) ?? '').replace(/\D/g, '')
  if (nummer === '' || rig.nummers.has(nummer)) {
    throw new Error(`${sample}: nummer "${nummer}" is empty or was shown before`)
  }
  rig.nummers.add(nummer)

  await arm(receiver, { role: 'receiver', nummer, onderwerp: `${ONDERWERP} (${sample})` })
  await arm(transferor, { role: 'transferor' })
  await arm(caller, { role: 'caller' })
  await m1.openTransfer.click(step)
  await m1.target(MEDEWERKER2).check(step)
  await m1.doorverbinden.click(step)
  // Measured on medewerker2's page: consult INVITE → the klantcontact in the DOM (and its frame).
  await recorded(receiver, RECEIVER, 'shownFrame', sample)
  await m2.inkomend.waitFor(step)
  await m2.opened(nummer).getByText(`${ONDERWERP} (${sample})`).waitFor(step)

  await m2.opnemen.click(step)
  await m1.voltooien.click(step)
  // Measured on medewerker1's page: REFER → NOTIFY 200.
  await recorded(transferor, TRANSFEROR, 'notify200', sample)
  await m1.doorverbonden.waitFor(step)
  await callerState(caller, 'in-gesprek').waitFor(step)
  await m2.inGesprek.waitFor(step)
  const received = await readProbe(receiver)
  const transferred = await readProbe(transferor)
  const followed = await readProbe(caller)

  await m2.ophangen.click(step)
  await callerState(caller, 'beeindigd').waitFor(step)
  await available(rig, transferor, TRANSFEROR, sample)
  await available(rig, receiver, RECEIVER, sample)
  // Both klantcontacten closed, so the next call pops a new form and the next transfer a new region.
  await m1.sluitenOpgeslagen.click(step)
  await transferor.getByText('Er is geen klantcontact open.').waitFor(step)
  await m2.opened(nummer).getByRole('button', { name: 'Sluiten' }).click(step)
  await m2.opened(nummer).waitFor({ state: 'detached', ...step })

  const { invite, shown, shownFrame, replaces, replacesOk } = received
  const { refer, notify200 } = transferred
  const { referIn, replacesOut } = followed
  if (
    invite === null ||
    shown === null ||
    shownFrame === null ||
    replaces === null ||
    replacesOk === null ||
    refer === null ||
    notify200 === null ||
    referIn === null ||
    replacesOut === null
  ) {
    throw new Error(
      `${sample}: incomplete readings ${RECEIVER} ${JSON.stringify(received)}, ${TRANSFEROR} ${JSON.stringify(transferred)}, caller ${JSON.stringify(followed)}`,
    )
  }
  if (shown < invite) {
    throw new Error(
      `${sample}: the klantcontact was shown before the INVITE arrived (${JSON.stringify(received)})`,
    )
  }
  return {
    inviteToShown: shown - invite,
    inviteToShownFrame: shownFrame - invite,
    referToNotify: notify200 - refer,
    replacesToOk: replacesOk - replaces,
    callerReferToInvite: replacesOut - referIn,
    nummer,
  }
}

async function login(browser: Browser, server: KccServer, who: string): Promise<Page> {
  const context = await browser.newContext()
  cleanups.push(() => context.close())
  await context.addInitScript({ content: TRANSFER_PROBE_SCRIPT })
  const page = await context.newPage()
  const ui = agentUi(page)
  const step = { timeout: STEP_TIMEOUT_MS }
  await page.goto(server.url)
  await ui.gebruikersnaam.fill(who, step)
  await ui.wachtwoord.fill(demoPassword(who), step)
  await ui.inloggen.click(step)
  await ui.telefoonVerbonden.waitFor(step)
  await ui.gatewayVerbonden.waitFor(step)
  await ui.state('Beschikbaar').waitFor(step)
  await until(
    () => server.hub.agent(who)?.state === 'beschikbaar',
    STEP_TIMEOUT_MS,
    `the live hub to see ${who} beschikbaar`,
  )
  log(`${who} logged in, phone registered, Beschikbaar`)
  return page
}

async function measureTransfers(
  browser: Browser,
  server: KccServer,
  settings: TransferSettings,
): Promise<{ warmup: TransferSample[]; transfers: TransferSample[] }> {
  const sipUrl = server.sipUrl
  if (sipUrl === undefined) {
    throw new Error('the KCC server started without its embedded SIP server')
  }
  const transferor = await login(browser, server, TRANSFEROR)
  const receiver = await login(browser, server, RECEIVER)
  const callerContext = await browser.newContext()
  cleanups.push(() => callerContext.close())
  await callerContext.addInitScript({ content: TRANSFER_PROBE_SCRIPT })
  const caller = await callerContext.newPage()

  const query = new URLSearchParams({ server: sipUrl, target: 'kcc', user: 'burger' })
  const rig: Rig = {
    server,
    transferor,
    receiver,
    caller,
    callerUrl: `${server.url}/caller/?${query.toString()}`,
    nummers: new Set(),
  }
  const describe = (s: TransferSample): string =>
    `INVITE → shown ${s.inviteToShown.toFixed(1)} ms, REFER → NOTIFY 200 ${s.referToNotify.toFixed(1)} ms`
  const warmup: TransferSample[] = []
  for (let i = 1; i <= settings.warmupTransfers; i++) {
    const sample = await oneTransfer(rig, `warm-up transfer ${i}`)
    log(`warm-up transfer ${i}/${settings.warmupTransfers}: ${describe(sample)}`)
    warmup.push(sample)
  }
  const transfers: TransferSample[] = []
  for (let i = 1; i <= settings.transfers; i++) {
    transfers.push(await oneTransfer(rig, `transfer ${i}`))
    if (i % 10 === 0 || i === settings.transfers) {
      const recent = transfers.slice(-10)
      const shown = summarize(recent.map((s) => s.inviteToShown))
      const refer = summarize(recent.map((s) => s.referToNotify))
      log(
        `transfers ${i - recent.length + 1}–${i}: INVITE → shown p50 ${shown.p50.toFixed(1)} ms, max ${shown.max.toFixed(1)} ms; REFER → NOTIFY 200 p50 ${refer.p50.toFixed(1)} ms, max ${refer.max.toFixed(1)} ms`,
      )
    }
  }
  return { warmup, transfers }
}

async function main(settings: TransferSettings): Promise<void> {
  const watchdog = setTimeout(() => {
    log(`the run exceeded BENCH_MAX_MINUTES=${settings.maxMinutes}; aborting`)
    void cleanups.run().finally(() => process.exit(1))
  }, settings.maxMinutes * 60_000)
  watchdog.unref()

  ensureBuilds(log)
  const build = describeBuild(REPO, join(WEB_ROOT, 'index.html'))
  log(build.replace(/\*\*/g, ''))
  const machine = await describeMachine(undefined)
  log(`machine: ${machine.cpus} CPUs, ${machine.cpuModel}, Node ${machine.node}, load ${machine.loadBefore}`)

  const dir = mkdtempSync(join(tmpdir(), 'kcc-bench-transfer-'))
  cleanups.push(() => removeDirectory(dir))
  const server = await startServer(dir, log)
  cleanups.push(() => server.close())
  log(`KCC server on ${server.url}, SIP ${server.sipUrl ?? 'none'}`)

  const browser = await chromium.launch({ executablePath: settings.chromiumPath, args: CHROMIUM_ARGS })
  cleanups.push(() => browser.close())
  const chromiumVersion = browser.version()
  log(`Chromium ${chromiumVersion} from ${settings.chromiumPath}`)

  log(`transfers: ${settings.warmupTransfers} warm-up + ${settings.transfers} measured`)
  const { warmup, transfers } = await measureTransfers(browser, server, settings)

  const results: TransferResults = {
    settings,
    machine,
    revision: revision(),
    build,
    chromium: chromiumVersion,
    playwright: packageVersion('@playwright/test'),
    loadAfter: loadAverage(),
    startedAt: new Date(Date.now() - (performance.now() - started)),
    durationSeconds: (performance.now() - started) / 1000,
    warmup,
    transfers,
  }
  process.stdout.write(`\n${[intervalsTable(results), samplesList(results)].join('\n\n')}\n\n`)
  if (settings.writeDocs) {
    await writeDocsSection(DOCS, 'transfer', docsSection(results))
    log(`wrote the transfer section of ${DOCS}`)
  } else {
    log('not writing docs/benchmarks.md: fewer samples than specified (set BENCH_WRITE_DOCS=1 to force)')
  }
  clearTimeout(watchdog)
}

await runBench({
  name: 'transfer',
  main: () => main(transferSettingsFromEnv()),
  cleanup: () => cleanups.run(),
  log,
  started,
})
