import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { KamailioQueueAdapter } from '../../../server/gateway/queue/kamailio/adapter'
import { startBaresip, type Baresip } from '../../support/baresip'
import {
  connectAdapter,
  startQueueKamailio,
  TestQueue,
  type QueueKamailio,
} from '../../support/kamailio-queue'
import { rtpAgent, type RtpAgent } from '../../support/rtp-agent'
import { AGENTS_MEDIA_IP, startRtpengine, type RunningRtpengine } from '../../support/rtpengine'
import { freePort, sipFixture } from '../../support/sip-servers'
import { readWav, TRUNK_TONE, toneRatio } from '../../support/tones'
import { writeNumbersTable } from '../../support/trunk'
import { waitUntil } from '../../support/wait'

// A citizen's phone (baresip, plain SIP/UDP and G.711) calls the afdeling's number over the trunk
// (-A WITH_TRUNK) of a Kamailio that queues group calls (-A KCC_QUEUE): the call waits for the
// queue, the first agent declines, the second answers, and the media runs through rtpengine as for
// a call that does not wait.
const GROUP = 'vergunningen'
const NUMBER = '14020'
const SECOND = 8000
const fixture = sipFixture(['agent1', 'agent2'], { [GROUP]: ['agent1', 'agent2'] })

let rtpengine: RunningRtpengine
let citizen: Baresip
let kamailio: QueueKamailio
let trunkPort: number
let agent1: RtpAgent
let agent2: RtpAgent
let adapter: KamailioQueueAdapter

beforeAll(async () => {
  rtpengine = await startRtpengine()
  citizen = await startBaresip()
  trunkPort = await freePort()
  kamailio = await startQueueKamailio(
    fixture,
    { KCC_TRUNK_PORT: trunkPort },
    {
      defines: [
        'WITH_TRUNK',
        'KCC_TRUNK_IP=127.0.0.1',
        'KCC_TRUNK_CARRIER="127.0.0.1"',
        `KCC_TRUNK_PEER="127.0.0.1:${citizen.sipPort}"`,
        `KCC_RTPENGINE="${rtpengine.control}"`,
        'KCC_RTP_FROM_TRUNK="direction=trunk direction=agents"',
        'KCC_RTP_TO_TRUNK="direction=agents direction=trunk"',
      ],
      prepareDb: (db) => writeNumbersTable(db, { [NUMBER]: GROUP }),
    },
  )
  const agent = async (user: string, hz: number): Promise<RtpAgent> => {
    const a = await rtpAgent({
      url: kamailio.sip.url,
      domain: fixture.domain,
      user,
      ...fixture.credentials[user]!,
      hz,
    })
    await a.register()
    return a
  }
  agent1 = await agent('agent1', TRUNK_TONE.agent)
  agent2 = await agent('agent2', TRUNK_TONE.agent)
})

afterAll(async () => {
  await adapter?.close()
  await agent1?.stop()
  await agent2?.stop()
  await citizen?.close()
  await kamailio?.sip.close()
  await rtpengine?.close()
})

describe('Kamailio queue with the trunk and rtpengine', () => {
  it("queues a citizen's call to the afdeling's number and gives the agent who answers its media through rtpengine", async () => {
    const queue = new TestQueue(GROUP)
    adapter = await connectAdapter(kamailio.evapiPort, queue)

    await citizen.command(`/dial sip:${NUMBER}@127.0.0.1:${trunkPort}`)
    const line = await queue.next(15_000)
    expect(line.call.group).toBe(GROUP)

    const declined = line.ring('agent2', 20)
    await (await agent2.nextInvitation()).reject({ statusCode: 486 })
    expect(await declined).toBe('declined')

    const answered = line.ring('agent1', 20)
    const invitation = await agent1.nextInvitation()
    await invitation.accept()
    expect(await answered).toBe('answered')
    await citizen.waitFor(/Call established/)

    const endpoint = agent1.endpoints.at(-1)!
    // The agent was offered rtpengine's WebRTC side, on the agents' interface.
    expect(endpoint.remoteSdps[0]).toMatch(/UDP\/TLS\/RTP\/SAVPF/)
    expect(endpoint.remoteSdps[0]).toContain(`c=IN IP4 ${AGENTS_MEDIA_IP}`)
    await waitUntil(() => endpoint.samples.length >= 2 * SECOND, 'two seconds of audio at the agent')
    expect(toneRatio(endpoint.samples.slice(-SECOND), TRUNK_TONE.citizen, SECOND)).toBeGreaterThan(100)
    // And back: the agent's answer went through rtpengine to the citizen's phone.
    let heard: ReturnType<typeof readWav>['samples'] | undefined
    await waitUntil(() => {
      try {
        heard = readWav(citizen.received()).samples
      } catch {
        return false
      }
      return heard.length >= 1.5 * SECOND
    }, 'the citizen phone recording 1.5 s received')
    expect(toneRatio(heard!.slice(0.5 * SECOND, 1.5 * SECOND), TRUNK_TONE.agent, SECOND)).toBeGreaterThan(100)

    await citizen.command('/hangup')
    await waitUntil(() => invitation.state === 'Terminated', 'the agent’s session ends')
  })

  it('tells the queue when the citizen hangs up while waiting', async () => {
    const queue = new TestQueue(GROUP)
    await adapter.close()
    adapter = await connectAdapter(kamailio.evapiPort, queue)

    await citizen.command(`/dial sip:${NUMBER}@127.0.0.1:${trunkPort}`)
    const line = await queue.next(15_000)
    const left = new Promise<void>((resolve) => line.onCallerLeft(resolve))
    await citizen.command('/hangup')

    await left
    expect(await line.ring('agent1', 20)).toBe('caller_left')
  })
})
