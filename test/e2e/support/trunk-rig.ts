import type { Page } from '@playwright/test'
import { startBaresip, type Baresip } from '../../support/baresip'
import { startRtpengine } from '../../support/rtpengine'
import { readWav, toneRatio } from '../../support/tones'
import { startTrunkKamailio } from '../../support/trunk'
import { waitUntil } from '../../support/wait'
import { expect, startRig, test as rigTest, type KccRig } from './kcc-rig'
import { heardTones } from './tones'

/**
 * The contact centre on the phone network for the browser tests: rtpengine, a citizen's phone
 * (baresip, see test/support/baresip.ts) as the carrier's side, and the rig with Kamailio's trunk
 * (-A WITH_TRUNK) mapping the municipality's number to the afdeling KCC.
 */
export const MUNICIPALITY_NUMBER = '14020'

export interface Trunk {
  rig: KccRig
  citizen: Baresip
  trunkPort: number
  /** The citizen dials the municipality's number over the trunk. */
  citizenDials(): Promise<void>
}

export const test = rigTest.extend<{ trunk: Trunk }>({
  // The rig's own `rig` fixture starts Kamailio without the trunk: this one starts it with.
  // eslint-disable-next-line no-empty-pattern
  trunk: async ({}, use) => {
    const stops: Array<() => Promise<void>> = []
    try {
      const rtpengine = await startRtpengine()
      stops.push(() => rtpengine.close())
      const citizen = await startBaresip()
      stops.push(() => citizen.close())
      let trunkPort = 0
      const rig = await startRig({ sipBackend: 'kamailio' }, async (fixture) => {
        const kamailio = await startTrunkKamailio(fixture, {
          rtpengine: rtpengine.control,
          peerPort: citizen.sipPort,
          numbers: { [MUNICIPALITY_NUMBER]: 'kcc' },
        })
        trunkPort = kamailio.trunkPort
        return kamailio.sip
      })
      stops.push(() => rig.close())
      await use({
        rig,
        citizen,
        trunkPort,
        citizenDials: () => citizen.command(`/dial sip:${MUNICIPALITY_NUMBER}@127.0.0.1:${trunkPort}`),
      })
    } finally {
      for (const stop of stops.reverse()) {
        await stop()
      }
    }
  },
})

/** The page plays `hz` (Web Audio analyser on the call's stream), 25 dB and more above the rest. */
export async function expectPageHears(page: Page, hz: number): Promise<void> {
  await expect.poll(async () => (await heardTones(page, [hz]))[hz], { timeout: 20_000 }).toBeGreaterThan(25)
}

/**
 * The citizen's phone received `hz` in its `call`th call (-1: the latest), judged on the latest
 * second it recorded once there are three.
 */
export async function expectCitizenHears(citizen: Baresip, hz: number, call = 0): Promise<void> {
  let ratio = 0
  await waitUntil(
    () => {
      try {
        const { samples } = readWav(citizen.received(call))
        ratio = toneRatio(samples.slice(-8000), hz, 8000)
        return samples.length >= 3 * 8000 && ratio > 100
      } catch {
        return false
      }
    },
    `${hz} Hz in the citizen phone's recording`,
    20_000,
  )
  expect(ratio).toBeGreaterThan(100)
}

export { expect }
