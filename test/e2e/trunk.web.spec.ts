import { startBaresip, type Baresip } from '../support/baresip'
import { startRtpengine, type RunningRtpengine } from '../support/rtpengine'
import { TRUNK_TONE, readWav, toneRatio } from '../support/tones'
import { startTrunkKamailio } from '../support/trunk'
import { waitUntil } from '../support/wait'
import { expect, startRig, test as rigTest, type KccRig } from './support/kcc-rig'
import { klantcontactForm, loginAgent, openPage } from './support/pages'
import { heardTones, useTone } from './support/tones'

/**
 * A citizen on the phone network calls the municipality: their phone (baresip, plain SIP/UDP and
 * G.711) reaches Kamailio's trunk socket (deploy/kamailio, WITH_TRUNK), the number maps to the
 * afdeling KCC, the agent's app in Chromium rings and opens the klantcontact, and the call's media
 * crosses a real rtpengine: G.711 RTP to the phone, DTLS-SRTP with ICE to the browser. The citizen
 * says 440 Hz, the agent 1000 Hz; each is checked where the other one hears it.
 */
const NUMBER = '14020'

interface Trunk {
  rig: KccRig
  citizen: Baresip
  trunkPort: number
}

const test = rigTest.extend<{ trunk: Trunk }>({
  // The rig's own `rig` fixture starts Kamailio without the trunk: this one starts it with.
  // eslint-disable-next-line no-empty-pattern
  trunk: async ({}, use) => {
    const stops: Array<() => Promise<void>> = []
    try {
      const rtpengine: RunningRtpengine = await startRtpengine()
      stops.push(() => rtpengine.close())
      const citizen = await startBaresip()
      stops.push(() => citizen.close())
      let trunkPort = 0
      const rig = await startRig({ sipBackend: 'kamailio' }, async (fixture) => {
        const kamailio = await startTrunkKamailio(fixture, {
          rtpengine: rtpengine.control,
          peerPort: citizen.sipPort,
          numbers: { [NUMBER]: 'kcc' },
        })
        trunkPort = kamailio.trunkPort
        return kamailio.sip
      })
      stops.push(() => rig.close())
      await use({ rig, citizen, trunkPort })
    } finally {
      for (const stop of stops.reverse()) {
        await stop()
      }
    }
  },
})

test.describe('a citizen calling over the phone network', () => {
  test('rings the agent, opens the klantcontact, and carries audio both ways through rtpengine', async ({
    trunk,
    browser,
  }) => {
    const { rig, citizen, trunkPort } = trunk
    const agent = await openPage(browser)
    await useTone(agent, TRUNK_TONE.agent)
    await loginAgent(agent, rig, 'medewerker1')

    await citizen.command(`/dial sip:${NUMBER}@127.0.0.1:${trunkPort}`)
    const form = klantcontactForm(agent)
    await expect(agent.getByText('Inkomend gesprek')).toBeVisible({ timeout: 15_000 })
    await expect(form.kanaal).toHaveValue('Telefoon')

    await agent.getByRole('button', { name: 'Opnemen' }).click()
    await expect(agent.getByRole('region', { name: 'Telefoon' }).getByText('In gesprek')).toBeVisible()
    await citizen.waitFor(/Call established/)

    // The citizen's 440 Hz in what the agent's app plays (Web Audio analyser on the call's stream).
    await expect
      .poll(async () => (await heardTones(agent, [TRUNK_TONE.citizen]))[TRUNK_TONE.citizen], {
        timeout: 20_000,
      })
      .toBeGreaterThan(25)
    // The agent's 1000 Hz in what the citizen's phone received (its recording, the latest second).
    let received: ArrayLike<number> = []
    await waitUntil(
      () => {
        try {
          const { samples } = readWav(citizen.received())
          received = samples.slice(-8000)
          return samples.length >= 3 * 8000 && toneRatio(received, TRUNK_TONE.agent, 8000) > 100
        } catch {
          return false
        }
      },
      "the agent's tone in the citizen phone recording",
      20_000,
    )
    expect(toneRatio(received, TRUNK_TONE.agent, 8000)).toBeGreaterThan(100)

    await agent.getByRole('button', { name: 'Ophangen' }).click()
    await citizen.waitFor(/terminated/)
    await expect(agent.getByTestId('agent-state')).toHaveText('Nawerk')
  })
})
