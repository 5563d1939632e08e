import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { startBaresip, type Baresip } from '../../support/baresip'
import { startRtpengine } from '../../support/rtpengine'
import { freePort } from '../../support/sip-servers'
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

/**
 * baresip's line when the call it made after a transfer ends: the one to the one-time transfer
 * address Kamailio gave it (`kccxfer…`, deploy/kamailio/kamailio.cfg). The leg the transfer
 * replaced ends with the transferring agent's BYE, which baresip reports as "session closed" and
 * only sometimes also as "terminated", depending on which call its menu holds at that moment.
 */
export const TRANSFERRED_CALL_ENDED = /Call with sip:kccxfer\S* terminated/

export interface Trunk {
  rig: KccRig
  citizen: Baresip
  trunkPort: number
  /** The citizen dials the municipality's number over the trunk. */
  citizenDials(): Promise<void>
}

export interface TrunkRigOptions {
  /**
   * Kamailio holds group calls for the gateway's queue (-A KCC_QUEUE, deploy/kamailio/queue.cfg) and
   * the gateway takes them over evapi; without it Kamailio's static group rings (default).
   */
  trunkQueue: boolean
}

export const test = rigTest.extend<TrunkRigOptions & { trunk: Trunk }>({
  trunkQueue: [false, { option: true }],
  // The rig's own `rig` fixture starts Kamailio without the trunk: this one starts it with.
  trunk: async ({ trunkQueue, nawerkSeconds }, use) => {
    const stops: Array<() => Promise<void>> = []
    try {
      const rtpengine = await startRtpengine()
      stops.push(() => rtpengine.close())
      const citizen = await startBaresip()
      stops.push(() => citizen.close())
      let trunkPort = 0
      const evapi = trunkQueue ? { host: '127.0.0.1', port: await freePort() } : undefined
      const rig = await startRig({ sipBackend: 'kamailio', nawerkSeconds }, async (fixture) => {
        const kamailio = await startTrunkKamailio(fixture, {
          rtpengine: rtpengine.control,
          peerPort: citizen.sipPort,
          numbers: { [MUNICIPALITY_NUMBER]: 'kcc' },
          ...(evapi ? { defines: ['KCC_QUEUE', `KCC_EVAPI_BIND="${evapi.host}:${evapi.port}"`] } : {}),
        })
        trunkPort = kamailio.trunkPort
        return evapi ? { ...kamailio.sip, evapi } : kamailio.sip
      })
      stops.push(() => rig.close())
      if (evapi) {
        // A caller who comes before the gateway has connected would wait for nobody.
        await waitUntil(() => evapiConnected(evapi.port), "the gateway connected to Kamailio's evapi")
      }
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

/** Whether some process holds an established TCP connection to 127.0.0.1:`port` (Linux /proc). */
function evapiConnected(port: number): boolean {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .some((line) => {
      const [, from, , state] = line.trim().split(/\s+/)
      return from === local && state === '01'
    })
}

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
