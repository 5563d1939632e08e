import type { Page } from '@playwright/test'
import type { SoftphoneAccountView } from '../../shared/gateway/api'
import { SipTestClient } from '../support/sip-client'
import { expectNoAxeViolations } from './support/axe'
import { expect, test } from './support/kcc-rig'
import { callerDials, klantcontactForm, loginAgent, openPage } from './support/pages'
import { phone } from './support/transfer-flow'

/**
 * The screen pop belongs to the agent who answers (docs/agent-app.md, "Screen pop"). A call to the
 * KCC's group address rings every member at once on Kamailio (the gateway's queue, which offers a
 * caller to one agent at a time, runs only with Kamailio's evapi or on the embedded server): both
 * agents see the ringing call and no klantcontact; the one who answers gets the klantcontact with
 * the ring time, the other's ring ends quietly. A call nobody answers goes to Gemiste oproepen,
 * from which the agent calls back.
 */
const ringingCall = (page: Page) => page.getByTestId('ringing-call')
const missedCalls = (page: Page) => page.getByRole('region', { name: 'Gemiste oproepen' })

test.describe('the screen pop of a group call on Kamailio', () => {
  test.use({ sipBackend: 'kamailio' })

  test('rings both agents without a klantcontact; the one who answers gets it with the ring time, the other nothing', async ({
    rig,
    browser,
  }) => {
    const medewerker1 = await openPage(browser)
    const medewerker3 = await openPage(browser)
    const caller = await openPage(browser)
    await loginAgent(medewerker1, rig, 'medewerker1')
    await loginAgent(medewerker3, rig, 'medewerker3')

    const dialled = Date.now()
    await callerDials(caller, rig)
    for (const agent of [medewerker1, medewerker3]) {
      await expect(ringingCall(agent).getByRole('heading', { name: 'Inkomend gesprek' })).toBeVisible()
      await expect(ringingCall(agent).getByTestId('ringing-number')).toHaveText(rig.callerAccount['user']!)
      await expect(ringingCall(agent).getByTestId('ringing-via')).toHaveText('Afdeling KCC')
      await expect(ringingCall(agent)).toContainText('Alt+O')
      await expect(klantcontactForm(agent).naamKlant).toHaveCount(0)
    }
    await expectNoAxeViolations(medewerker3)
    // Long enough a ring that the answer time could not pass for the ring time.
    await medewerker1.waitForTimeout(2_500)
    const answered = Date.now()
    await phone(medewerker1).getByRole('button', { name: 'Opnemen' }).click()

    const form = klantcontactForm(medewerker1)
    await expect(form.naamKlant).toBeFocused()
    await expect(form.kanaal).toHaveValue('Telefoon')
    await expect(ringingCall(medewerker1)).toHaveCount(0)
    await expect(caller.getByRole('status')).toHaveText(/In gesprek/)

    // medewerker3's ring ends quietly: no klantcontact, no missed call, no "Gesprek beëindigd".
    await expect(ringingCall(medewerker3)).toHaveCount(0)
    await expect(phone(medewerker3).getByRole('button', { name: 'Opnemen' })).toHaveCount(0)
    await expect(klantcontactForm(medewerker3).naamKlant).toHaveCount(0)
    await expect(missedCalls(medewerker3).getByText('Geen gemiste oproepen.')).toBeVisible()
    await expect(medewerker3.getByText('Gesprek beëindigd')).toHaveCount(0)

    await form.onderwerp.fill('Ophaaldag grofvuil')
    await form.opslaan.click()
    await expect(form.nummer).toHaveText(/\d{1,10}/)
    const nummer = (await form.nummer.textContent())!.replace(/\D/g, '')
    const [klantcontact] = await rig.providerApi.klantcontactenByNummer(nummer)
    const plaatsgevondenOp = Date.parse(klantcontact!.plaatsgevondenOp)
    // The ring time: after the caller dialled, and well before medewerker1 answered.
    expect(plaatsgevondenOp).toBeGreaterThanOrEqual(dialled - 1_000)
    expect(plaatsgevondenOp).toBeLessThan(answered - 1_500)
    await expect(missedCalls(medewerker1).getByText('Geen gemiste oproepen.')).toBeVisible()
  })

  test('a call the caller gives up on is a missed call at both agents, and Terugbellen calls them back', async ({
    rig,
    browser,
  }) => {
    const medewerker1 = await openPage(browser)
    const medewerker3 = await openPage(browser)
    await loginAgent(medewerker1, rig, 'medewerker1')
    await loginAgent(medewerker3, rig, 'medewerker3')

    // The caller: a phone of Vergunningen (medewerker2's credentials, the app not logged in), which
    // can be called back.
    const account = await (await rig.login('medewerker2')).get<SoftphoneAccountView>('/api/softphone')
    const colleague = await SipTestClient.connect({
      url: rig.sipUrl,
      domain: account.domain,
      user: account.extension,
      authUser: account.authorizationUsername,
      password: account.password,
    })
    try {
      expect((await colleague.register()).status).toBe(200)
      let sent: Parameters<typeof colleague.cancel>[0] | undefined
      const calling = colleague.invite(`sip:kcc@${rig.config.sip.domain}`, {
        onSent: (invite) => (sent = invite),
      })
      for (const agent of [medewerker1, medewerker3]) {
        await expect(ringingCall(agent)).toBeVisible()
      }
      await colleague.cancel(sent!)
      expect((await calling).final.status).toBe(487)

      for (const agent of [medewerker1, medewerker3]) {
        await expect(ringingCall(agent)).toHaveCount(0)
        await expect(klantcontactForm(agent).naamKlant).toHaveCount(0)
        await expect(missedCalls(agent).getByRole('heading', { name: 'Gemiste oproepen (1)' })).toBeVisible()
        await expect(missedCalls(agent).getByRole('listitem')).toContainText(account.extension)
        await expect(missedCalls(agent).getByRole('listitem')).toContainText(/\d{2}-\d{2}-\d{4} \d{2}:\d{2}/)
      }
      await expectNoAxeViolations(medewerker1)

      await missedCalls(medewerker1)
        .getByRole('button', { name: /^Terugbellen/ })
        .click()
      const callBack = await colleague.nextRequest('INVITE', { timeoutMs: 10_000 })
      expect(callBack.message.headers.from.uri).toContain(
        rig.config.agents.find((a) => a.login === 'medewerker1')!.sipExtension,
      )
      colleague.respond(callBack.message, 486, { reason: 'Busy Here' })
      // The list stays until the agent removes the call.
      await missedCalls(medewerker1)
        .getByRole('button', { name: /^Verwijderen/ })
        .click()
      await expect(missedCalls(medewerker1).getByText('Geen gemiste oproepen.')).toBeVisible()
    } finally {
      await colleague.close()
    }
  })
})
