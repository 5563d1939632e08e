import { expect, type Browser, type Page } from '@playwright/test'
import type { KccRig } from './kcc-rig'
import { klantcontactForm, loginAgent, openPage } from './pages'

/**
 * The transfer steps as the agents do them, by the Dutch labels on screen (docs/agent-app.md);
 * shared by the transfer browser tests and bench:transfer.
 */
export const ONDERWERP = 'Voorwaarden vergunningsvrije dakkapel'
export const INHOUD =
  'Klant wil weten of een dakkapel aan de achterkant van zijn woning vergunningsvrij geplaatst mag worden.'
export const ANTWOORD =
  'Antwoord: vergunningsvrij mits niet aan de voorkant en binnen de regels van het Besluit omgevingsrecht.'

/** The phone strip: the call, or during a consult both calls, each in its own row. */
export const phone = (page: Page) => page.getByRole('region', { name: 'Telefoon' })
export const callerStatus = (caller: Page) => caller.getByRole('status')
/** The Doorverbinden dialog (side sheet): the picker, the steps before the consult, a failure. */
export const transferPanel = (page: Page) => page.getByRole('dialog', { name: 'Doorverbinden' })
/** During a consult: the waiting customer's row and the colleague's row in the phone strip. */
export const customerRow = (page: Page) => phone(page).getByRole('group', { name: 'Klant (in de wacht)' })
export const consultRow = (page: Page) => phone(page).getByRole('group', { name: /^Overleg met / })
export const openedKlantcontact = (page: Page, nummer: string) =>
  page.getByRole('region', { name: `Klantcontact ${nummer}` })

/** The agent answers the ringing customer and registers the dakkapel klantcontact; returns its nummer. */
export async function answerAndRegister(
  agent: Page,
  options: { save?: boolean } = {},
): Promise<string | undefined> {
  const form = klantcontactForm(agent)
  await agent.getByRole('button', { name: 'Opnemen' }).click()
  await expect(agent.getByRole('region', { name: 'Telefoon' }).getByText('In gesprek')).toBeVisible()
  await form.naamKlant.fill('Jan de Vries')
  await form.onderwerp.fill(ONDERWERP)
  await form.inhoud.fill(INHOUD)
  if (options.save === false) {
    return undefined
  }
  await form.opslaan.click()
  await expect(form.nummer).toHaveText(/\d{1,10}/)
  return (await form.nummer.textContent())!.replace(/\D/g, '')
}

/** Opens the Doorverbinden dialog with the phone strip's button, unless it is open already. */
export async function openTransfer(agent: Page): Promise<void> {
  if (!(await transferPanel(agent).isVisible())) {
    await phone(agent).getByRole('button', { name: 'Doorverbinden', exact: true }).click()
  }
  await expect(transferPanel(agent)).toBeVisible()
}

/** Opens Doorverbinden, chooses the target (by the start of its label) and presses Doorverbinden. */
export async function transferTo(
  agent: Page,
  target: string | RegExp,
  kind: 'warm' | 'blind' = 'warm',
): Promise<void> {
  await openTransfer(agent)
  const panel = transferPanel(agent)
  await panel.getByRole('radio', { name: target }).check()
  if (kind === 'blind') {
    await panel.getByRole('radio', { name: 'Direct doorverbinden, zonder overleg' }).check()
  }
  await panel.getByRole('button', { name: 'Doorverbinden', exact: true }).click()
}

export const AFDELING_VERGUNNINGEN = /^Afdeling Vergunningen ·/
export const MEDEWERKER2 = /^Medewerker 2 \(Vergunningen\) ·/

/** The provider's actors of a klantcontact, as the e-mail addresses they were registered with. */
export async function actorsOf(rig: KccRig, klantcontactUuid: string): Promise<string[]> {
  const links = await rig.providerApi.actorKlantcontacten(klantcontactUuid)
  const actoren = await Promise.all(
    links.map((link) =>
      rig.providerApi.get<{ actoridentificator: { objectId: string } }>(`/actoren/${link.actor.uuid}`),
    ),
  )
  return actoren.map((a) => a.actoridentificator.objectId).sort()
}

/** The cast of a transfer: medewerker1 and medewerker2 logged in and ready, and the caller page. */
export async function transferCast(
  browser: Browser,
  rig: KccRig,
): Promise<{ medewerker1: Page; medewerker2: Page; caller: Page }> {
  const medewerker1 = await openPage(browser)
  const medewerker2 = await openPage(browser)
  const caller = await openPage(browser)
  await loginAgent(medewerker1, rig, 'medewerker1')
  await loginAgent(medewerker2, rig, 'medewerker2')
  return { medewerker1, medewerker2, caller }
}
