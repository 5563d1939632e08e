import type { Page } from '@playwright/test'
import { expectNoAxeViolations } from './support/axe'
import { demoPassword, expect, test, type KccRig } from './support/kcc-rig'
import { callerDials, chooseStatus, loginAgent, openPage } from './support/pages'
import { phone } from './support/transfer-flow'

/**
 * In the browser: the wallboard (`#/wallboard`) on a wall screen. A supervisor logs in on it once;
 * from then on it follows the live socket by itself, with no softphone and no own state. The queue
 * figures come from real waiting calls: the demo caller page calls the KCC group address while no
 * agent of KCC is Beschikbaar, and the gateway's queue holds the caller.
 */
async function openWallboard(page: Page, rig: KccRig, login = 'supervisor'): Promise<void> {
  await page.goto(`${rig.url}/#/wallboard`)
  await expect(page.getByRole('heading', { level: 1, name: 'KCC Wallboard' })).toBeVisible()
  await page.getByLabel('Gebruikersnaam').fill(login)
  await page.getByLabel('Wachtwoord').fill(demoPassword(login))
  await page.getByRole('button', { name: 'Inloggen' }).click()
}

const team = (page: Page) => page.getByRole('region', { name: 'Teamoverzicht' })
const tile = (page: Page, afdeling: string) =>
  page.getByRole('list', { name: 'Wachtrijen' }).getByRole('listitem', { name: afdeling })
/** One figure of an afdeling's tile, by its Dutch name (the term before it). */
const figure = (page: Page, afdeling: string, naam: string) =>
  tile(page, afdeling)
    .locator('dl > div')
    .filter({ has: page.getByRole('term').getByText(naam, { exact: true }) })
    .getByRole('definition')

test.describe('wallboard', () => {
  test('shows a supervisor one large, high-contrast tile per afdeling, without controls', async ({
    rig,
    browser,
  }) => {
    const wall = await openPage(browser)
    await openWallboard(wall, rig)
    await expect(wall.getByRole('heading', { level: 1, name: 'Wachtrijen' })).toBeVisible()
    await expect(
      wall.getByRole('list', { name: 'Wachtrijen' }).getByRole('heading', { level: 2 }),
    ).toHaveText(['KCC', 'Afdeling Vergunningen'])
    for (const afdeling of ['KCC', 'Afdeling Vergunningen']) {
      await expect(figure(wall, afdeling, 'Wachtend')).toHaveText('0')
      await expect(figure(wall, afdeling, 'Langste wachttijd')).toHaveText('–')
      await expect(figure(wall, afdeling, 'Aangenomen')).toHaveText('0')
      await expect(figure(wall, afdeling, 'Servicelevel')).toHaveText('–')
    }
    // Readable from across the room: the waiting count in type of at least 48 px.
    const size = await figure(wall, 'KCC', 'Wachtend').evaluate((el) =>
      parseFloat(getComputedStyle(el).fontSize),
    )
    expect(size).toBeGreaterThanOrEqual(48)
    // A wall screen has nothing to operate, and no phone: the wallboard never asks for a microphone.
    await expect(wall.locator('button, input, select, a[href]')).toHaveCount(0)
    await expect(wall.getByText('Telefoon verbonden')).toHaveCount(0)
    await expectNoAxeViolations(wall)
  })

  test('tells an agent who is no supervisor that the wallboard is not for them', async ({ rig, browser }) => {
    const wall = await openPage(browser)
    await openWallboard(wall, rig, 'medewerker1')
    await expect(wall.getByRole('alert')).toHaveText(
      'Het wallboard is alleen voor supervisors. Log in met een supervisoraccount.',
    )
    await expect(wall.getByRole('list', { name: 'Wachtrijen' })).toHaveCount(0)
    await expectNoAxeViolations(wall)
  })

  test('shows a real caller waiting for KCC, counting up, and the answer in today’s figures', async ({
    rig,
    browser,
  }) => {
    const wall = await openPage(browser)
    await openWallboard(wall, rig)
    await expect(figure(wall, 'KCC', 'Wachtend')).toHaveText('0')
    const medewerker1 = await openPage(browser)
    await loginAgent(medewerker1, rig, 'medewerker1')
    // Logged in, but nobody of KCC Beschikbaar: the caller waits in the queue.
    await chooseStatus(medewerker1, 'pauze')
    await expect(medewerker1.getByTestId('queue-waiting')).toHaveText('Geen wachtenden voor KCC')

    const caller = await openPage(browser)
    await callerDials(caller, rig)
    await expect(figure(wall, 'KCC', 'Wachtend')).toHaveText('1')
    await expect(figure(wall, 'Afdeling Vergunningen', 'Wachtend')).toHaveText('0')
    await expect(medewerker1.getByTestId('queue-waiting')).toHaveText('1 wachtende voor KCC')
    await expect(medewerker1.getByText(/langste wachttijd \d+:\d\d/)).toBeVisible()
    // The longest wait counts up on the wall by itself.
    const longest = figure(wall, 'KCC', 'Langste wachttijd')
    await expect(longest).toHaveText(/^\d+:\d\d$/)
    const first = await longest.textContent()
    await expect(longest).not.toHaveText(first ?? '')

    // The tile with a caller draws the eye, unless the wall screen asks for reduced motion.
    const kcc = tile(wall, 'KCC')
    expect(await kcc.evaluate((el) => getComputedStyle(el).animationName)).toBe('wallboard-attention')
    await wall.emulateMedia({ reducedMotion: 'reduce' })
    expect(await kcc.evaluate((el) => getComputedStyle(el).animationName)).toBe('none')
    expect(await kcc.evaluate((el) => getComputedStyle(el).transitionDuration)).toBe('0s')
    await expectNoAxeViolations(wall)

    // An agent becomes Beschikbaar: the queue offers them the caller, they answer.
    await chooseStatus(medewerker1, 'beschikbaar')
    await phone(medewerker1).getByRole('button', { name: 'Opnemen' }).click()
    await expect(phone(medewerker1).getByText('In gesprek')).toBeVisible()
    await expect(figure(wall, 'KCC', 'Wachtend')).toHaveText('0')
    await expect(figure(wall, 'KCC', 'Langste wachttijd')).toHaveText('–')
    await expect(figure(wall, 'KCC', 'Aangenomen')).toHaveText('1')
    await expect(figure(wall, 'KCC', 'Opgehangen')).toHaveText('0')
    await expect(figure(wall, 'KCC', 'Servicelevel')).toHaveText(/^(0|100)%$/)
    await expect(medewerker1.getByTestId('queue-waiting')).toHaveText('Geen wachtenden voor KCC')
    await phone(medewerker1).getByRole('button', { name: 'Ophangen' }).click()
  })

  test('counts a caller who hangs up after a long wait as Opgehangen, with a terugbelverzoek, on the wall and in the Teamoverzicht', async ({
    rig,
    browser,
  }) => {
    // The caller waits past the afdeling's 30 s before a hang-up earns a terugbelverzoek.
    test.setTimeout(120_000)
    const wall = await openPage(browser)
    await openWallboard(wall, rig)
    const supervisor = await openPage(browser)
    await loginAgent(supervisor, rig, 'supervisor')
    // Nobody of KCC Beschikbaar, the supervisor included: the caller waits.
    await chooseStatus(supervisor, 'pauze')
    // KCC's column of the Teamoverzicht's queue table, top to bottom.
    const queueRow = team(supervisor)
      .getByRole('table', { name: 'Wachtrij' })
      .locator('td[data-afdeling="kcc"]')
    await expect(queueRow.first()).toHaveText('0')

    const caller = await openPage(browser)
    await callerDials(caller, rig)
    await expect(figure(wall, 'KCC', 'Wachtend')).toHaveText('1')
    await expect(queueRow.first()).toHaveText('1')
    await expect(figure(wall, 'KCC', 'Langste wachttijd')).toHaveText(/^0:3[1-9]$|^0:[4-5]\d$/, {
      timeout: 60_000,
    })
    await caller.getByRole('button', { name: 'Ophangen' }).click()

    await expect(figure(wall, 'KCC', 'Wachtend')).toHaveText('0')
    await expect(figure(wall, 'KCC', 'Opgehangen')).toHaveText('1')
    await expect(figure(wall, 'KCC', 'Aangenomen')).toHaveText('0')
    await expect(figure(wall, 'KCC', 'Servicelevel')).toHaveText('0%')
    await expect(figure(wall, 'KCC', 'Terugbelverzoeken')).toHaveText('1', { timeout: 20_000 })
    // Wachtend, Langste wachttijd, Aangenomen, Opgehangen, Niemand beschikbaar, Servicelevel,
    // Terugbelverzoeken, then the open contactverzoeken (the terugbelverzoek is one) and the oldest's age.
    await expect(queueRow).toHaveText([
      '0',
      '–',
      '0',
      '1',
      '0',
      '0%',
      '1',
      '1',
      /^(minder dan 1 min|\d+ min)$/,
    ])
    await expectNoAxeViolations(supervisor, '.supervisor')
  })

  test('counts a caller for an afdeling with nobody logged in as Niemand beschikbaar, within Opgehangen', async ({
    rig,
    browser,
  }) => {
    // The wall screen's supervisor tells no state of its own: it never counts as logged in.
    const wall = await openPage(browser)
    await openWallboard(wall, rig)
    const caller = await openPage(browser)
    await callerDials(caller, rig, 'vergunningen')
    await expect(figure(wall, 'Afdeling Vergunningen', 'Niemand beschikbaar')).toHaveText('1')
    await expect(figure(wall, 'Afdeling Vergunningen', 'Opgehangen')).toHaveText('1')
    await expect(figure(wall, 'Afdeling Vergunningen', 'Wachtend')).toHaveText('0')
    await expect(figure(wall, 'KCC', 'Opgehangen')).toHaveText('0')
  })

  test('an agent who lets a queue call ring out is told so, and their status follows to Pauze', async ({
    rig,
    browser,
  }) => {
    const medewerker1 = await openPage(browser)
    await loginAgent(medewerker1, rig, 'medewerker1')
    const caller = await openPage(browser)
    await callerDials(caller, rig)
    await expect(phone(medewerker1).getByRole('button', { name: 'Opnemen' })).toBeVisible()
    // The agent does not answer; after the afdeling's ring time the gateway puts them on Pauze.
    await expect(
      medewerker1.getByText('U hebt een gesprek laten overgaan; uw status is nu Pauze.'),
    ).toBeVisible({
      timeout: 40_000,
    })
    // The app's own "ringing is over" crossed the queue's Pauze on the wire; the hub kept the Pauze
    // (shared/live/protocol.ts, `from`), so the queue does not offer the caller to this agent again.
    await expect(medewerker1.getByTestId('agent-state')).toHaveText('Pauze')
    await expect(phone(medewerker1).getByRole('button', { name: 'Opnemen' })).toHaveCount(0)
    await expect(medewerker1.getByTestId('queue-waiting')).toHaveText('1 wachtende voor KCC')
    await expectNoAxeViolations(medewerker1)

    // Choosing Beschikbaar again ends the notice, and the agent can take the caller.
    await chooseStatus(medewerker1, 'beschikbaar')
    await expect(medewerker1.getByText('U hebt een gesprek laten overgaan')).toHaveCount(0)
    await phone(medewerker1).getByRole('button', { name: 'Opnemen' }).click({ timeout: 20_000 })
    await expect(phone(medewerker1).getByText('In gesprek')).toBeVisible()
    await expect(medewerker1.getByTestId('queue-waiting')).toHaveText('Geen wachtenden voor KCC')
  })
})
