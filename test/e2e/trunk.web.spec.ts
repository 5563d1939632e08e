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
    await expect(agent.getByText('Inkomend gesprek')).toBeVisible({ timeout: 15_000 })
    await expect(form.kanaal).toHaveValue('Telefoon')

    await agent.getByRole('button', { name: 'Opnemen' }).click()
    await expect(agent.getByRole('region', { name: 'Telefoon' }).getByText('In gesprek')).toBeVisible()
    await citizen.waitFor(/Call established/)

    await expectPageHears(agent, TRUNK_TONE.citizen)
    await expectCitizenHears(citizen, TRUNK_TONE.agent)

    await agent.getByRole('button', { name: 'Ophangen' }).click()
    await citizen.waitFor(/terminated/)
    await expect(agent.getByTestId('agent-state')).toHaveText('Nawerk')
  })
})
