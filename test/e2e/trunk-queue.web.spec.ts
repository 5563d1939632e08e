import type { Page } from '@playwright/test'
import { TRUNK_TONE } from '../support/tones'
import { chooseStatus, klantcontactForm, loginAgent, openPage } from './support/pages'
import { useTone } from './support/tones'
import {
  AFDELING_VERGUNNINGEN,
  answerAndRegister,
  consultRow,
  ONDERWERP,
  openedKlantcontact,
  phone,
  transferTo,
} from './support/transfer-flow'
import {
  expect,
  expectCitizenHears,
  expectPageHears,
  test,
  TRANSFERRED_CALL_ENDED,
} from './support/trunk-rig'

/**
 * A citizen's call from the phone network through the gateway's queue (docs/queue.md): Kamailio
 * holds the call (-A KCC_QUEUE) and the gateway decides over evapi whom it rings, with the real
 * agent app in Chromium, rtpengine between the carrier's plain RTP and the browsers' WebRTC, and a
 * warm transfer to Afdeling Vergunningen. KCC has medewerker1, medewerker3 and the supervisor
 * (config/kcc.demo.json); medewerker2 is of Vergunningen.
 */
const COLLEAGUE_HZ = 700

test.use({ trunkQueue: true })

/**
 * Watches the page from now on for any sign of a ringing phone: the state badge saying "Gaat over"
 * or an Opnemen button. Watched in the page itself, so a ring that is over before the test looks
 * is still seen; `rang()` tells whether there was one.
 */
async function watchRinging(page: Page): Promise<{ rang(): Promise<boolean> }> {
  await page.evaluate(() => {
    const w = window as unknown as { kccRang?: boolean }
    w.kccRang = false
    const check = (): void => {
      const state = document.querySelector('[data-testid="agent-state"]')?.textContent ?? ''
      const opnemen = [...document.querySelectorAll('button')].some(
        (b) => b.textContent?.trim() === 'Opnemen',
      )
      if (state.includes('Gaat over') || opnemen) {
        w.kccRang = true
      }
    }
    new MutationObserver(check).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
    })
    check()
  })
  return {
    rang: () => page.evaluate(() => (window as unknown as { kccRang?: boolean }).kccRang === true),
  }
}

test.describe('a citizen on the phone network in the queue', () => {
  test('rings only the longest-idle KCC agent, who answers with the screen pop, hears the citizen both ways and warm-transfers to Vergunningen', async ({
    trunk,
    browser,
  }) => {
    test.setTimeout(120_000)
    // Beschikbaar one after the other, medewerker3 first: the longest idle, though medewerker1 comes
    // first in the configuration and by name.
    const medewerker3 = await openPage(browser)
    const medewerker1 = await openPage(browser)
    const medewerker2 = await openPage(browser)
    await useTone(medewerker3, TRUNK_TONE.agent)
    await useTone(medewerker2, COLLEAGUE_HZ)
    await loginAgent(medewerker3, trunk.rig, 'medewerker3')
    await loginAgent(medewerker1, trunk.rig, 'medewerker1')
    await loginAgent(medewerker2, trunk.rig, 'medewerker2')
    const longestIdle = await watchRinging(medewerker3)
    const other = await watchRinging(medewerker1)

    await trunk.citizenDials()
    await expect(phone(medewerker3).getByText('Inkomend gesprek')).toBeVisible({ timeout: 15_000 })
    // The ringing call, and no klantcontact until medewerker3 answers.
    await expect(medewerker3.getByTestId('ringing-call')).toBeVisible()
    await expect(klantcontactForm(medewerker3).kanaal).toHaveCount(0)
    const nummer = (await answerAndRegister(medewerker3))!
    await trunk.citizen.waitFor(/Call established/)
    await expectPageHears(medewerker3, TRUNK_TONE.citizen)
    await expectCitizenHears(trunk.citizen, TRUNK_TONE.agent)
    expect(await longestIdle.rang()).toBe(true)
    expect(await other.rang()).toBe(false)
    await expect(medewerker1.getByTestId('agent-state')).toHaveText('Beschikbaar')

    await transferTo(medewerker3, AFDELING_VERGUNNINGEN)
    const opened = openedKlantcontact(medewerker2, nummer)
    await expect(opened.getByText(ONDERWERP)).toBeVisible({ timeout: 20_000 })
    await phone(medewerker2).getByRole('button', { name: 'Opnemen' }).click()
    const voltooien = consultRow(medewerker3).getByRole('button', { name: 'Doorverbinden voltooien' })
    await expect(voltooien).toBeEnabled()
    await voltooien.click()

    await expect(
      phone(medewerker3).getByText('De klant is doorverbonden met Afdeling Vergunningen.'),
    ).toBeVisible({ timeout: 20_000 })
    await expect(medewerker3.getByTestId('agent-state')).toHaveText('Nawerk')
    await expect(phone(medewerker2).getByText('In gesprek')).toBeVisible()
    await expect(opened.getByText(ONDERWERP)).toBeVisible()
    await expectPageHears(medewerker2, TRUNK_TONE.citizen)
    await expectCitizenHears(trunk.citizen, COLLEAGUE_HZ, -1)
    // Neither the queued call nor the transfer to Vergunningen ever rang the other KCC agent.
    expect(await other.rang()).toBe(false)

    await phone(medewerker2).getByRole('button', { name: 'Ophangen' }).click()
    await trunk.citizen.waitFor(TRANSFERRED_CALL_ENDED)
  })

  test('holds the citizen while the only KCC agent is on Pauze and rings them the moment they are Beschikbaar', async ({
    trunk,
    browser,
  }) => {
    test.setTimeout(90_000)
    const medewerker1 = await openPage(browser)
    await useTone(medewerker1, TRUNK_TONE.agent)
    await loginAgent(medewerker1, trunk.rig, 'medewerker1')
    await chooseStatus(medewerker1, 'pauze')
    await expect(medewerker1.getByTestId('agent-state')).toHaveText('Pauze')
    await expect(medewerker1.getByTestId('queue-waiting')).toHaveText('Geen wachtenden voor KCC')
    const ringing = await watchRinging(medewerker1)

    await trunk.citizenDials()
    await expect(medewerker1.getByTestId('queue-waiting')).toHaveText('1 wachtende voor KCC', {
      timeout: 15_000,
    })
    await expect(medewerker1.getByText(/langste wachttijd \d+:\d\d/)).toBeVisible()
    // The wait ticks on while the caller waits: the queue holds them, nobody is rung.
    const wait = await medewerker1.getByText(/langste wachttijd \d+:\d\d/).textContent()
    await expect(medewerker1.getByText(/langste wachttijd \d+:\d\d/)).not.toHaveText(wait ?? '')
    expect(await ringing.rang()).toBe(false)
    await expect(medewerker1.getByTestId('agent-state')).toHaveText('Pauze')

    await chooseStatus(medewerker1, 'beschikbaar')
    await expect(phone(medewerker1).getByText('Inkomend gesprek')).toBeVisible({ timeout: 10_000 })
    await phone(medewerker1).getByRole('button', { name: 'Opnemen' }).click()
    await expect(phone(medewerker1).getByText('In gesprek')).toBeVisible()
    await trunk.citizen.waitFor(/Call established/)
    await expect(medewerker1.getByTestId('queue-waiting')).toHaveText('Geen wachtenden voor KCC')
    await expectPageHears(medewerker1, TRUNK_TONE.citizen)
    await expectCitizenHears(trunk.citizen, TRUNK_TONE.agent)

    await phone(medewerker1).getByRole('button', { name: 'Ophangen' }).click()
    await trunk.citizen.waitFor(/terminated/)
  })
})
