import { CITIZEN_NUMBER } from '../support/baresip'
import { TRUNK_TONE } from '../support/tones'
import { klantcontactForm, loginAgent, openPage } from './support/pages'
import { useTone } from './support/tones'
import { expect, expectCitizenHears, expectPageHears, test } from './support/trunk-rig'

/**
 * A citizen on the phone network calls the municipality: their phone (baresip, plain SIP/UDP and
 * G.711) reaches Kamailio's trunk socket (deploy/kamailio, WITH_TRUNK), the number maps to the
 * afdeling KCC, the agent's app in Chromium rings and opens the klantcontact, and the call's media
 * crosses a real rtpengine: G.711 RTP to the phone, DTLS-SRTP with ICE to the browser. The citizen
 * says 440 Hz, the agent 1000 Hz; each is checked where the other one hears it.
 */
test.describe('a citizen calling over the phone network', () => {
  test('rings the agent, opens the klantcontact, and carries audio both ways through rtpengine', async ({
    trunk,
    browser,
  }) => {
    const { rig, citizen } = trunk
    const agent = await openPage(browser)
    await useTone(agent, TRUNK_TONE.agent)
    await loginAgent(agent, rig, 'medewerker1')

    await trunk.citizenDials()
    const form = klantcontactForm(agent)
    await expect(agent.getByTestId('ringing-call')).toBeVisible({ timeout: 15_000 })

    await agent.getByRole('button', { name: 'Opnemen' }).click()
    await expect(form.kanaal).toHaveValue('Telefoon')
    await expect(agent.getByRole('region', { name: 'Telefoon' }).getByText('In gesprek')).toBeVisible()
    await citizen.waitFor(/Call established/)

    await expectPageHears(agent, TRUNK_TONE.citizen)
    await expectCitizenHears(citizen, TRUNK_TONE.agent)

    await agent.getByRole('button', { name: 'Ophangen' }).click()
    await citizen.waitFor(/terminated/)
    await expect(agent.getByTestId('agent-state')).toHaveText('Nawerk')
  })

  test('the agent holds and resumes the citizen, and hears them again after the resume', async ({
    trunk,
    browser,
  }) => {
    const agent = await openPage(browser)
    await useTone(agent, TRUNK_TONE.agent)
    await loginAgent(agent, trunk.rig, 'medewerker1')
    await trunk.citizenDials()
    const telefoon = agent.getByRole('region', { name: 'Telefoon' })
    await telefoon.getByRole('button', { name: 'Opnemen' }).click()
    await trunk.citizen.waitFor(/Call established/)
    await expectPageHears(agent, TRUNK_TONE.citizen)

    // Both re-INVITEs cross rtpengine (towards the trunk, answered back to the browser's DTLS-SRTP).
    await telefoon.getByRole('button', { name: 'Wacht', exact: true }).click()
    await expect(telefoon.getByText('In de wacht', { exact: true })).toBeVisible()
    await trunk.citizen.waitFor(/got re-INVITE/)
    await telefoon.getByRole('button', { name: 'Hervatten', exact: true }).click()
    await expect(telefoon.getByText('In gesprek')).toBeVisible()
    await trunk.citizen.waitFor(/got re-INVITE/, 2)
    await expectPageHears(agent, TRUNK_TONE.citizen)

    await trunk.citizen.command('/hangup')
    await expect(agent.getByTestId('agent-state')).toHaveText('Nawerk')
  })
})

test.describe('an agent calling a citizen over the phone network', () => {
  test('dials the national number, the phone answers, and both hear each other through rtpengine', async ({
    trunk,
    browser,
  }) => {
    const agent = await openPage(browser)
    await useTone(agent, TRUNK_TONE.agent)
    await loginAgent(agent, trunk.rig, 'medewerker1')

    const telefoon = agent.getByRole('region', { name: 'Telefoon' })
    await telefoon.getByRole('button', { name: 'Bellen', exact: true }).click()
    await telefoon.getByLabel('Nummer', { exact: true }).fill(CITIZEN_NUMBER)
    await telefoon.getByRole('button', { name: 'Bel', exact: true }).click()
    await trunk.citizen.waitFor(/Call established/)
    await expect(agent.getByRole('region', { name: 'Telefoon' }).getByText('In gesprek')).toBeVisible()

    await expectPageHears(agent, TRUNK_TONE.citizen)
    await expectCitizenHears(trunk.citizen, TRUNK_TONE.agent)

    await agent.getByRole('region', { name: 'Telefoon' }).getByRole('button', { name: 'Ophangen' }).click()
    await trunk.citizen.waitFor(/terminated/)
  })
})
