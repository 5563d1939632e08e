import { expect, type Browser, type Page } from '@playwright/test'
import { newTrackedContext } from './contexts'
import { demoPassword, type KccRig } from './kcc-rig'
import { trackPeerConnections } from './webrtc-stats'

/**
 * The agent app and the demo caller page as a person uses them: by their Dutch labels and roles,
 * never by CSS classes, so a test breaks when what an agent sees breaks.
 */
export async function openPage(browser: Browser): Promise<Page> {
  const context = await newTrackedContext(browser)
  await trackPeerConnections(context)
  return context.newPage()
}

/** Logs in through the login screen and waits until the phone is registered and the agent available. */
export async function loginAgent(page: Page, rig: KccRig, login: string): Promise<void> {
  await page.goto(rig.url)
  await page.getByLabel('Gebruikersnaam').fill(login)
  await page.getByLabel('Wachtwoord').fill(demoPassword(login))
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await expectReady(page)
}

/**
 * The workspace after login or reload: phone registered, live socket open, agent available (the
 * status says Beschikbaar only with the live connection open; without it, that there is none).
 */
export async function expectReady(page: Page): Promise<void> {
  await expect(page.getByText('Telefoon verbonden')).toBeVisible({ timeout: 15_000 })
  await expect(page.getByTestId('agent-state')).toHaveText('Beschikbaar')
}

/** Chooses the agent's own status as an agent does: the status button, then the choice. */
export async function chooseStatus(page: Page, state: 'beschikbaar' | 'pauze' | 'nawerk'): Promise<void> {
  const names = { beschikbaar: 'Beschikbaar', pauze: 'Pauze', nawerk: 'Nawerk' } as const
  await page.getByRole('button', { name: /^Mijn status/ }).click()
  await page.getByRole('button', { name: names[state], exact: true }).click()
}

/** The demo caller page (`/caller/`) dialling `target` with the rig's caller account. */
export async function callerDials(page: Page, rig: KccRig, target = 'kcc'): Promise<void> {
  const query = new URLSearchParams({ server: rig.sipUrl, target, ...rig.callerAccount })
  await page.goto(`${rig.url}/caller/?${query.toString()}`)
  await page.getByRole('button', { name: 'Bellen' }).click()
}

export const klantcontactForm = (page: Page) => ({
  naamKlant: page.getByLabel('Naam klant'),
  onderwerp: page.getByLabel('Onderwerp', { exact: true }),
  inhoud: page.getByLabel('Inhoud', { exact: true }),
  kanaal: page.getByLabel('Kanaal'),
  taal: page.getByLabel('Taal'),
  vertrouwelijk: page.getByLabel('Vertrouwelijk'),
  plaatsgevondenOp: page.getByRole('group', { name: 'Plaatsgevonden op' }),
  opslaan: page.getByRole('button', { name: 'Opslaan' }),
  nummer: page.getByTestId('klantcontactnummer'),
})
