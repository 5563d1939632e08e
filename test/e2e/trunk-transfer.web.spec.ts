import { TRUNK_TONE } from '../support/tones'
import { loginAgent, openPage } from './support/pages'
import { useTone } from './support/tones'
import {
  AFDELING_VERGUNNINGEN,
  answerAndRegister,
  consultRow,
  MEDEWERKER2,
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
  type Trunk,
} from './support/trunk-rig'
import type { Browser, Page } from '@playwright/test'

/**
 * Transfers of a citizen's call from the phone network, with the real agent app in Chromium: the
 * citizen's phone (baresip) follows the REFER as a REFER-capable carrier does, Kamailio sends its new
 * call on to medewerker2 (Afdeling Vergunningen), whose app has the klantcontact open, and the audio
 * crosses rtpengine both ways again: 440 Hz from the citizen, 700 Hz from medewerker2.
 */
const COLLEAGUE_HZ = 700

async function cast(browser: Browser, trunk: Trunk): Promise<{ medewerker1: Page; medewerker2: Page }> {
  const medewerker1 = await openPage(browser)
  const medewerker2 = await openPage(browser)
  await useTone(medewerker1, TRUNK_TONE.agent)
  await useTone(medewerker2, COLLEAGUE_HZ)
  await loginAgent(medewerker1, trunk.rig, 'medewerker1')
  await loginAgent(medewerker2, trunk.rig, 'medewerker2')
  await trunk.citizenDials()
  await expect(phone(medewerker1).getByText('Inkomend gesprek')).toBeVisible({ timeout: 15_000 })
  return { medewerker1, medewerker2 }
}

test.describe('transferring a citizen on the phone network', () => {
  test('warm: medewerker2 of Vergunningen gets the call with the klantcontact open, and both hear each other', async ({
    trunk,
    browser,
  }) => {
    const { medewerker1, medewerker2 } = await cast(browser, trunk)
    const nummer = (await answerAndRegister(medewerker1))!
    await trunk.citizen.waitFor(/Call established/)

    await transferTo(medewerker1, AFDELING_VERGUNNINGEN)
    const opened = openedKlantcontact(medewerker2, nummer)
    await expect(opened.getByText(ONDERWERP)).toBeVisible()
    await phone(medewerker2).getByRole('button', { name: 'Opnemen' }).click()
    const voltooien = consultRow(medewerker1).getByRole('button', { name: 'Doorverbinden voltooien' })
    await expect(voltooien).toBeEnabled()
    await voltooien.click()

    await expect(
      phone(medewerker1).getByText('De klant is doorverbonden met Afdeling Vergunningen.'),
    ).toBeVisible({ timeout: 20_000 })
    await expect(medewerker1.getByTestId('agent-state')).toHaveText('Nawerk')
    await expect(phone(medewerker2).getByText('In gesprek')).toBeVisible()
    await expect(opened.getByText(ONDERWERP)).toBeVisible()
    await expectPageHears(medewerker2, TRUNK_TONE.citizen)
    await expectCitizenHears(trunk.citizen, COLLEAGUE_HZ, -1)

    await phone(medewerker2).getByRole('button', { name: 'Ophangen' }).click()
    await trunk.citizen.waitFor(TRANSFERRED_CALL_ENDED)
  })

  test('blind: the citizen phone follows the REFER to medewerker2, whose app opens the klantcontact', async ({
    trunk,
    browser,
  }) => {
    const { medewerker1, medewerker2 } = await cast(browser, trunk)
    const nummer = (await answerAndRegister(medewerker1))!
    await trunk.citizen.waitFor(/Call established/)

    await transferTo(medewerker1, MEDEWERKER2, 'blind')
    await expect(phone(medewerker2).getByText('Inkomend gesprek')).toBeVisible({ timeout: 20_000 })
    const opened = openedKlantcontact(medewerker2, nummer)
    await expect(opened.getByText(ONDERWERP)).toBeVisible()
    await phone(medewerker2).getByRole('button', { name: 'Opnemen' }).click()

    await expect(phone(medewerker2).getByText('In gesprek')).toBeVisible()
    await expect(medewerker1.getByTestId('agent-state')).toHaveText('Nawerk', { timeout: 20_000 })
    await expectPageHears(medewerker2, TRUNK_TONE.citizen)
    await expectCitizenHears(trunk.citizen, COLLEAGUE_HZ, -1)

    await phone(medewerker2).getByRole('button', { name: 'Ophangen' }).click()
    await trunk.citizen.waitFor(TRANSFERRED_CALL_ENDED)
  })
})
