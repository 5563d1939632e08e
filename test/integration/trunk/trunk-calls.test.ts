import { createSocket } from 'node:dgram'
import { Inviter, SessionState, UserAgent, type Session } from 'sip.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CITIZEN_NUMBER, startBaresip, type Baresip } from '../../support/baresip'
import { rtpAgent, type RtpAgent, type RtpEndpoint } from '../../support/rtp-agent'
import {
  AGENTS_MEDIA_IP,
  TRUNK_MEDIA_IP,
  startRtpengine,
  type RunningRtpengine,
} from '../../support/rtpengine'
import { sipFixture, type SipFixture } from '../../support/sip-servers'
import { TRUNK_TONE, readWav, toneRatio } from '../../support/tones'
import { startTrunkKamailio, type TrunkKamailio } from '../../support/trunk'
import { waitUntil } from '../../support/wait'

// A citizen's phone (baresip, plain SIP/UDP and G.711) calls the municipality over the trunk socket
// of deploy/kamailio/kamailio.cfg (-A WITH_TRUNK), through a real rtpengine, to a sip.js agent whose
// media is an RTP endpoint of the test's own. The citizen sends 440 Hz, the agent 1000 Hz.
const NUMBER = '14020'

let rtpengine: RunningRtpengine
let citizen: Baresip
let kamailio: TrunkKamailio
let agent: RtpAgent
let fixture: SipFixture

beforeEach(async () => {
  fixture = sipFixture(['agent1', 'agent2'], { kcc: ['agent1'] }, ['burger'])
  rtpengine = await startRtpengine()
  citizen = await startBaresip()
  kamailio = await startTrunkKamailio(fixture, {
    rtpengine: rtpengine.control,
    peerPort: citizen.sipPort,
    numbers: { [NUMBER]: 'kcc', '+31201234567': 'kcc' },
  })
  agent = await rtpAgent({
    url: kamailio.sip.url,
    domain: fixture.domain,
    user: 'agent1',
    ...fixture.credentials['agent1']!,
    hz: TRUNK_TONE.agent,
  })
  await agent.register()
})

afterEach(async () => {
  await agent?.stop()
  await citizen?.close()
  await kamailio?.sip.close()
  await rtpengine?.close()
})

const SECOND = 8000

/** The last second the agent received, once there is one. */
async function agentHeard(endpoint: RtpEndpoint): Promise<number[]> {
  await waitUntil(() => endpoint.samples.length >= 2 * SECOND, 'two seconds of audio at the agent')
  return endpoint.samples.slice(-SECOND)
}

/** Seconds 0.5 to 1.5 of what the citizen's phone received, once it has recorded them. */
async function citizenHeard(): Promise<ArrayLike<number>> {
  let samples: Float64Array = new Float64Array()
  await waitUntil(() => {
    try {
      samples = readWav(citizen.received()).samples
    } catch {
      return false
    }
    return samples.length >= 1.5 * SECOND
  }, 'the citizen phone recording 1.5 s received')
  return samples.slice(0.5 * SECOND, 1.5 * SECOND)
}

function ended(session: Session): Promise<void> {
  return new Promise((resolve) => {
    if (session.state === SessionState.Terminated) {
      resolve()
    }
    session.stateChange.addListener((state) => state === SessionState.Terminated && resolve())
  })
}

/** A raw OPTIONS from 127.0.0.1 to the trunk socket over UDP: the reply's status code. */
function optionsOverUdp(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4')
    socket.bind(0, '127.0.0.1', () => {
      const local = socket.address().port
      const message = [
        `OPTIONS sip:127.0.0.1:${port} SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${local};branch=z9hG4bK-${Date.now()};rport`,
        'Max-Forwards: 70',
        `From: <sip:carrier@127.0.0.1>;tag=${Date.now()}`,
        `To: <sip:127.0.0.1:${port}>`,
        `Call-ID: options-${Date.now()}@127.0.0.1`,
        'CSeq: 1 OPTIONS',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n')
      socket.send(message, port, '127.0.0.1')
    })
    const timer = setTimeout(() => {
      socket.close()
      reject(new Error('no reply to OPTIONS'))
    }, 5000)
    socket.on('message', (reply) => {
      clearTimeout(timer)
      socket.close()
      resolve(Number(/^SIP\/2\.0 (\d{3})/.exec(reply.toString())?.[1]))
    })
  })
}

/** An agent's INVITE to `user`: the final status code, and the session when it is answered. */
function agentCalls(from: RtpAgent, user: string): Promise<{ status: number; session: Inviter }> {
  const inviter = new Inviter(from.ua, UserAgent.makeURI(`sip:${user}@${fixture.domain}`)!)
  return new Promise((resolve) => {
    void inviter.invite({
      requestDelegate: {
        onAccept: (r) => resolve({ status: r.message.statusCode ?? 0, session: inviter }),
        onReject: (r) => resolve({ status: r.message.statusCode ?? 0, session: inviter }),
      },
    })
  })
}

async function citizenCallsIn(): Promise<Session> {
  await citizen.command(`/dial sip:${NUMBER}@127.0.0.1:${kamailio.trunkPort}`)
  const invitation = await agent.nextInvitation()
  await invitation.accept()
  await citizen.waitFor(/Call established/)
  return invitation
}

describe('the phone network: trunk and rtpengine', () => {
  it("rings the afdeling's agent for a citizen calling the municipality's number, with audio both ways through rtpengine", async () => {
    const session = await citizenCallsIn()
    const endpoint = agent.endpoints[0]!

    // What the agent was offered is rtpengine's WebRTC side, not the citizen's phone's SDP.
    expect(endpoint.remoteSdps[0]).toMatch(/UDP\/TLS\/RTP\/SAVPF/)
    expect(endpoint.remoteSdps[0]).toMatch(/a=ice-ufrag/)
    // On rtpengine's interface for agents; the citizen's phone sends to the one for the trunk.
    expect(endpoint.remoteSdps[0]).toContain(`c=IN IP4 ${AGENTS_MEDIA_IP}`)
    expect(toneRatio(await agentHeard(endpoint), TRUNK_TONE.citizen, SECOND)).toBeGreaterThan(100)
    expect(toneRatio(await citizenHeard(), TRUNK_TONE.agent, SECOND)).toBeGreaterThan(100)
    expect(citizen.output()).toMatch(new RegExp(`receiving from ${TRUNK_MEDIA_IP.replaceAll('.', '\\.')}:`))

    await citizen.command('/hangup')
    await ended(session)
    expect(session.state).toBe(SessionState.Terminated)
  })

  it('holds and resumes the citizen, carries DTMF as RFC 4733 and SIP INFO, and the agent hangs up', async () => {
    const session = await citizenCallsIn()
    const endpoint = agent.endpoints[0]!
    await agentHeard(endpoint)

    const reinvite = async (hold: boolean): Promise<string> => {
      // The app's handler (sip.js' web one) takes `hold`; so does the test's (support/rtp-agent.ts).
      session.sessionDescriptionHandlerOptionsReInvite = {
        hold,
      } as Session['sessionDescriptionHandlerOptionsReInvite']
      const before = endpoint.remoteSdps.length
      await new Promise<void>((resolve, reject) => {
        void session.invite({
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (r) => reject(new Error(String(r.message.statusCode))),
          },
        })
      })
      await waitUntil(() => endpoint.remoteSdps.length > before, 're-INVITE answer')
      return endpoint.remoteSdps.at(-1)!
    }
    // The citizen's phone answers the hold through rtpengine (recvonly), and the resume (sendrecv).
    expect(await reinvite(true)).toMatch(/a=recvonly/)
    expect(await reinvite(false)).toMatch(/a=sendrecv/)

    await citizen.command('5')
    await waitUntil(() => endpoint.events.includes(5), 'RFC 4733 event 5 at the agent')

    const info = await new Promise<number>((resolve) => {
      void session.info({
        requestDelegate: {
          onAccept: (r) => resolve(r.message.statusCode ?? 0),
          onReject: (r) => resolve(r.message.statusCode ?? 0),
        },
        requestOptions: {
          body: {
            contentDisposition: 'render',
            contentType: 'application/dtmf-relay',
            content: 'Signal=7\r\nDuration=160\r\n',
          },
        },
      })
    })
    expect(info).toBe(200)

    const citizenHungUp = citizen.waitFor(/terminated|closed/i)
    await session.bye()
    await citizenHungUp
    expect(session.state).toBe(SessionState.Terminated)
  })

  it("serves the trunk socket to the carrier's address only: anyone else gets 403 and rings no one", async () => {
    expect(await optionsOverUdp(kamailio.trunkPort)).toBe(200)
    const elsewhere = await startTrunkKamailio(fixture, {
      rtpengine: rtpengine.control,
      peerPort: citizen.sipPort,
      numbers: { [NUMBER]: 'kcc' },
      carrier: '127.0.0.2',
    })
    try {
      expect(await optionsOverUdp(elsewhere.trunkPort)).toBe(403)
      await citizen.command(`/dial sip:${NUMBER}@127.0.0.1:${elsewhere.trunkPort}`)
      await citizen.waitFor(/403 Forbidden/)
      expect(agent.endpoints).toHaveLength(0)
    } finally {
      await elsewhere.sip.close()
    }
  })

  it('answers a number that maps to no afdeling with 404', async () => {
    await citizen.command(`/dial sip:0301234567@127.0.0.1:${kamailio.trunkPort}`)
    await citizen.waitFor(/404 Not Found/)
    expect(agent.endpoints).toHaveLength(0)
  })

  it("sends an agent's call to an external number out over the trunk, with audio both ways through rtpengine", async () => {
    const { status, session } = await agentCalls(agent, CITIZEN_NUMBER)
    expect(status).toBe(200)
    await citizen.waitFor(/Call established/)
    const endpoint = agent.endpoints[0]!
    // The answer the agent got is rtpengine's, not the citizen phone's plain SDP.
    expect(endpoint.remoteSdps[0]).toMatch(/a=ice-ufrag/)
    expect(toneRatio(await agentHeard(endpoint), TRUNK_TONE.citizen, SECOND)).toBeGreaterThan(100)
    expect(toneRatio(await citizenHeard(), TRUNK_TONE.agent, SECOND)).toBeGreaterThan(100)

    const citizenHungUp = citizen.waitFor(/terminated/)
    await session.bye()
    await citizenHungUp
  })

  it('lets neither guests call out nor agents dial what is not a phone number', async () => {
    const guest = await rtpAgent({
      url: kamailio.sip.url,
      domain: fixture.domain,
      user: 'burger',
      password: fixture.guests!['burger']!,
      hz: TRUNK_TONE.agent,
    })
    try {
      expect((await agentCalls(guest, CITIZEN_NUMBER)).status).toBe(403)
    } finally {
      await guest.stop()
    }
    // Not E.164, not national: it stays inside, where no such user exists.
    expect((await agentCalls(agent, `00${CITIZEN_NUMBER.slice(1)}`)).status).toBe(404)
    expect(citizen.output()).not.toMatch(/Incoming call/i)
  })

  it('keeps calls between softphones end to end, without rtpengine', async () => {
    const colleague = await rtpAgent({
      url: kamailio.sip.url,
      domain: fixture.domain,
      user: 'agent2',
      ...fixture.credentials['agent2']!,
      hz: TRUNK_TONE.citizen,
    })
    try {
      await colleague.register()
      const answering = colleague.nextInvitation().then((invitation) => invitation.accept())
      const { status, session } = await agentCalls(agent, 'agent2')
      await answering
      expect(status).toBe(200)
      // agent2 got agent1's own SDP: plain RTP/AVP, no ICE that rtpengine would have added.
      expect(colleague.endpoints[0]!.remoteSdps[0]).toMatch(/RTP\/AVP 8/)
      expect(colleague.endpoints[0]!.remoteSdps[0]).not.toMatch(/ice-ufrag/)
      expect(toneRatio(await agentHeard(colleague.endpoints[0]!), TRUNK_TONE.agent, SECOND)).toBeGreaterThan(
        100,
      )
      await session.bye()
    } finally {
      await colleague.stop()
    }
  })
})
