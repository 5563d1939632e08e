import type { Page } from '@playwright/test'
import { FOCUS_TARGETS } from '../../renderer/src/lib/focus-targets'
import { expectNoAxeViolations } from './support/axe'
import { demoPassword, expect, test, type KccRig } from './support/kcc-rig'
import { focusByKeyboard, guardAgainstPointer, pointerEventsOf, typeInto } from './support/keyboard-only'
import { expectReady, klantcontactForm, openPage } from './support/pages'
import {
  actorsOf,
  ANTWOORD,
  callerStatus,
  INHOUD,
  MEDEWERKER2,
  ONDERWERP,
  openedKlantcontact,
  phone,
} from './support/transfer-flow'

/**
 * The C0534 story (a citizen asks about a dakkapel, the KCC agent registers it and passes the call
 * on to Vergunningen, whose colleague answers the question) done with the keyboard alone, by both
 * agents: Tab, the arrow keys, typing and the app's shortcuts. A guard in every page fails the test
 * if any mouse event reaches it. Real parts, as in the transfer tests.
 */
test('the whole dakkapel story, both agents, with the keyboard alone', async ({ rig, browser }) => {
  test.setTimeout(120_000)
  const medewerker1 = await keyboardPage(browser)
  const medewerker2 = await keyboardPage(browser)
  const caller = await keyboardPage(browser)
  await loginByKeyboard(medewerker1, rig, 'medewerker1')
  await loginByKeyboard(medewerker2, rig, 'medewerker2')

  // The overlay lists the shortcuts; Escape gives the focus back to where it was.
  const helpButton = medewerker1.getByRole('button', { name: /^Sneltoetsen/ })
  await focusByKeyboard(medewerker1, helpButton)
  await medewerker1.keyboard.press('?')
  const help = medewerker1.getByRole('dialog', { name: 'Sneltoetsen' })
  await expect(help).toBeVisible()
  await expect(help.getByRole('row', { name: /Alt\+O\s*Opnemen/ })).toBeVisible()
  await expect.poll(() => help.evaluate((d) => d.contains(document.activeElement))).toBe(true)
  await expectNoAxeViolations(medewerker1, '.kcc-help')
  await medewerker1.keyboard.press('Escape')
  await expect(help).toHaveCount(0)
  await expect(helpButton).toBeFocused()

  // The citizen calls; Opnemen has the focus, and the shortcut answers.
  await callerDialsByKeyboard(caller, rig)
  const answer1 = medewerker1.locator(`#${FOCUS_TARGETS.answer}`)
  await expect(answer1).toBeFocused()
  await medewerker1.keyboard.press('Alt+o')

  // After Opnemen the agent types in Naam klant at once, and saves with Ctrl+S.
  const form = klantcontactForm(medewerker1)
  await expect(form.naamKlant).toBeFocused()
  await medewerker1.keyboard.type('Jan de Vries')
  await typeInto(medewerker1, form.onderwerp, ONDERWERP)
  await typeInto(medewerker1, form.inhoud, INHOUD)
  await medewerker1.keyboard.press('Control+s')
  await expect(form.nummer).toHaveText(/\d{1,10}/)
  const nummer = (await form.nummer.textContent())!.replace(/\D/g, '')
  await expectFocusNotLost(medewerker1)

  // Alt+V opens Doorverbinden with the focus in its search field; a warm transfer to medewerker2.
  await medewerker1.keyboard.press('Alt+v')
  const dialog = medewerker1.getByRole('dialog', { name: 'Doorverbinden' })
  await expect(dialog).toBeVisible()
  await expect(medewerker1.locator(`#${FOCUS_TARGETS.transferFirst}`)).toBeFocused()
  await medewerker1.keyboard.type('Medewerker 2')
  const target = dialog.getByRole('radio', { name: MEDEWERKER2 })
  await focusByKeyboard(medewerker1, target)
  await medewerker1.keyboard.press('Space')
  await expect(target).toBeChecked()
  await focusByKeyboard(medewerker1, dialog.getByRole('button', { name: 'Doorverbinden', exact: true }))
  await medewerker1.keyboard.press('Enter')
  // The dialog makes way for the consult in the phone strip, and takes no focus with it.
  await expect(dialog).toHaveCount(0)
  await expectFocusNotLost(medewerker1)

  // medewerker2's phone rings with the klantcontact on screen; Opnemen has the focus.
  const opened = openedKlantcontact(medewerker2, nummer)
  await expect(opened.getByText(ONDERWERP)).toBeVisible()
  await expect(medewerker2.locator(`#${FOCUS_TARGETS.answer}`)).toBeFocused()
  await medewerker2.keyboard.press('Alt+o')
  await expect(medewerker2.locator(`#${FOCUS_TARGETS.answer}`)).toHaveCount(0)
  await expectFocusNotLost(medewerker2)

  // The colleague answered the consult: Doorverbinden voltooien has medewerker1's focus.
  const complete = medewerker1.locator(`#${FOCUS_TARGETS.consultComplete}`)
  await expect(complete).toBeFocused()
  await medewerker1.keyboard.press('Enter')
  await expect(medewerker1.getByText(/De klant is doorverbonden met Medewerker 2/)).toBeVisible()
  await expectFocusNotLost(medewerker1)

  // The citizen now talks to medewerker2, who still sees the klantcontact and adds the answer.
  await expect(callerStatus(caller)).toHaveText(/In gesprek/)
  await expect(callerStatus(caller)).toHaveAttribute('data-transferred', 'true')
  await expect(opened.getByText(ONDERWERP)).toBeVisible()
  await typeInto(medewerker2, opened.getByRole('textbox', { name: 'Antwoord' }), ANTWOORD)
  await medewerker2.keyboard.press('Control+s')
  await expect(opened.getByText('Antwoord opgeslagen')).toBeVisible()

  // The answer follows the question, and both medewerkers are involved.
  const [klantcontact] = await rig.providerApi.klantcontactenByNummer(nummer)
  expect(klantcontact!.onderwerp).toBe(ONDERWERP)
  const inhoud = klantcontact!.inhoud ?? ''
  expect(inhoud.startsWith(INHOUD)).toBe(true)
  expect(inhoud.indexOf(ANTWOORD)).toBeGreaterThan(INHOUD.length - 1)
  expect(await actorsOf(rig, klantcontact!.uuid)).toEqual(['medewerker1@kcc.test', 'medewerker2@kcc.test'])

  // Ophangen, reached with Tab and pressed with Enter, ends the call; the focus goes to the case
  // heading, not to the page, when the button goes away.
  await focusByKeyboard(medewerker2, phone(medewerker2).getByRole('button', { name: /^Ophangen/ }))
  await medewerker2.keyboard.press('Enter')
  await expect(callerStatus(caller)).toHaveText(/Beëindigd/)
  await expect(medewerker2.locator(`#${FOCUS_TARGETS.caseHeading}`)).toBeFocused()

  for (const page of [medewerker1, medewerker2, caller]) {
    expect(await pointerEventsOf(page)).toEqual([])
  }
})

async function keyboardPage(browser: Parameters<typeof openPage>[0]): Promise<Page> {
  const page = await openPage(browser)
  await guardAgainstPointer(page)
  return page
}

async function loginByKeyboard(page: Page, rig: KccRig, login: string): Promise<void> {
  await page.goto(rig.url)
  await typeInto(page, page.getByLabel('Gebruikersnaam'), login)
  await typeInto(page, page.getByLabel('Wachtwoord'), demoPassword(login))
  await page.keyboard.press('Enter')
  await expectReady(page)
}

/** The demo caller page dials the KCC; its Bellen is reached with Tab and pressed with Enter. */
async function callerDialsByKeyboard(page: Page, rig: KccRig, target = 'kcc'): Promise<void> {
  const query = new URLSearchParams({ server: rig.sipUrl, target, ...rig.callerAccount })
  await page.goto(`${rig.url}/caller/?${query.toString()}`)
  await focusByKeyboard(page, page.getByRole('button', { name: 'Bellen' }))
  await page.keyboard.press('Enter')
}

/** After the pressed button went away the focus is somewhere defined, never on the page itself. */
async function expectFocusNotLost(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() => document.activeElement !== null && document.activeElement !== document.body),
    )
    .toBe(true)
}
