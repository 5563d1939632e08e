import { CITIZEN_NUMBER } from '../support/baresip'
import type { Betrokkene } from '../support/klantinteracties-types'
import { expectNoAxeViolations } from './support/axe'
import { klantcontactForm, loginAgent, openPage } from './support/pages'
import { phone } from './support/transfer-flow'
import { expect, test } from './support/trunk-rig'

/**
 * The caller's picture at ring (docs/agent-app.md, "Klantbeeld"): a citizen who called before
 * calls the KCC over the phone network. While it rings, the agent sees who it is, their earlier
 * klantcontact and the contactverzoek still open for them, and can read the earlier one without
 * leaving the call. After answering, one click links the known partij as the betrokkene, and the
 * register holds the new klantcontact with that partij (wasPartij), as KISS reads it.
 */
test('a citizen who called before is recognised at ring with their history and open contactverzoek, and linked in one click', async ({
  trunk,
  browser,
}) => {
  test.setTimeout(120_000)
  const { rig, citizen } = trunk
  const api = rig.providerApi
  const partij = await api.post<{ uuid: string }>('/partijen', {
    soortPartij: 'persoon',
    indicatieActief: true,
    partijIdentificatie: { contactnaam: { voorletters: 'K', voornaam: 'Karel', achternaam: 'Jansen' } },
  })
  await api.post('/digitaleadressen', {
    soortDigitaalAdres: 'telefoonnummer',
    adres: CITIZEN_NUMBER,
    omschrijving: 'Vast',
    verstrektDoorPartij: { uuid: partij.uuid },
  })
  const eerder = await api.post<{ uuid: string; nummer: string }>('/klantcontacten', {
    kanaal: 'Telefoon',
    onderwerp: 'Dakkapel vergunning',
    inhoud: 'Vraagt hoe lang de aanvraag nog duurt.',
    taal: 'nld',
    vertrouwelijk: false,
    indicatieContactGelukt: true,
    plaatsgevondenOp: new Date(Date.now() - 86_400_000).toISOString(),
  })
  await api.post('/betrokkenen', {
    hadKlantcontact: { uuid: eerder.uuid },
    wasPartij: { uuid: partij.uuid },
    rol: 'klant',
    initiator: true,
  })
  const vergunningen = await api.post<{ uuid: string }>('/actoren', {
    naam: 'Vergunningen',
    soortActor: 'organisatorische_eenheid',
  })
  await api.post('/internetaken', {
    gevraagdeHandeling: 'Terugbellen over de dakkapel',
    aanleidinggevendKlantcontact: { uuid: eerder.uuid },
    toegewezenAanActoren: [{ uuid: vergunningen.uuid }],
    status: 'te_verwerken',
  })

  const agent = await openPage(browser)
  await loginAgent(agent, rig, 'medewerker1')
  // The citizen's phone calls from its number (its first account is a name, which no register holds).
  await citizen.command(`/uafind sip:${CITIZEN_NUMBER}@127.0.0.1`)
  await trunk.citizenDials()
  const ringing = agent.getByTestId('ringing-call')
  await expect(ringing).toBeVisible({ timeout: 15_000 })

  // At ring: who it is, the earlier contact and the open contactverzoek.
  const picture = ringing.locator('[data-klantbeeld]')
  await expect(picture).toHaveAttribute('data-klantbeeld', 'complete')
  await expect(ringing.getByTestId('ringing-caller')).toHaveText('Karel Jansen')
  await expect(picture.getByTestId('caller-picture-contacten')).toContainText('Dakkapel vergunning')
  await expect(picture.getByTestId('caller-picture-contacten')).toContainText('Contact gelukt')
  await expect(picture.getByTestId('caller-picture-verzoeken')).toContainText('Terugbellen over de dakkapel')
  await expect(picture.getByTestId('caller-picture-verzoeken')).toContainText('Bij Vergunningen')
  await expectNoAxeViolations(agent)

  // The earlier klantcontact opens read-only over the page; Escape closes it, focus goes back.
  const openen = picture.getByRole('button', { name: `Klantcontact ${eerder.nummer} openen` })
  await openen.click()
  const dialog = agent.getByRole('dialog', { name: `Klantcontact ${eerder.nummer}` })
  await expect(dialog).toContainText('Vraagt hoe lang de aanvraag nog duurt.')
  await expectNoAxeViolations(agent)
  await agent.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  await expect(openen).toBeFocused()
  await expect(ringing).toBeVisible()

  await phone(agent).getByRole('button', { name: 'Opnemen' }).click()
  await citizen.waitFor(/Call established/)

  // In the case: the picture stays, and the partij is offered, never linked unasked.
  const form = klantcontactForm(agent)
  await expect(agent.locator('[data-klantbeeld="complete"]')).toContainText('Dakkapel vergunning')
  await expect(form.naamKlant).toHaveValue('')
  await agent.getByRole('button', { name: 'Naam overnemen' }).click()
  await expect(agent.getByText('Gekoppeld aan de bekende klant bij dit nummer.')).toBeVisible()
  await expect(form.naamKlant).toHaveValue('Karel Jansen')
  await form.onderwerp.fill('Dakkapel: stand van zaken')
  await form.opslaan.click()
  await expect(form.nummer).toHaveText(/\d{1,10}/)
  const nummer = (await form.nummer.textContent())!.replace(/\D/g, '')

  const [klantcontact] = await api.klantcontactenByNummer(nummer)
  const betrokkenen = (klantcontact!._expand?.['hadBetrokkenen'] ?? []) as Betrokkene[]
  expect(betrokkenen.map((b) => [b.rol, b.wasPartij?.uuid])).toEqual([['klant', partij.uuid]])
  await phone(agent).getByRole('button', { name: 'Ophangen' }).click()
  await citizen.waitFor(/terminated/)
})
