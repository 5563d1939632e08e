import { createSocket, type Socket } from 'node:dgram'
import { Inviter, UserAgent } from 'sip.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rtpAgent, type RtpAgent } from '../../support/rtp-agent'
import { startRtpengine, type RunningRtpengine } from '../../support/rtpengine'
import { sipFixture, type SipFixture } from '../../support/sip-servers'
import { TRUNK_TONE } from '../../support/tones'
import { startTrunkKamailio, type TrunkKamailio } from '../../support/trunk'

// What the carrier receives of an agent's call out, seen on a raw UDP socket playing the carrier:
// the municipality's number as the only identity, none of the KCC's own headers, and rtpengine's
// plain RTP offer instead of the browser's WebRTC one.
let rtpengine: RunningRtpengine
let carrier: Socket
let carrierPort: number
let kamailio: TrunkKamailio
let agent: RtpAgent
let fixture: SipFixture
const received: string[] = []

beforeEach(async () => {
  fixture = sipFixture(['agent1'], { kcc: ['agent1'] })
  rtpengine = await startRtpengine()
  carrier = createSocket('udp4')
  carrierPort = await new Promise<number>((resolve) =>
    carrier.bind(0, '127.0.0.1', () => resolve(carrier.address().port)),
  )
  received.length = 0
  carrier.on('message', (message, from) => {
    const text = message.toString()
    received.push(text)
    if (text.startsWith('INVITE ')) {
      carrier.send(busy(text), from.port, from.address)
    }
  })
  kamailio = await startTrunkKamailio(fixture, {
    rtpengine: rtpengine.control,
    peerPort: carrierPort,
    numbers: { '14020': 'kcc' },
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
  await kamailio?.sip.close()
  carrier?.close()
  await rtpengine?.close()
})

const headerLines = (message: string, name: string): string[] =>
  message
    .split('\r\n\r\n')[0]!
    .split('\r\n')
    .filter((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))

/** The carrier's 486 to an INVITE: its Vias, From, To with a tag, Call-ID and CSeq. */
function busy(invite: string): string {
  const copy = ['Via', 'From', 'Call-ID', 'CSeq'].flatMap((name) => headerLines(invite, name))
  const to = `${headerLines(invite, 'To')[0]};tag=carrier1`
  return ['SIP/2.0 486 Busy Here', ...copy, to, 'Content-Length: 0', '', ''].join('\r\n')
}

describe("an agent's call out as the carrier receives it", () => {
  it('carries the municipality number as the only identity, none of our headers, and a plain RTP offer', async () => {
    const inviter = new Inviter(agent.ua, UserAgent.makeURI(`sip:0201234567@${fixture.domain}`)!, {
      extraHeaders: ['X-KCC-Klantcontact: 26000001', 'X-KCC-Monitor: m1'],
    })
    const status = await new Promise<number>((resolve) => {
      void inviter.invite({
        requestDelegate: { onReject: (r) => resolve(r.message.statusCode ?? 0) },
      })
    })
    expect(status).toBe(486)

    const invite = received.find((m) => m.startsWith('INVITE '))!
    expect(invite.split('\r\n')[0]).toBe(`INVITE sip:0201234567@127.0.0.1:${carrierPort} SIP/2.0`)
    expect(headerLines(invite, 'P-Asserted-Identity')).toEqual([
      `P-Asserted-Identity: <sip:+3114020@127.0.0.1:${carrierPort}>`,
    ])
    expect(headerLines(invite, 'X-KCC-Klantcontact')).toEqual([])
    expect(headerLines(invite, 'X-KCC-Monitor')).toEqual([])
    const sdp = invite.split('\r\n\r\n')[1]!
    expect(sdp).toMatch(/m=audio \d+ RTP\/AVP /)
    expect(sdp).not.toMatch(/a=(ice-ufrag|fingerprint|candidate)/)
  })
})
