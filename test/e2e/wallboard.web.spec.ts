import type { Page } from '@playwright/test'
import { expectNoAxeViolations } from './support/axe'
import { demoPassword, expect, test, type KccRig } from './support/kcc-rig'
import { openPage } from './support/pages'

/**
 * In the browser: the wallboard (`#/wallboard`) on a wall screen. A supervisor logs in on it once;
 * from then on it follows the live socket by itself, with no softphone and no own state.
 */
async function openWallboard(page: Page, rig: KccRig, login = 'supervisor'): Promise<void> {
  await page.goto(`${rig.url}/#/wallboard`)
  await expect(page.getByRole('heading', { level: 1, name: 'KCC Wallboard' })).toBeVisible()
  await page.getByLabel('Gebruikersnaam').fill(login)
  await page.getByLabel('Wachtwoord').fill(demoPassword(login))
  await page.getByRole('button', { name: 'Inloggen' }).click()
}

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
})
