import { randomUUID } from 'node:crypto'
import { expectNoAxeViolations } from './support/axe'
import { expect, test } from './support/kcc-rig'
import { loginAgent, openPage } from './support/pages'

/**
 * Klantcontacten zoeken (docs/agent-app.md): medewerker1 finds a klantcontact a colleague
 * registered earlier by a word of its onderwerp, and opens it as the case, read-only, as it is
 * neither theirs nor passed to them. Real parts: the gateway, our provider, Chromium.
 */
const ONDERWERP = 'Kapvergunning voor een eik in de achtertuin'

test('an agent finds a colleague’s klantcontact by its onderwerp and opens it read-only', async ({
  rig,
  browser,
}) => {
  const colleague = await rig.login('medewerker2')
  const registered = await fetch(`${rig.url}/api/klantcontacten`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${colleague.token}`,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify({
      kanaal: 'Telefoon',
      onderwerp: ONDERWERP,
      inhoud: 'Mag de eik weg?',
      taal: 'nld',
    }),
  })
  expect(registered.status).toBe(201)
  const { nummer } = (await registered.json()) as { nummer: string }

  const agent = await openPage(browser)
  await loginAgent(agent, rig, 'medewerker1')
  const search = agent.getByRole('region', { name: 'Klantcontacten zoeken' })
  await expect(search.getByRole('region', { name: 'Recente klantcontacten' })).toBeVisible()
  await search.getByLabel('Onderwerp bevat').fill('kapvergunning')
  await search.getByRole('button', { name: 'Zoeken' }).click()

  const results = search.getByRole('region', { name: 'Zoekresultaten' })
  const open = results.getByRole('button', { name: `Klantcontact ${nummer} openen` })
  await expect(open).toBeVisible()
  await expect(results.getByText('Alleen lezen')).toBeVisible()
  // From the top: axe cannot judge the contrast of what scrolled under the sticky status bar.
  await agent.evaluate(() => window.scrollTo(0, 0))
  await expectNoAxeViolations(agent)

  await open.click()
  const opened = agent.getByRole('region', { name: `Klantcontact ${nummer}` })
  await expect(opened.getByText(ONDERWERP)).toBeVisible()
  await expect(opened.getByText(/^Alleen lezen: dit klantcontact is niet door u behandeld/)).toBeVisible()
  await expect(opened.getByRole('textbox', { name: 'Antwoord' })).toHaveCount(0)
  // From the top: axe cannot judge the contrast of what scrolled under the sticky status bar.
  await agent.evaluate(() => window.scrollTo(0, 0))
  await expectNoAxeViolations(agent)
})
