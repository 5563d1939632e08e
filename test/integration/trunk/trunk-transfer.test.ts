import { Inviter, SessionState, UserAgent, type Invitation, type Session } from 'sip.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startBaresip, type Baresip } from '../../support/baresip'
import { rtpAgent, type RtpAgent, type RtpEndpoint } from '../../support/rtp-agent'
import { startRtpengine, type RunningRtpengine } from '../../support/rtpengine'
import { sipFixture, type SipFixture } from '../../support/sip-servers'
import { TRUNK_TONE, readWav, toneRatio } from '../../support/tones'
import { startTrunkKamailio, type TrunkKamailio } from '../../support/trunk'
import { waitUntil } from '../../support/wait'

// Transfers of a citizen's trunk call: agent1 (afdeling KCC) REFERs the citizen's phone (baresip,
// which follows a REFER with a new INVITE, as a REFER-capable carrier does) to agent2 (afdeling
// Vergunningen). Kamailio gives the carrier a one-time URI at the trunk socket and sends the
// carrier's INVITE on to agent2, with the media through rtpengine again.
const NUMBER = '14020'
const COLLEAGUE_HZ = 700
const SECOND = 8000

let rtpengine: RunningRtpengine
let citizen: Baresip
let kamailio: TrunkKamailio
let agent1: RtpAgent
let agent2: RtpAgent
let fixture: SipFixture

beforeEach(async () => {
  fixture = sipFixture(['agent1', 'agent2'], { kcc: ['agent1'], vergunningen: ['agent2'] })
  rtpengine = await startRtpengine()
  citizen = await startBaresip()
  kamailio = await startTrunkKamailio(fixture, {
    rtpengine: rtpengine.control,
    peerPort: citizen.sipPort,
    numbers: { [NUMBER]: 'kcc' },
  })
  const agent = (user: string, hz: number): Promise<RtpAgent> =>
    rtpAgent({ url: kamailio.sip.url, domain: fixture.domain, user, ...fixture.credentials[user]!, hz })
  agent1 = await agent('agent1', TRUNK_TONE.agent)
  agent2 = await agent('agent2', COLLEAGUE_HZ)
  await agent1.register()
  await agent2.register()
})

afterEach(async () => {
  await agent1?.stop()
  await agent2?.stop()
  await citizen?.close()
  await kamailio?.sip.close()
  await rtpengine?.close()
})

async function citizenCallsIn(): Promise<Invitation> {
  await citizen.command(`/dial sip:${NUMBER}@127.0.0.1:${kamailio.trunkPort}`)
  const invitation = await agent1.nextInvitation()
  await invitation.accept()
  await citizen.waitFor(/Call established/)
  return invitation
}

/** REFERs `session` (to a URI, or with Replaces to a consult session); resolves on the 2xx NOTIFY. */
function refer(session: Session, to: Parameters<Session['refer']>[0]): Promise<string> {
  return new Promise((resolve, reject) => {
    void session.refer(to, {
      requestDelegate: { onReject: (r) => reject(new Error(`REFER: ${r.message.statusCode}`)) },
      onNotify: (notification) => {
        const body = notification.request.body
        void notification.accept()
        if (/SIP\/2\.0 2\d\d/.test(body)) {
          resolve(body)
        } else if (/SIP\/2\.0 [3-6]\d\d/.test(body)) {
          reject(new Error(`transfer failed: ${body}`))
        }
      },
    })
  })
}

async function heardBy(endpoint: RtpEndpoint): Promise<number[]> {
  await waitUntil(() => endpoint.samples.length >= 2 * SECOND, 'two seconds of audio')
  return endpoint.samples.slice(-SECOND)
}

/** The latest second of what the citizen's phone received in its newest call. */
async function citizenHeardLatest(): Promise<number[]> {
  let samples: ArrayLike<number> = []
  await waitUntil(() => {
    try {
      samples = readWav(citizen.received(-1)).samples
    } catch {
      return false
    }
    return samples.length >= 2 * SECOND
  }, "two seconds in the citizen phone's newest recording")
  return Array.from(samples).slice(-SECOND)
}

function ended(session: Session): Promise<void> {
  return new Promise((resolve) => {
    if (session.state === SessionState.Terminated) {
      resolve()
    }
    session.stateChange.addListener((state) => state === SessionState.Terminated && resolve())
  })
}

describe('transfers of a trunk call through a carrier that follows REFER', () => {
  it("blind: the citizen's call reaches the colleague with the klantcontactnummer, and audio flows both ways", async () => {
    const first = await citizenCallsIn()
    const target = UserAgent.makeURI(`sip:agent2@${fixture.domain}`)!
    target.setHeader('X-KCC-Klantcontact', '26000001')
    const transferred = refer(first, target)

    const second = await agent2.nextInvitation()
    // The carrier saw none of this: Kamailio put the nummer and the transferring agent back on.
    expect(second.request.getHeader('X-KCC-Klantcontact')).toBe('26000001')
    expect(second.request.getHeader('Referred-By')).toBe(`<sip:agent1@${fixture.domain}>`)
    await second.accept()
    await transferred
    await first.bye()
    await ended(first)

    const endpoint = agent2.endpoints.at(-1)!
    expect(endpoint.remoteSdps[0]).toMatch(/a=ice-ufrag/)
    expect(toneRatio(await heardBy(endpoint), TRUNK_TONE.citizen, SECOND)).toBeGreaterThan(100)
    expect(toneRatio(await citizenHeardLatest(), COLLEAGUE_HZ, SECOND)).toBeGreaterThan(100)
  })

  it("warm: after a consult, the carrier's new call replaces the colleague's consult leg", async () => {
    const first = await citizenCallsIn()
    const consult = new Inviter(agent1.ua, UserAgent.makeURI(`sip:agent2@${fixture.domain}`)!)
    const consultAnswered = agent2.nextInvitation().then((invitation) => invitation.accept())
    await consult.invite()
    await consultAnswered
    await waitUntil(() => consult.state === SessionState.Established, 'consult established')

    const transferred = refer(first, consult)
    const replacing = await agent2.nextInvitation()
    // The Replaces of agent1's Refer-To, restored by Kamailio: it names the consult dialog.
    expect(replacing.request.getHeader('Replaces')).toContain(consult.request.callId)
    await replacing.accept()
    await transferred
    // agent2's sip.js ends the replaced consult leg itself, as the app's softphone does.
    await ended(consult)
    await first.bye()

    const endpoint = agent2.endpoints.at(-1)!
    expect(toneRatio(await heardBy(endpoint), TRUNK_TONE.citizen, SECOND)).toBeGreaterThan(100)
    expect(toneRatio(await citizenHeardLatest(), COLLEAGUE_HZ, SECOND)).toBeGreaterThan(100)
  })

  it('answers an INVITE from the carrier for a transfer URI it never handed out with 404', async () => {
    await citizen.command(`/dial sip:kccxfer000000000000000000000000@127.0.0.1:${kamailio.trunkPort}`)
    await citizen.waitFor(/404 Not Found/)
    expect(agent2.endpoints).toHaveLength(0)
  })
})
