import type { KlantcontactView } from '../../shared/gateway/api'
import { CITIZEN_NUMBER } from '../support/baresip'
import type { Betrokkene } from '../support/klantinteracties-types'
import { expectNoAxeViolations } from './support/axe'
import { klantcontactForm, loginAgent, openPage } from './support/pages'
import { actorsOf, phone } from './support/transfer-flow'
import { expect, test } from './support/trunk-rig'

/**
 * The end of a case (docs/agent-app.md, "Afhandeling"; docs/provider.md, "Afhandeling"): a citizen
 * the register knows (a partij with their phone number) calls the KCC over the phone network. The
 * agent answers, links the known partij with one click, saves, records the afhandeling, and hangs
 * up: Nawerk, which ends by itself at the afdeling's limit. Then the register is read as KISS reads
 * it (the klantcontact with its betrokkene and wasPartij, the agent's actor, indicatieContactGelukt)
 * and the gateway's afhandeling beside it.
 */
test.use({ nawerkSeconds: { kcc: 10 } })

test('the agent links the known caller, records the afhandeling, and Nawerk ends by itself; the register shows it', async ({
  trunk,
  browser,
}) => {
  test.setTimeout(120_000)
  const { rig, citizen } = trunk
  const partij = await rig.providerApi.post<{ uuid: string }>('/partijen', {
    soortPartij: 'persoon',
    indicatieActief: true,
    partijIdentificatie: {
      contactnaam: { voorletters: 'A', voornaam: 'Anna', voorvoegselAchternaam: 'de', achternaam: 'Vries' },
    },
  })
  await rig.providerApi.post('/digitaleadressen', {
    soortDigitaalAdres: 'telefoonnummer',
    adres: CITIZEN_NUMBER,
    omschrijving: 'Mobiel',
    verstrektDoorPartij: { uuid: partij.uuid },
  })

  const agent = await openPage(browser)
  await loginAgent(agent, rig, 'medewerker1')
  // The citizen calls from their own number (baresip's account with it as its user).
  await citizen.command(`/uafind sip:${CITIZEN_NUMBER}@127.0.0.1`)
  await trunk.citizenDials()
  await expect(agent.getByTestId('ringing-call')).toBeVisible({ timeout: 15_000 })
  await phone(agent).getByRole('button', { name: 'Opnemen' }).click()
  await citizen.waitFor(/Call established/)

  // The known partij is offered, never linked unasked: one click links it.
  const form = klantcontactForm(agent)
  const linked = agent.getByText('Gekoppeld aan de bekende klant bij dit nummer.')
  await expect(agent.getByText(/^Bekende klant bij dit nummer: .*Vries$/)).toBeVisible()
  await expect(linked).toHaveCount(0)
  await agent.getByRole('button', { name: 'Naam overnemen' }).click()
  await expect(linked).toBeVisible()
  await form.onderwerp.fill('Ophaaldag grofvuil')
  await form.opslaan.click()
  await expect(form.nummer).toHaveText(/\d{1,10}/)
  const nummer = (await form.nummer.textContent())!.replace(/\D/g, '')

  // Saved: the afhandeling is offered during the call, preselected, and recorded only when asked.
  const afhandeling = agent.getByRole('group', { name: 'Afhandeling' })
  await expect(afhandeling.getByRole('radio', { name: 'Zelf beantwoord' })).toBeChecked()
  await expect(agent.getByText('Nog niet vastgelegd.')).toBeVisible()
  await agent.getByRole('button', { name: 'Afhandeling vastleggen' }).click()
  await expect(agent.getByText('Vastgelegd: Zelf beantwoord.')).toBeVisible()
  // The afhandeling in view, as the agent sees it (elsewhere the sticky phone strip covers the page).
  await afhandeling.scrollIntoViewIfNeeded()
  await expectNoAxeViolations(agent, '.afhandeling')

  await phone(agent).getByRole('button', { name: 'Ophangen' }).click()
  await citizen.waitFor(/terminated/)
  await expect(agent.getByTestId('agent-state')).toHaveText('Nawerk')
  // The afdeling's limit (10 s here) ends Nawerk without the agent: Beschikbaar again.
  await expect(agent.getByTestId('agent-state')).toHaveText('Beschikbaar', { timeout: 30_000 })

  // As KISS reads the register: the klantcontact, the klant as betrokkene of the known partij, the
  // agent as actor, and whether the contact came about.
  const [klantcontact] = await rig.providerApi.klantcontactenByNummer(nummer)
  expect(klantcontact).toMatchObject({ onderwerp: 'Ophaaldag grofvuil', indicatieContactGelukt: true })
  const betrokkenen = (klantcontact!._expand?.['hadBetrokkenen'] ?? []) as Betrokkene[]
  expect(betrokkenen.map((b) => [b.rol, b.wasPartij?.uuid])).toEqual([['klant', partij.uuid]])
  expect(await actorsOf(rig, klantcontact!.uuid)).toEqual(['medewerker1@kcc.test'])
  // And the afhandeling the gateway keeps beside the register.
  const session = await rig.login('medewerker1')
  const view = await session.get<KlantcontactView>(`/api/klantcontacten/by-nummer/${nummer}`)
  expect(view.afhandeling).toBe('zelf_beantwoord')
})
