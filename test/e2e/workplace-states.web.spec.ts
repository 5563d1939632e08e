import type { Page } from '@playwright/test'
import { demoPassword, expect, test } from './support/kcc-rig'
import { callerDials, expectReady, klantcontactForm, loginAgent, openPage } from './support/pages'
import { captureState } from './support/screenshots'
import {
  answerAndRegister,
  callerStatus,
  INHOUD,
  MEDEWERKER2,
  ONDERWERP,
  openedKlantcontact,
  phone,
} from './support/transfer-flow'

/**
 * Every screen and state of the workplace the browser tests reach, each checked with axe at
 * 1366×768 and 1920×1080 and written as a screenshot (support/screenshots.ts says where): the
 * gallery in docs/agent-app.md comes from this run. The states are reached as agents reach them,
 * with the real gateway, provider and SIP server; a state that is not reached fails the test.
 */
const team = (page: Page) => page.getByRole('region', { name: 'Teamoverzicht' })
const missedCalls = (page: Page) => page.getByRole('region', { name: 'Gemiste oproepen' })

const transferDialog = (page: Page) => page.getByRole('dialog', { name: 'Doorverbinden' })

/** Opens the Doorverbinden dialog from the phone and chooses `target`, as an agent does. */
async function chooseTransferTarget(agent: Page, target: RegExp): Promise<void> {
  await phone(agent)
    .getByRole('button', { name: /^Doorverbinden/ })
    .click()
  await transferDialog(agent).getByRole('radio', { name: target }).check()
}

test.describe('workplace states', () => {
  test('an agent’s own day: login, idle, ringing, a missed call, a call, nawerk and the gateway gone', async ({
    rig,
    browser,
  }) => {
    test.setTimeout(180_000)
    const agent = await openPage(browser)
    const caller = await openPage(browser)

    await agent.goto(rig.url)
    await expect(agent.getByLabel('Gebruikersnaam')).toBeFocused()
    await captureState(agent, 'login')

    await agent.getByLabel('Gebruikersnaam').fill('medewerker1')
    await agent.getByLabel('Wachtwoord').fill('niet-het-wachtwoord')
    await agent.getByRole('button', { name: 'Inloggen' }).click()
    await expect(agent.getByRole('alert')).toBeVisible()
    await captureState(agent, 'login-error')

    await agent.getByLabel('Wachtwoord').fill(demoPassword('medewerker1'))
    await agent.getByRole('button', { name: 'Inloggen' }).click()
    await expectReady(agent)
    await captureState(agent, 'idle')

    // The help overlay and the missed calls end nothing the later states need: a miss there is
    // reported (soft) and the walk goes on.
    await agent.keyboard.press('?')
    await expect.soft(agent.getByRole('dialog', { name: 'Sneltoetsen' })).toBeVisible()
    await captureState(agent, 'shortcuts')
    await agent.keyboard.press('Escape')
    await expect.soft(agent.getByRole('dialog', { name: 'Sneltoetsen' })).toHaveCount(0)

    await callerDials(caller, rig)
    await expect(phone(agent).getByRole('button', { name: /^Opnemen/ })).toBeVisible()
    await captureState(agent, 'ringing')

    // The citizen gives up before anyone answers: a missed call to call back.
    await caller.getByRole('button', { name: 'Ophangen' }).click()
    await expect.soft(missedCalls(agent).getByRole('button', { name: /Terugbellen/ })).toBeVisible()
    await captureState(agent, 'missed-calls')

    await caller.getByRole('button', { name: 'Bellen' }).click()
    await answerAndRegister(agent, { save: false })
    await captureState(agent, 'in-call')

    await phone(agent)
      .getByRole('button', { name: /^Ophangen/ })
      .click()
    await expect(callerStatus(caller)).toHaveText(/Beëindigd/)
    await expect(agent.getByTestId('agent-state')).toHaveText(/Nawerk/)
    await captureState(agent, 'nawerk')

    // The server goes away while the agent saves: the klantcontact waits and the screen says why.
    await rig.stopGateway()
    await klantcontactForm(agent).opslaan.click()
    await expect(agent.getByText(/niet bereikbaar|geen verbinding|wacht op verbinding/i).first()).toBeVisible(
      {
        timeout: 15_000,
      },
    )
    await captureState(agent, 'error-offline')
  })

  test('a transfer seen by both agents, the supervisor and the wallboard', async ({ rig, browser }) => {
    test.setTimeout(180_000)
    const medewerker1 = await openPage(browser)
    const medewerker2 = await openPage(browser)
    const caller = await openPage(browser)
    await loginAgent(medewerker1, rig, 'medewerker1')
    await loginAgent(medewerker2, rig, 'medewerker2')

    await callerDials(caller, rig)
    const nummer = (await answerAndRegister(medewerker1))!
    // The supervisor logs in once the customer's call is answered, so it never rings at theirs.
    const supervisor = await openPage(browser)
    await loginAgent(supervisor, rig, 'supervisor')

    await chooseTransferTarget(medewerker1, MEDEWERKER2)
    await captureState(medewerker1, 'transfer-dialog')

    await transferDialog(medewerker1).getByRole('button', { name: 'Doorverbinden', exact: true }).click()
    const opened = openedKlantcontact(medewerker2, nummer)
    await expect(opened.getByText(ONDERWERP)).toBeVisible()
    await expect(phone(medewerker2).getByRole('button', { name: /^Opnemen/ })).toBeVisible()
    await captureState(medewerker2, 'transfer-ringing')

    await phone(medewerker2)
      .getByRole('button', { name: /^Opnemen/ })
      .click()
    const voltooien = medewerker1.getByRole('button', { name: /^Doorverbinden voltooien/ }).first()
    await expect(voltooien).toBeEnabled()
    await expect(medewerker1.getByTestId('agent-state')).toHaveText(/In overleg/)
    await captureState(medewerker1, 'consult')

    await expect(
      team(supervisor)
        .getByRole('list', { name: 'Lopende overdrachten' })
        .getByText(`klantcontact ${nummer}`),
    ).toBeVisible()
    await captureState(supervisor, 'supervisor')

    await voltooien.click()
    await expect(callerStatus(caller)).toHaveAttribute('data-transferred', 'true')
    await expect(opened.getByText(INHOUD)).toBeVisible()
    await captureState(medewerker2, 'transfer-received')

    const wall = await openPage(browser)
    await wall.goto(`${rig.url}/#/wallboard`)
    await wall.getByLabel('Gebruikersnaam').fill('supervisor')
    await wall.getByLabel('Wachtwoord').fill(demoPassword('supervisor'))
    await wall.getByRole('button', { name: 'Inloggen' }).click()
    await expect(wall.getByRole('list', { name: 'Wachtrijen' }).getByRole('listitem')).toHaveCount(2)
    await captureState(wall, 'wallboard')
  })
})
