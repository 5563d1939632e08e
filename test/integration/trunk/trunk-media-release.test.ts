import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startBaresip, type Baresip } from '../../support/baresip'
import { rtpAgent, type RtpAgent } from '../../support/rtp-agent'
import { startRtpengine, type RunningRtpengine } from '../../support/rtpengine'
import { sipFixture } from '../../support/sip-servers'
import { TRUNK_TONE } from '../../support/tones'
import { startTrunkKamailio, type TrunkKamailio } from '../../support/trunk'
import { waitUntil } from '../../support/wait'

// A trunk call that never gets answered must not leave its media session in rtpengine: Kamailio
// deletes it when the citizen gives up (CANCEL) and when the afdeling refuses the call.
const NUMBER = '14020'

let rtpengine: RunningRtpengine
let citizen: Baresip
let kamailio: TrunkKamailio
let agent: RtpAgent

beforeEach(async () => {
  const fixture = sipFixture(['agent1'], { kcc: ['agent1'] })
  rtpengine = await startRtpengine()
  citizen = await startBaresip()
  kamailio = await startTrunkKamailio(fixture, {
    rtpengine: rtpengine.control,
    peerPort: citizen.sipPort,
    numbers: { [NUMBER]: 'kcc' },
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

const commands = (name: string): number =>
  rtpengine.output().match(new RegExp(`Received command '${name}'`, 'g'))?.length ?? 0

describe('media of trunk calls that are not answered', () => {
  it('is released when the citizen hangs up while the agent is still ringing', async () => {
    await citizen.command(`/dial sip:${NUMBER}@127.0.0.1:${kamailio.trunkPort}`)
    const invitation = await agent.nextInvitation()
    // rtpengine's log comes through a pipe: it may trail the INVITE the agent already has.
    await waitUntil(() => commands('offer') === 1, 'rtpengine offered the media')
    const cancelled = new Promise<void>((resolve) => {
      invitation.delegate = { onCancel: () => resolve() }
    })

    await citizen.command('/hangup')
    await cancelled
    await waitUntil(() => commands('delete') >= 1, 'rtpengine told to delete the call')
    expect(commands('delete')).toBe(1)
  })

  it('is released when the agent declines the call', async () => {
    await citizen.command(`/dial sip:${NUMBER}@127.0.0.1:${kamailio.trunkPort}`)
    const invitation = await agent.nextInvitation()
    await invitation.reject({ statusCode: 486 })

    await citizen.waitFor(/486 Busy Here/)
    await waitUntil(() => commands('delete') >= 1, 'rtpengine told to delete the call')
    expect(commands('delete')).toBe(1)
  })
})
