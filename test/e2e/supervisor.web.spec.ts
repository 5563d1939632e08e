import type { Page } from '@playwright/test'
import { expectNoAxeViolations } from './support/axe'
import { expect, test } from './support/kcc-rig'
import { callerDials, chooseStatus, klantcontactForm, loginAgent, openPage } from './support/pages'
import {
  answerAndRegister,
  consultRow,
  MEDEWERKER2,
  ONDERWERP,
  openedKlantcontact,
  phone,
  transferPanel,
  transferTo,
} from './support/transfer-flow'

/**
 * In the browser: the supervisor's team overview follows the agents live. The SIP server only
 * carries the calls here, so these run against the embedded one.
 */
const team = (page: Page) => page.getByRole('region', { name: 'Teamoverzicht' })
const row = (page: Page, naam: string) => team(page).getByRole('row', { name: new RegExp(`^${naam}`) })
/**
 * An afdeling's figures in "Vandaag per afdeling" (a column per afdeling), top to bottom: answered,
 * abandoned, average, transfers, contactverzoeken.
 */
const today = (page: Page, afdeling: string) =>
  team(page).getByRole('table', { name: 'Vandaag per afdeling' }).locator(`td[data-afdeling="${afdeling}"]`)
const cells = async (page: Page, afdeling: string): Promise<string[]> =>
  (await today(page, afdeling).allTextContents()).map((text) => text.trim())
const monitorActions = (page: Page, naam: string) =>
  team(page).getByRole('group', { name: `Meeluisteren met ${naam}` })

/** Records every agent.state event the page's live socket receives, before the app sees it. */
const RECORD_AGENT_STATES = `
  window.__agentStates = []
  const Native = window.WebSocket
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args)
      this.addEventListener('message', (message) => {
        try {
          const data = JSON.parse(message.data)
          if (data.type === 'event' && data.event.type === 'agent.state') {
            window.__agentStates.push(data.event.login + ':' + data.event.state)
          }
        } catch {}
      })
    }
  }
`

test.describe('supervisor view', () => {
  test('shows the state changes of three agents as they happen, each in its order', async ({
    rig,
    browser,
  }) => {
    const supervisor = await openPage(browser)
    await supervisor.addInitScript(RECORD_AGENT_STATES)
    await loginAgent(supervisor, rig, 'supervisor')
    await expect(team(supervisor).getByRole('table', { name: 'KCC' })).toBeVisible()
    const agents = {
      medewerker1: await openPage(browser),
      medewerker2: await openPage(browser),
      medewerker3: await openPage(browser),
    }
    for (const [login, page] of Object.entries(agents)) {
      await loginAgent(page, rig, login)
    }
    await expect(row(supervisor, 'Medewerker 3 \\(KCC\\)')).toContainText('Beschikbaar')
    await expectNoAxeViolations(supervisor)

    const steps: Array<[keyof typeof agents, 'pauze' | 'beschikbaar']> = [
      ['medewerker1', 'pauze'],
      ['medewerker2', 'pauze'],
      ['medewerker3', 'pauze'],
      ['medewerker1', 'beschikbaar'],
      ['medewerker3', 'beschikbaar'],
      ['medewerker1', 'pauze'],
      ['medewerker2', 'beschikbaar'],
    ]
    const before = await supervisor.evaluate(
      () => (window as unknown as { __agentStates: string[] }).__agentStates.length,
    )
    for (const [login, state] of steps) {
      await chooseStatus(agents[login], state)
    }

    await expect(row(supervisor, 'Medewerker 1 \\(KCC\\)')).toContainText('Pauze')
    await expect(row(supervisor, 'Medewerker 2 \\(Vergunningen\\)')).toContainText('Beschikbaar')
    await expect(row(supervisor, 'Medewerker 3 \\(KCC\\)')).toContainText('Beschikbaar')
    await expect
      .poll(() =>
        supervisor.evaluate(() => (window as unknown as { __agentStates: string[] }).__agentStates.length),
      )
      .toBe(before + steps.length)
    const seen = (
      await supervisor.evaluate(() => (window as unknown as { __agentStates: string[] }).__agentStates)
    ).slice(before)
    for (const login of Object.keys(agents)) {
      expect(seen.filter((entry) => entry.startsWith(`${login}:`))).toEqual(
        steps.filter(([who]) => who === login).map(([who, state]) => `${who}:${state}`),
      )
    }

    // The reason an agent gives for a pauze is the supervisor's to see.
    await agents.medewerker1.getByRole('button', { name: /^Mijn status/ }).click()
    await agents.medewerker1.getByRole('button', { name: 'Pauze: Overleg' }).click()
    await expect(row(supervisor, 'Medewerker 1 \\(KCC\\)')).toContainText('Pauze Overleg')
  })

  test('shows each call with its klantcontact and onderwerp, and the transfer in flight', async ({
    rig,
    browser,
  }) => {
    const supervisor = await openPage(browser)
    const medewerker1 = await openPage(browser)
    const medewerker2 = await openPage(browser)
    const caller = await openPage(browser)
    await loginAgent(supervisor, rig, 'supervisor')
    // The supervisor takes no customer calls here.
    await chooseStatus(supervisor, 'pauze')
    await loginAgent(medewerker1, rig, 'medewerker1')
    await loginAgent(medewerker2, rig, 'medewerker2')

    await callerDials(caller, rig)
    await expect(row(supervisor, 'Medewerker 1 \\(KCC\\)')).toContainText('Gaat over')
    const nummer = (await answerAndRegister(medewerker1))!
    const medewerker1Row = row(supervisor, 'Medewerker 1 \\(KCC\\)')
    await expect(medewerker1Row).toContainText('In gesprek')
    await expect(medewerker1Row).toContainText(`Inkomend`)
    // The call counts from the answer the gateway stamped, as the agent's own timer: no longer ringing.
    await expect(medewerker1Row).not.toContainText('gaat over')
    await expect(medewerker1Row).toContainText(/Inkomend · \d+:\d\d ·/)
    await expect(medewerker1Row).toContainText(`Klantcontact ${nummer}`)
    await expect(medewerker1Row).toContainText(ONDERWERP)
    // The supervisor of KCC may monitor medewerker1's call: the actions are there.
    await expect(monitorActions(supervisor, 'Medewerker 1 (KCC)').getByRole('button')).toHaveText([
      'Meeluisteren',
      'Fluisteren',
      'Inbreken',
    ])

    await transferTo(medewerker1, MEDEWERKER2)
    await expect(medewerker1Row).toContainText('In overleg')
    const transfers = team(supervisor).getByRole('list', { name: 'Lopende overdrachten' })
    await expect(transfers).toContainText(
      `Medewerker 1 (KCC) → Medewerker 2 (Vergunningen): klantcontact ${nummer}`,
    )
    await expectNoAxeViolations(supervisor)
    await expect(openedKlantcontact(medewerker2, nummer).getByText(ONDERWERP)).toBeVisible()
    await phone(medewerker2).getByRole('button', { name: 'Opnemen' }).click()
    await consultRow(medewerker1).getByRole('button', { name: 'Doorverbinden voltooien' }).click()

    // The transfer is done: the offer closes, and the customer's call is medewerker2's now.
    await expect(team(supervisor).getByText('Geen lopende overdrachten.')).toBeVisible()
    await expect(medewerker1Row).toContainText('Nawerk')
    const medewerker2Row = row(supervisor, 'Medewerker 2 \\(Vergunningen\\)')
    await expect(medewerker2Row).toContainText('In gesprek')
    await expect(medewerker2Row).toContainText(`Klantcontact ${nummer}`)
    await expect(medewerker2Row).toContainText(ONDERWERP)
    // Vergunningen is not the supervisor's afdeling: the gateway would refuse, so nothing is offered.
    await expect(monitorActions(supervisor, 'Medewerker 2 (Vergunningen)')).toHaveCount(0)
    await expect(medewerker2Row.getByRole('button')).toHaveCount(0)
    await phone(medewerker2).getByRole('button', { name: 'Ophangen' }).click()
    await expect(medewerker2Row).not.toContainText('Inkomend')

    // Today's counters: medewerker1 answered and passed the customer on (KCC), medewerker2 answered
    // the customer (Vergunningen); the consult between them is no customer call and not counted.
    await expect.poll(async () => (await cells(supervisor, 'kcc'))[0]).toBe('1')
    expect((await cells(supervisor, 'kcc'))[3]).toBe('1')
    await expect.poll(async () => (await cells(supervisor, 'vergunningen'))[0]).toBe('1')
    expect((await cells(supervisor, 'vergunningen'))[2]).toMatch(/^\d+:\d\d$/)
  })

  test('never shows the onderwerp of a vertrouwelijk klantcontact', async ({ rig, browser }) => {
    const supervisor = await openPage(browser)
    const medewerker1 = await openPage(browser)
    const caller = await openPage(browser)
    await loginAgent(supervisor, rig, 'supervisor')
    await chooseStatus(supervisor, 'pauze')
    await loginAgent(medewerker1, rig, 'medewerker1')
    await callerDials(caller, rig)
    await answerAndRegister(medewerker1, { save: false })
    const form = klantcontactForm(medewerker1)
    await form.vertrouwelijk.check()
    await form.opslaan.click()
    await expect(form.nummer).toHaveText(/\d{1,10}/)
    const nummer = (await form.nummer.textContent())!.replace(/\D/g, '')

    const medewerker1Row = row(supervisor, 'Medewerker 1 \\(KCC\\)')
    await expect(medewerker1Row).toContainText(`Klantcontact ${nummer}`)
    await expect(medewerker1Row).toContainText('Onderwerp afgeschermd (vertrouwelijk)')
    await expect(team(supervisor).getByText(ONDERWERP)).toHaveCount(0)

    // Nobody of Vergunningen is there: the transfer fails and ends in a contactverzoek, both counted.
    await transferTo(medewerker1, /^Afdeling Vergunningen ·/)
    await transferPanel(medewerker1).getByRole('button', { name: 'Contactverzoek maken' }).click()
    await expect(transferPanel(medewerker1).getByText('Contactverzoek gemaakt')).toBeVisible()
    await expect.poll(async () => (await cells(supervisor, 'kcc'))[4]).toBe('1')
    expect((await cells(supervisor, 'kcc'))[3]).toBe('1')
  })
})
