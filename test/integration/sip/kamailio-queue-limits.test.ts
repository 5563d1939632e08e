import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { KamailioQueueAdapter } from '../../../server/gateway/queue/kamailio/adapter'
import {
  callerLeft,
  connectAdapter,
  dial,
  startQueueKamailio,
  TestQueue,
  type QueueKamailio,
} from '../../support/kamailio-queue'
import { SipTestClient } from '../../support/sip-client'
import { sipFixture } from '../../support/sip-servers'

// The longest wait in deploy/kamailio/queue.cfg (KCC_QUEUE_MAX_WAIT, here 2 s) and the keepalives
// meanwhile.
const GROUP = 'vergunningen'
const fixture = sipFixture(['agent1'], { [GROUP]: ['agent1'] }, ['burger'])

let kamailio: QueueKamailio
let caller: SipTestClient
let adapter: KamailioQueueAdapter | undefined

beforeAll(async () => {
  kamailio = await startQueueKamailio(fixture, { KCC_QUEUE_MAX_WAIT: 2 })
  const client = (user: string, password: string): Promise<SipTestClient> =>
    SipTestClient.connect({ url: kamailio.sip.url, domain: fixture.domain, user, password })
  caller = await client('burger', fixture.guests!['burger']!)
})

afterEach(async () => {
  await adapter?.close()
  adapter = undefined
})

afterAll(async () => {
  await caller?.close()
  await kamailio?.sip.close()
})

describe('Kamailio queue: the longest wait', () => {
  it('keeps the caller posted with 182 Still Queued and answers 480 when the wait runs out', async () => {
    const queue = new TestQueue(GROUP)
    adapter = await connectAdapter(kamailio.evapiPort, queue, { keepaliveMs: 250 })
    const call = await dial(caller, `sip:${GROUP}@${fixture.domain}`)
    const line = await queue.next()
    const gone = callerLeft(line)

    const { final, provisional } = await call.result

    expect(`${final.status} ${final.reason}`).toBe('480 Queue Timeout')
    expect(provisional.map((p) => `${p.status} ${p.reason}`)).toContain('182 Still Queued')
    await gone
  })
})
