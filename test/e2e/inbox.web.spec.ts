import type { Page } from '@playwright/test'
import { CITIZEN_E164, CITIZEN_NUMBER } from '../support/baresip'
import { expectNoAxeViolations } from './support/axe'
import { klantcontactForm, loginAgent, openPage } from './support/pages'
import { actorsOf, phone } from './support/transfer-flow'
import { expect, MUNICIPALITY_NUMBER, test } from './support/trunk-rig'

/**
 * The contactverzoek inbox (docs/agent-app.md, "The contactverzoek inbox"): a citizen on the phone
 * network calls the KCC while nobody of the KCC is logged in, so the queue registers a terugbelverzoek
 * (docs/queue.md). A KCC agent passes it on to Afdeling Vergunningen, where it appears live in a
 * colleague's inbox; the colleague claims it by calling back with one click (the citizen's phone
 * answers over the trunk), saves the call-back's klantcontact with the original in view and marks
 * the contactverzoek verwerkt. Then the register is read as KISS reads it: the interne taak verwerkt
 * with afgehandeldOp, the call-back linked to the original by an onderwerpobject, and the
 * colleague's actor on both.
 */
test.use({ trunkQueue: true })

const inbox = (page: Page) => page.getByTestId('inbox')
const terugbelverzoek = (page: Page) =>
  inbox(page)
    .getByRole('listitem')
    .filter({ has: page.getByText('Terugbelverzoek', { exact: true }) })
const action = (page: Page, actie: string) =>
  inbox(page).getByRole('button', { name: `${actie}: Terugbellen, ${CITIZEN_E164}` })

interface InterneTaak {
  status: string
  afgehandeldOp: string | null
  toelichting: string
  aanleidinggevendKlantcontact: { uuid: string }
  toegewezenAanActoren: Array<{ uuid: string }>
}

test('a terugbelverzoek from the queue is passed on, claimed and called back from another afdeling’s inbox, and marked verwerkt', async ({
  trunk,
  browser,
}) => {
  test.setTimeout(120_000)
  const { rig, citizen } = trunk
  const medewerker2 = await openPage(browser)
  await loginAgent(medewerker2, rig, 'medewerker2')
  await expect(medewerker2.getByTestId('inbox-count')).toHaveText('Geen open contactverzoeken')

  // The citizen calls from their own number; nobody of the KCC is logged in: a terugbelverzoek.
  await citizen.command(`/uafind sip:${CITIZEN_NUMBER}@127.0.0.1`)
  await citizen.command(`/dial sip:${MUNICIPALITY_NUMBER}@127.0.0.1:${trunk.trunkPort}`)

  const medewerker1 = await openPage(browser)
  await loginAgent(medewerker1, rig, 'medewerker1')
  await expect(terugbelverzoek(medewerker1)).toBeVisible({ timeout: 30_000 })
  const uuid = (await terugbelverzoek(medewerker1).getAttribute('data-inbox-item'))!
  await expect(terugbelverzoek(medewerker1)).toContainText('Voor KCC')
  await action(medewerker1, 'Doorzetten').click()
  const doorzetten = inbox(medewerker1).getByRole('form', {
    name: `Doorzetten: Terugbellen, ${CITIZEN_E164}`,
  })
  await doorzetten.getByLabel('Naar afdeling').selectOption({ label: 'Afdeling Vergunningen' })
  await doorzetten.getByLabel('Toelichting (niet verplicht)').fill('Gaat over een vergunning')
  await doorzetten.getByRole('button', { name: 'Doorzetten' }).click()
  await expect(inbox(medewerker1).getByRole('status')).toHaveText(
    'Het contactverzoek is doorgezet naar Afdeling Vergunningen.',
  )
  await expect(terugbelverzoek(medewerker1)).toHaveCount(0)

  // It appears at Vergunningen without a reload, counted in the status bar.
  await expect(terugbelverzoek(medewerker2)).toBeVisible({ timeout: 15_000 })
  await expect(medewerker2.getByTestId('inbox-count')).toHaveText('1 open contactverzoek')
  await expect(terugbelverzoek(medewerker2)).toContainText('Voor Afdeling Vergunningen')
  await expectNoAxeViolations(medewerker2, '[data-testid="inbox"]')

  // Terugbellen, one click: claimed, dialled, and the call-back's klantcontact opens under the original.
  await action(medewerker2, 'Terugbellen').click()
  await citizen.waitFor(/Call established/)
  await expect(phone(medewerker2).getByText('In gesprek')).toBeVisible()
  await expect(terugbelverzoek(medewerker2)).toContainText('Opgepakt door u')
  const origin = medewerker2.getByRole('region', { name: 'Terugbellen voor contactverzoek' })
  await expect(origin.getByRole('heading', { name: /^Eerder klantcontact \d+$/ })).toBeVisible()
  const originalNummer = (await origin
    .getByRole('heading', { name: /^Eerder klantcontact/ })
    .textContent())!.replace(/\D/g, '')
  await expect(origin.getByText('Terugbelverzoek', { exact: true })).toBeVisible()
  await expect(origin.getByText(/Telefoonnummer van de beller/)).toBeVisible()
  const form = klantcontactForm(medewerker2)
  await form.onderwerp.fill('Teruggebeld over de vergunning')
  await form.inhoud.fill('Klant wilde weten of een schuur vergunningvrij is: ja.')
  await form.opslaan.click()
  await expect(form.nummer).toHaveText(/\d{1,10}/)
  const nummer = (await form.nummer.textContent())!.replace(/\D/g, '')
  await phone(medewerker2).getByRole('button', { name: 'Ophangen' }).click()
  await citizen.waitFor(/terminated/)

  const verwerkt = origin.getByRole('form', { name: 'Contactverzoek verwerkt melden' })
  await verwerkt.getByLabel('Resultaat').fill('Teruggebeld: schuur is vergunningvrij.')
  await verwerkt.getByRole('button', { name: 'Verwerkt melden' }).click()
  await expect(origin.getByText('Het contactverzoek is verwerkt.')).toBeVisible()
  await expect(terugbelverzoek(medewerker2)).toHaveCount(0)
  await expect(medewerker2.getByTestId('inbox-count')).toHaveText('Geen open contactverzoeken')
  // From the top, where the sticky phone strip covers none of it.
  await medewerker2.evaluate(() => window.scrollTo(0, 0))
  await expectNoAxeViolations(medewerker2, '[data-testid="callback-origin"]')

  // As KISS reads it from the register.
  const taak = await rig.providerApi.get<InterneTaak>(`/internetaken/${uuid}`)
  expect(taak.status).toBe('verwerkt')
  expect(Date.parse(taak.afgehandeldOp ?? '')).not.toBeNaN()
  expect(taak.toelichting).toContain('Doorgezet naar Afdeling Vergunningen door Medewerker 1 (KCC)')
  expect(taak.toelichting).toContain(
    `Verwerkt door Medewerker 2 (Vergunningen): Teruggebeld: schuur is vergunningvrij. Teruggebeld: klantcontact ${nummer}.`,
  )
  const assigned = await Promise.all(
    taak.toegewezenAanActoren.map((a) =>
      rig.providerApi.get<{ actoridentificator: { objectId: string } | null }>(`/actoren/${a.uuid}`),
    ),
  )
  expect(assigned.map((a) => a.actoridentificator?.objectId)).toContain('medewerker2@kcc.test')

  const [original] = await rig.providerApi.klantcontactenByNummer(originalNummer)
  expect(original?.uuid).toBe(taak.aanleidinggevendKlantcontact.uuid)
  const [callBack] = await rig.providerApi.klantcontactenByNummer(nummer)
  expect(callBack).toMatchObject({ onderwerp: 'Teruggebeld over de vergunning', kanaal: 'Telefoon' })
  const links = await rig.providerApi.get<{ results: Array<{ wasKlantcontact: { uuid: string } | null }> }>(
    `/onderwerpobjecten?klantcontact__uuid=${callBack!.uuid}`,
  )
  expect(links.results.map((l) => l.wasKlantcontact?.uuid)).toContain(original!.uuid)
  expect(await actorsOf(rig, callBack!.uuid)).toEqual(['medewerker2@kcc.test'])
})
