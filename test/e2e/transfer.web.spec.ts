import { expectNoAxeViolations } from './support/axe'
import { expect, SIP_BACKENDS, test } from './support/kcc-rig'
import { callerDials, chooseStatus, klantcontactForm, loginAgent, openPage } from './support/pages'
import {
  actorsOf,
  AFDELING_VERGUNNINGEN,
  callerStatus,
  consultRow,
  customerRow,
  ANTWOORD,
  answerAndRegister,
  INHOUD,
  MEDEWERKER2,
  ONDERWERP,
  openedKlantcontact,
  openTransfer,
  phone,
  transferPanel,
  transferTo,
  transferCast,
} from './support/transfer-flow'
import { expectAudioBothWays } from './support/webrtc-stats'

/**
 * A warm transfer end to end ("overname van gesprek"): the klantcontactnummer travels with the call
 * and the colleague's app opens the klantcontact by itself. Real parts only: the gateway, our
 * provider, the SIP server (embedded and Kamailio), the demo caller page, Chromium with fake media
 * devices, all on 127.0.0.1.
 */
for (const backend of SIP_BACKENDS) {
  test.describe(`transfer with the ${backend} SIP server`, () => {
    test.use({ sipBackend: backend })

    test('a warm transfer carries the klantcontact to Afdeling Vergunningen, who answers it', async ({
      rig,
      browser,
    }) => {
      const { medewerker1, medewerker2, caller } = await transferCast(browser, rig)

      await callerDials(caller, rig)
      const nummer = (await answerAndRegister(medewerker1))!
      await openTransfer(medewerker1)
      await expect(
        transferPanel(medewerker1).getByRole('radio', { name: AFDELING_VERGUNNINGEN }),
      ).toHaveAccessibleName(/1 van 1 beschikbaar/)
      await expectNoAxeViolations(medewerker1)
      await transferTo(medewerker1, AFDELING_VERGUNNINGEN)

      // medewerker2's app shows the klantcontact while the consult call still rings.
      await expect(phone(medewerker2).getByText('Inkomend gesprek')).toBeVisible()
      const opened = openedKlantcontact(medewerker2, nummer)
      await expect(opened.getByText(ONDERWERP)).toBeVisible()
      await expect(opened.getByText(INHOUD)).toBeVisible()
      await expect(opened.getByText('Jan de Vries')).toBeVisible()
      await expect(opened.getByText(/Medewerker 1/)).toBeVisible()
      await expect(phone(medewerker2).getByRole('button', { name: 'Opnemen' })).toBeVisible()
      // No second, empty klantcontact for the consult call.
      await expect(klantcontactForm(medewerker2).naamKlant).toHaveCount(0)
      await expect(medewerker1.getByTestId('agent-state')).toHaveText('In overleg')
      // The strip shows both calls: the customer waiting, and the consult that rings.
      await expect(customerRow(medewerker1)).toBeVisible()
      await expect(consultRow(medewerker1).getByText('gaat over', { exact: true })).toBeVisible()
      await expectNoAxeViolations(medewerker2)

      await phone(medewerker2).getByRole('button', { name: 'Opnemen' }).click()
      const voltooien = consultRow(medewerker1).getByRole('button', { name: 'Doorverbinden voltooien' })
      await expect(voltooien).toBeEnabled()
      await expectNoAxeViolations(medewerker1)
      await voltooien.click()
      await expect(
        phone(medewerker1).getByText('De klant is doorverbonden met Afdeling Vergunningen.'),
      ).toBeVisible()
      await expect(medewerker1.getByTestId('agent-state')).toHaveText('Nawerk')

      // The caller now talks to medewerker2, and the klantcontact stayed open with the call.
      await expect(callerStatus(caller)).toHaveText(/In gesprek/)
      await expect(callerStatus(caller)).toHaveAttribute('data-transferred', 'true')
      await expect(phone(medewerker2).getByText('In gesprek')).toBeVisible()
      await expectAudioBothWays(medewerker2, caller)
      await expect(opened.getByText(ONDERWERP)).toBeVisible()
      // It is the case in medewerker2's main column after Opnemen and the completed transfer.
      await expect(medewerker2.locator('#case-heading')).toHaveText('Klantcontact van een collega')
      await expect(medewerker2.locator('.case-main').getByText(ONDERWERP)).toBeVisible()
      await expect(medewerker2.getByText('Er is geen klantcontact open.')).toHaveCount(0)

      await opened.getByRole('textbox', { name: 'Antwoord' }).fill(ANTWOORD)
      await opened.getByRole('button', { name: 'Antwoord opslaan' }).click()
      await expect(opened.getByText('Antwoord opgeslagen')).toBeVisible()
      // Answered, it is in medewerker2's recent list too.
      await expect(
        medewerker2
          .getByRole('region', { name: 'Recente klantcontacten' })
          .getByRole('button', { name: `Klantcontact ${nummer} openen` }),
      ).toBeVisible()

      // The answer amends the klantcontact and records the colleague as involved: the question stays,
      // the answer follows it, and both medewerkers are actors of the klantcontact.
      const [klantcontact] = await rig.providerApi.klantcontactenByNummer(nummer)
      expect(klantcontact!.onderwerp).toBe(ONDERWERP)
      const inhoud = klantcontact!.inhoud ?? ''
      expect(inhoud.startsWith(INHOUD)).toBe(true)
      expect(inhoud.indexOf(ANTWOORD)).toBeGreaterThan(INHOUD.length - 1)
      expect(await actorsOf(rig, klantcontact!.uuid)).toEqual([
        'medewerker1@kcc.test',
        'medewerker2@kcc.test',
      ])
      const links = await rig.providerApi.actorKlantcontacten(klantcontact!.uuid)
      const hadBetrokkenActoren = (klantcontact as { hadBetrokkenActoren?: Array<{ uuid: string }> })
        .hadBetrokkenActoren
      expect(hadBetrokkenActoren?.map((a) => a.uuid).sort()).toEqual(links.map((l) => l.actor.uuid).sort())

      await phone(medewerker2).getByRole('button', { name: 'Ophangen' }).click()
      await expect(callerStatus(caller)).toHaveText(/Beëindigd/)
    })

    test('a blind transfer hands the caller and the klantcontact to medewerker2', async ({
      rig,
      browser,
    }) => {
      const { medewerker1, medewerker2, caller } = await transferCast(browser, rig)
      await callerDials(caller, rig)
      const nummer = (await answerAndRegister(medewerker1))!

      await transferTo(medewerker1, MEDEWERKER2, 'blind')

      // The caller's phone calls medewerker2, whose app opens the klantcontact while it rings.
      await expect(phone(medewerker2).getByText('Inkomend gesprek')).toBeVisible()
      const opened = openedKlantcontact(medewerker2, nummer)
      await expect(opened.getByText(ONDERWERP)).toBeVisible()
      // medewerker1 is free once the caller's phone accepted the REFER, while medewerker2 still rings.
      await expect(
        transferPanel(medewerker1).getByText('De klant is doorverbonden met Medewerker 2 (Vergunningen).'),
      ).toBeVisible()
      await expect(medewerker1.getByTestId('agent-state')).toHaveText('Nawerk')

      await phone(medewerker2).getByRole('button', { name: 'Opnemen' }).click()
      await expect(callerStatus(caller)).toHaveText(/In gesprek/)
      await expect(callerStatus(caller)).toHaveAttribute('data-transferred', 'true')
      await expect(opened.getByText(ONDERWERP)).toBeVisible()
      await expectAudioBothWays(medewerker2, caller)
      await phone(medewerker2).getByRole('button', { name: 'Ophangen' }).click()
      await expect(callerStatus(caller)).toHaveText(/Beëindigd/)
    })

    test('a cancelled consult puts the agent back with the caller', async ({ rig, browser }) => {
      const { medewerker1, medewerker2, caller } = await transferCast(browser, rig)
      await callerDials(caller, rig)
      await answerAndRegister(medewerker1, { save: false })

      // Not saved yet: Doorverbinden saves the klantcontact first, and its nummer goes along.
      await transferTo(medewerker1, MEDEWERKER2)
      const form = klantcontactForm(medewerker1)
      await expect(form.nummer).toHaveText(/\d{1,10}/)
      const nummer = (await form.nummer.textContent())!.replace(/\D/g, '')
      await expect(openedKlantcontact(medewerker2, nummer).getByText(ONDERWERP)).toBeVisible()
      await phone(medewerker2).getByRole('button', { name: 'Opnemen' }).click()
      await expect(consultRow(medewerker1).getByText('in gesprek', { exact: true })).toBeVisible()
      // Ophangen in the consult's row ends the consult only; the customer is back.
      await consultRow(medewerker1).getByRole('button', { name: 'Overleg ophangen' }).click()

      await expect(
        phone(medewerker1).getByText(
          'Overleg met Medewerker 2 (Vergunningen) geannuleerd. U bent weer in gesprek met de klant.',
        ),
      ).toBeVisible()
      await expect(phone(medewerker2).getByText('Gesprek beëindigd')).toBeVisible()
      await expect(phone(medewerker1).getByText('In gesprek', { exact: true })).toBeVisible()
      await expect(medewerker1.getByTestId('agent-state')).toHaveText('In gesprek')
      await expect(callerStatus(caller)).toHaveText(/In gesprek/)
      await expectAudioBothWays(medewerker1, caller)
    })

    test('a consult nobody answers ends in a contactverzoek for the afdeling', async ({ rig, browser }) => {
      const medewerker1 = await openPage(browser)
      const caller = await openPage(browser)
      // Nobody of Afdeling Vergunningen is logged in.
      await loginAgent(medewerker1, rig, 'medewerker1')
      await callerDials(caller, rig)
      const nummer = (await answerAndRegister(medewerker1))!

      await transferTo(medewerker1, AFDELING_VERGUNNINGEN)

      const panel = transferPanel(medewerker1)
      await expect(panel.getByRole('alert')).toContainText(
        'Doorverbinden met Afdeling Vergunningen is niet gelukt: er wordt niet opgenomen.',
      )
      await expect(panel.getByRole('alert')).toContainText('U bent weer in gesprek met de klant.')
      await expect(callerStatus(caller)).toHaveText(/In gesprek/)
      await expect(panel.getByLabel('Gevraagde handeling')).toHaveValue(
        `Klant terugbellen over: ${ONDERWERP}`,
      )
      await expectNoAxeViolations(medewerker1)
      await panel.getByRole('button', { name: 'Contactverzoek maken' }).click()
      await expect(panel.getByText('Contactverzoek gemaakt')).toBeVisible()

      const [klantcontact] = await rig.providerApi.klantcontactenByNummer(nummer)
      const taken = await rig.providerApi.get<{
        results: Array<{ gevraagdeHandeling: string; status: string }>
      }>(`/internetaken?klantcontact__uuid=${klantcontact!.uuid}`)
      expect(taken.results).toHaveLength(1)
      expect(taken.results[0]).toMatchObject({
        gevraagdeHandeling: `Klant terugbellen over: ${ONDERWERP}`,
        status: 'te_verwerken',
      })
    })

    test('twenty warm transfers in a row all complete', async ({ rig, browser }) => {
      test.setTimeout(300_000)
      const { medewerker1, medewerker2, caller } = await transferCast(browser, rig)
      for (let round = 1; round <= 20; round += 1) {
        await test.step(`transfer ${round}`, async () => {
          await callerDials(caller, rig)
          const nummer = (await answerAndRegister(medewerker1))!
          await transferTo(medewerker1, MEDEWERKER2)
          await expect(openedKlantcontact(medewerker2, nummer).getByText(ONDERWERP)).toBeVisible()
          await phone(medewerker2).getByRole('button', { name: 'Opnemen' }).click()
          const voltooien = consultRow(medewerker1).getByRole('button', {
            name: 'Doorverbinden voltooien',
          })
          await expect(voltooien).toBeEnabled()
          await voltooien.click()
          await expect(phone(medewerker1).getByText(/De klant is doorverbonden met/)).toBeVisible()
          await expect(callerStatus(caller)).toHaveText(/In gesprek/)
          await expect(phone(medewerker2).getByText('In gesprek')).toBeVisible()
          await phone(medewerker2).getByRole('button', { name: 'Ophangen' }).click()
          await expect(callerStatus(caller)).toHaveText(/Beëindigd/)
          await chooseStatus(medewerker1, 'beschikbaar')
          await expect(medewerker1.getByTestId('agent-state')).toHaveText('Beschikbaar')
        })
      }
    })
  })
}
