import { expectNoAxeViolations } from './support/axe'
import { expect, SIP_BACKENDS, test } from './support/kcc-rig'
import { callerDials, klantcontactForm, loginAgent, openPage } from './support/pages'
import { expectAudioBothWays } from './support/webrtc-stats'

/**
 * The first contact end to end: a citizen calls the KCC, medewerker1's app rings and shows the
 * call, medewerker1 answers and a klantcontact with kanaal Telefoon opens, medewerker1 types a
 * question about a dakkapel and saves it; the register then holds it with the betrokkene and the
 * actor, and the screen shows its nummer. Real parts only: the gateway, our provider, the SIP
 * server (embedded and Kamailio), Chromium with fake media devices, everything on 127.0.0.1.
 */
const ONDERWERP = 'Voorwaarden vergunningsvrije dakkapel'
const INHOUD =
  'Klant wil weten of een dakkapel aan de achterkant van zijn woning vergunningsvrij geplaatst mag worden.'
const AANVULLING = 'Klant stuurt een tekening van de achtergevel na.'

for (const backend of SIP_BACKENDS) {
  test.describe(`agent desktop with the ${backend} SIP server`, () => {
    test.use({ sipBackend: backend })

    test('an inbound call opens a klantcontact that is registered with its betrokkene and actor', async ({
      rig,
      browser,
    }) => {
      const agent = await openPage(browser)
      const caller = await openPage(browser)
      await agent.goto(rig.url)
      await expect(agent.getByLabel('Gebruikersnaam')).toBeFocused()
      await expectNoAxeViolations(agent)
      await loginAgent(agent, rig, 'medewerker1')
      await expectNoAxeViolations(agent)

      await callerDials(caller, rig)
      const form = klantcontactForm(agent)
      // While it rings: the call and who calls, no klantcontact yet (it opens for whoever answers).
      const ringing = agent.getByTestId('ringing-call')
      await expect(ringing.getByRole('heading', { name: 'Inkomend gesprek' })).toBeVisible()
      await expect(ringing.getByTestId('ringing-number')).toHaveText(rig.callerAccount['user']!)
      await expect(form.naamKlant).toHaveCount(0)
      await expectNoAxeViolations(agent)

      await agent.getByRole('button', { name: 'Opnemen' }).click()
      await expect(form.kanaal).toHaveValue('Telefoon')
      await expect(form.naamKlant).toBeFocused()
      await expect(form.taal).toHaveValue('nld')
      await expect(ringing).toHaveCount(0)
      await expect(agent.getByRole('region', { name: 'Telefoon' }).getByText('In gesprek')).toBeVisible()
      await expect(agent.getByTestId('agent-state')).toHaveText('In gesprek')
      await expect(caller.getByRole('status')).toHaveText(/In gesprek/)
      await expectAudioBothWays(agent, caller)

      await form.naamKlant.fill('Jan de Vries')
      await form.onderwerp.fill(ONDERWERP)
      await form.inhoud.fill(INHOUD)
      await expect(agent.getByText(`${ONDERWERP.length}/200`)).toBeVisible()
      await expect(agent.getByText(`${INHOUD.length}/1000`)).toBeVisible()
      await form.opslaan.click()

      await expect(form.nummer).toHaveText(/\d{8,10}/)
      const nummer = (await form.nummer.textContent())!.replace(/\D/g, '')
      await expectNoAxeViolations(agent)

      const [klantcontact, ...others] = await rig.providerApi.klantcontactenByNummer(nummer)
      expect(others).toEqual([])
      expect(klantcontact).toMatchObject({
        kanaal: 'Telefoon',
        onderwerp: ONDERWERP,
        inhoud: INHOUD,
        taal: 'nld',
        vertrouwelijk: false,
        indicatieContactGelukt: true,
      })
      const betrokkenen = (klantcontact!._expand?.['hadBetrokkenen'] ?? []) as Array<Record<string, unknown>>
      expect(betrokkenen).toHaveLength(1)
      expect(betrokkenen[0]).toMatchObject({ rol: 'klant', initiator: true, volledigeNaam: 'Jan de Vries' })
      const links = await rig.providerApi.actorKlantcontacten(klantcontact!.uuid)
      expect(links).toHaveLength(1)
      const actor = await rig.providerApi.get<{ naam: string; actoridentificator: { objectId: string } }>(
        `/actoren/${links[0]!.actor.uuid}`,
      )
      expect(actor.actoridentificator.objectId).toBe('medewerker1@kcc.test')

      // Saved, the klantcontact stays in full in the main column, and the agent adds to its inhoud.
      const saved = agent.getByRole('region', { name: 'Klantcontact opgeslagen' })
      await expect(agent.getByRole('heading', { level: 2, name: `Klantcontact ${nummer}` })).toBeVisible()
      await expect(saved.getByText(ONDERWERP)).toBeVisible()
      await expect(saved.getByText(INHOUD)).toBeVisible()
      await expect(saved.getByText('Jan de Vries')).toBeVisible()
      await saved.getByLabel('Aanvulling').fill(AANVULLING)
      await saved.getByRole('button', { name: 'Aanvulling opslaan' }).click()
      await expect(saved.getByText('Aanvulling opgeslagen')).toBeVisible()
      await expect(saved.getByText(AANVULLING)).toBeVisible()
      const [aangevuld] = await rig.providerApi.klantcontactenByNummer(nummer)
      expect(aangevuld!.inhoud).toBe(`${INHOUD}\n\n${AANVULLING}`)

      await agent.getByRole('button', { name: 'Ophangen' }).click()
      await expect(caller.getByRole('status')).toHaveText(/Beëindigd/)
      await expect(agent.getByTestId('agent-state')).toHaveText('Nawerk')
      await expect(saved.getByText(AANVULLING)).toBeVisible()

      // The recent list fits its column at 1366 wide, and its nummer opens the klantcontact.
      await agent.setViewportSize({ width: 1366, height: 768 })
      const recent = agent.getByRole('region', { name: 'Recente klantcontacten' })
      const open = recent.getByRole('button', { name: `Klantcontact ${nummer} openen` })
      await expect(open).toBeVisible()
      expect(await recent.evaluate((panel) => panel.scrollWidth <= panel.clientWidth)).toBe(true)
      await open.click()
      await expect(agent.getByRole('heading', { name: `Klantcontact ${nummer}` }).last()).toBeFocused()
      await expect(
        agent.getByRole('region', { name: `Klantcontact ${nummer}` }).getByText(AANVULLING),
      ).toBeVisible()
      // From the top: axe cannot judge the contrast of what scrolled under the sticky status bar.
      await agent.evaluate(() => window.scrollTo(0, 0))
      await expectNoAxeViolations(agent)
    })

    test('a reload while typing keeps the draft and the session', async ({ rig, browser }) => {
      const agent = await openPage(browser)
      const caller = await openPage(browser)
      await loginAgent(agent, rig, 'medewerker1')
      await callerDials(caller, rig)
      const form = klantcontactForm(agent)
      await agent.getByRole('button', { name: 'Opnemen' }).click()
      await expect(form.naamKlant).toBeFocused()
      await form.naamKlant.fill('Jan de Vries')
      await form.onderwerp.fill(ONDERWERP)
      await form.inhoud.pressSequentially('Klant wil weten')

      await agent.reload()

      await expect(form.naamKlant).toHaveValue('Jan de Vries')
      await expect(form.onderwerp).toHaveValue(ONDERWERP)
      await expect(form.inhoud).toHaveValue('Klant wil weten')
      await expect(agent.getByText('Telefoon verbonden')).toBeVisible({ timeout: 15_000 })
    })
  })
}

test.describe('agent desktop when the gateway goes away', () => {
  test('saving while the gateway is down waits, then registers exactly one klantcontact', async ({
    rig,
    browser,
  }) => {
    const agent = await openPage(browser)
    const caller = await openPage(browser)
    await loginAgent(agent, rig, 'medewerker1')
    await callerDials(caller, rig)
    const form = klantcontactForm(agent)
    await agent.getByRole('button', { name: 'Opnemen' }).click()
    await form.naamKlant.fill('Jan de Vries')
    await form.onderwerp.fill(ONDERWERP)
    await form.inhoud.fill(INHOUD)

    await rig.stopGateway()
    await form.opslaan.click()
    await expect(
      agent.getByText('Wacht op verbinding met de server; wordt automatisch opnieuw verstuurd.'),
    ).toBeVisible()
    await expect(form.nummer).toHaveCount(0)

    await rig.startGateway()
    await expect(form.nummer).toHaveText(/\d{8,10}/, { timeout: 30_000 })
    const nummer = (await form.nummer.textContent())!.replace(/\D/g, '')
    const found = await rig.providerApi.get<{ count: number }>(
      `/klantcontacten?onderwerp=${encodeURIComponent(ONDERWERP)}`,
    )
    expect(found.count).toBe(1)
    expect(await rig.providerApi.klantcontactenByNummer(nummer)).toHaveLength(1)
    // After the restart the app is back on its feet by itself: phone and live socket. (The call's
    // media is peer to peer, so the call itself may well still be up.)
    await expect(agent.getByText('Telefoon verbonden')).toBeVisible({ timeout: 15_000 })
    await expect(agent.getByTestId('agent-state')).not.toHaveText('Geen verbinding met de server')
  })
})

test.describe('agent desktop login', () => {
  test('works from the keyboard alone, and a wrong password is refused in Dutch', async ({ rig, page }) => {
    await page.goto(rig.url)
    await expect(page.getByLabel('Gebruikersnaam')).toBeFocused()
    await page.keyboard.type('medewerker1')
    await page.keyboard.press('Tab')
    await expect(page.getByLabel('Wachtwoord')).toBeFocused()
    await page.keyboard.type('niet-het-wachtwoord')
    await page.keyboard.press('Enter')
    await expect(page.getByRole('alert')).toHaveText('Onbekende gebruikersnaam of onjuist wachtwoord.')
    await expectNoAxeViolations(page)

    await page.getByLabel('Wachtwoord').fill('welkom-medewerker1')
    await page.keyboard.press('Enter')
    await expect(page.getByText('Telefoon verbonden')).toBeVisible({ timeout: 15_000 })
    await page.getByRole('button', { name: 'Uitloggen' }).focus()
    await page.keyboard.press('Enter')
    await expect(page.getByLabel('Gebruikersnaam')).toBeVisible()
  })
})
