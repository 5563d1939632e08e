import { expectNoAxeViolations } from './support/axe'
import { expect, test } from './support/kcc-rig'
import { callerDials, chooseStatus, klantcontactForm, loginAgent, openPage } from './support/pages'
import {
  actorsOf,
  ANTWOORD,
  answerAndRegister,
  callerStatus,
  INHOUD,
  MEDEWERKER2,
  openedKlantcontact,
  phone,
  transferCast,
  transferTo,
} from './support/transfer-flow'

/**
 * In the browser: "Klantcontact openen" by a nummer read out on the phone (the manual path when the
 * nummer did not travel with the call), and nawerk after a call. Neither depends on the SIP server
 * beyond the call itself, so they run against the embedded one.
 */
test.describe('nawerk', () => {
  test('after the call the agent stays in nawerk and can still finish and save the klantcontact', async ({
    rig,
    browser,
  }) => {
    const medewerker1 = await openPage(browser)
    const caller = await openPage(browser)
    await loginAgent(medewerker1, rig, 'medewerker1')
    await callerDials(caller, rig)
    const form = klantcontactForm(medewerker1)
    await answerAndRegister(medewerker1, { save: false })
    await phone(medewerker1).getByRole('button', { name: 'Ophangen' }).click()
    await expect(callerStatus(caller)).toHaveText(/Beëindigd/)
    await expect(medewerker1.getByTestId('agent-state')).toHaveText('Nawerk')

    await form.inhoud.fill(`${INHOUD} Teruggebeld niet nodig.`)
    await form.opslaan.click()
    await expect(form.nummer).toHaveText(/\d{1,10}/)
    const nummer = (await form.nummer.textContent())!.replace(/\D/g, '')
    const [klantcontact] = await rig.providerApi.klantcontactenByNummer(nummer)
    expect(klantcontact!.inhoud).toBe(`${INHOUD} Teruggebeld niet nodig.`)
    // Still in nawerk until the agent says they are done.
    await expect(medewerker1.getByTestId('agent-state')).toHaveText('Nawerk')
    await chooseStatus(medewerker1, 'beschikbaar')
    await expect(medewerker1.getByTestId('agent-state')).toHaveText('Beschikbaar')
  })
})

test.describe('klantcontact openen', () => {
  test('a colleague opens a klantcontact by the nummer read out on the phone, and may answer it once it is passed on', async ({
    rig,
    browser,
  }) => {
    const { medewerker1, medewerker2, caller } = await transferCast(browser, rig)
    await callerDials(caller, rig)
    const nummer = (await answerAndRegister(medewerker1))!

    // Typed as it is read out and shown: in groups of three ("26 000 001").
    // "Klantcontact openen" in the case column (the side column's search has a nummer field too).
    const caseColumn = medewerker2.locator('#kcc-case')
    await caseColumn.getByLabel('Klantcontactnummer').fill(nummer.replace(/\B(?=(\d{3})+$)/g, ' '))
    await caseColumn.getByRole('button', { name: 'Openen' }).click()
    const opened = openedKlantcontact(medewerker2, nummer)
    await expect(opened.getByRole('heading', { name: `Klantcontact ${nummer}` })).toBeFocused()
    await expect(opened.getByText(INHOUD)).toBeVisible()
    // Reading it is not enough to answer it: answering would make medewerker2 involved on their own say.
    const antwoord = opened.getByRole('textbox', { name: 'Antwoord' })
    await antwoord.fill(ANTWOORD)
    await opened.getByRole('button', { name: 'Antwoord opslaan' }).click()
    await expect(opened.getByText(/aan wie het is overgedragen/)).toBeVisible()
    await expect(antwoord).toHaveValue(ANTWOORD)

    // medewerker1 passes it on to Vergunningen (as Doorverbinden does, without the call): now it may.
    const announcer = await rig.login('medewerker1')
    await announcer.post('/api/transfers', { nummer, target: { type: 'afdeling', id: 'vergunningen' } })
    await opened.getByRole('button', { name: 'Antwoord opslaan' }).click()
    await expect(opened.getByText('Antwoord opgeslagen')).toBeVisible()
    // From the top: axe cannot judge the contrast of what scrolled under the sticky status bar.
    await medewerker2.evaluate(() => window.scrollTo(0, 0))
    await expectNoAxeViolations(medewerker2)

    const [klantcontact] = await rig.providerApi.klantcontactenByNummer(nummer)
    expect(klantcontact!.inhoud).toContain(ANTWOORD)
    expect(await actorsOf(rig, klantcontact!.uuid)).toEqual(['medewerker1@kcc.test', 'medewerker2@kcc.test'])
  })
})

test.describe('a transfer the colleague declines', () => {
  test('takes the klantcontact off the colleague’s screen: no answer form without a call', async ({
    rig,
    browser,
  }) => {
    const { medewerker1, medewerker2, caller } = await transferCast(browser, rig)
    await callerDials(caller, rig)
    const nummer = (await answerAndRegister(medewerker1))!
    await transferTo(medewerker1, MEDEWERKER2)
    const opened = openedKlantcontact(medewerker2, nummer)
    await expect(opened.getByText(INHOUD)).toBeVisible()

    await medewerker2.getByRole('button', { name: 'Weigeren' }).click()
    await expect(opened).toHaveCount(0)
    await expect(medewerker2.getByText('Doorverbonden door een collega, bij dit gesprek.')).toHaveCount(0)
    await expect(medewerker2.getByRole('textbox', { name: 'Antwoord' })).toHaveCount(0)
    await expect(callerStatus(caller)).toHaveText(/In gesprek/)
  })
})
