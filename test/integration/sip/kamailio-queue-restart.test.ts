import type { SipResponse } from 'sip'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { KamailioQueueAdapter } from '../../../server/gateway/queue/kamailio/adapter'
import type { CallQueue } from '../../../server/lib/call-queue'
import {
  connectAdapter as connect,
  dial as dialTo,
  startQueueKamailio,
  TestQueue,
  type QueueKamailio,
  type QueuedCall,
} from '../../support/kamailio-queue'
import { SipTestClient } from '../../support/sip-client'
import { Dialog } from '../../support/sip-dialog'
import { sipFixture, type SipLogin } from '../../support/sip-servers'

// deploy/kamailio/queue.cfg keeps its callers while gateways come and go: a restarted gateway hears
// of every waiting call again, and with two gateways connected a call is delivered once.
const GROUP = 'vergunningen'
const fixture = sipFixture(['agent1', 'agent2', 'agent3'], { [GROUP]: ['agent1', 'agent2', 'agent3'] }, [
  'burger',
])

const dial = (caller: SipTestClient): ReturnType<typeof dialTo> =>
  dialTo(caller, `sip:${GROUP}@${fixture.domain}`)

let kamailio: QueueKamailio
let agents: Record<'agent1' | 'agent2' | 'agent3', SipTestClient>
let caller: SipTestClient
const adapters: KamailioQueueAdapter[] = []

async function connectAdapter(queue: CallQueue): Promise<KamailioQueueAdapter> {
  const adapter = await connect(kamailio.evapiPort, queue)
  adapters.push(adapter)
  return adapter
}

const invitesTo = (client: SipTestClient): number =>
  client.received.filter((r) => r.message.method === 'INVITE').length

/** The caller ACKs the agent's 2xx and hangs up; the agent confirms. */
async function hangUp(call: QueuedCall, final: SipResponse, agent: SipTestClient): Promise<void> {
  const dialog = Dialog.fromUac(caller, call.invite, final)
  dialog.ack(call.invite.headers.cseq.seq)
  const bye = caller.transaction(dialog.build('BYE'))
  agent.respond((await agent.nextRequest('BYE')).message, 200)
  expect((await bye).final.status).toBe(200)
}

beforeAll(async () => {
  kamailio = await startQueueKamailio(fixture)
  const client = async (user: string, credentials: SipLogin): Promise<SipTestClient> =>
    SipTestClient.connect({ url: kamailio.sip.url, domain: fixture.domain, user, ...credentials })
  agents = {
    agent1: await client('agent1', fixture.credentials['agent1']!),
    agent2: await client('agent2', fixture.credentials['agent2']!),
    agent3: await client('agent3', fixture.credentials['agent3']!),
  }
  for (const agent of Object.values(agents)) {
    expect((await agent.register()).status).toBe(200)
  }
  caller = await client('burger', { password: fixture.guests!['burger']! })
})

afterEach(async () => {
  await Promise.all(adapters.splice(0).map((a) => a.close()))
  for (const agent of Object.values(agents)) {
    agent.received.splice(0)
  }
})

afterAll(async () => {
  await Promise.all([caller, ...Object.values(agents ?? {})].filter(Boolean).map((c) => c.close()))
  await kamailio?.sip.close()
})

describe('Kamailio queue across gateway restarts', () => {
  it('announces a waiting call again, with its original time, to a gateway that restarted', async () => {
    const before = new TestQueue(GROUP)
    const first = await connectAdapter(before)
    const call = await dial(caller)
    const original = await before.next()
    let told = false
    original.onCallerLeft(() => (told = true))
    await first.close()

    const after = new TestQueue(GROUP)
    await connectAdapter(after)
    const line = await after.next()

    expect(line.call).toEqual(original.call)
    // The caller never left: the stopped gateway's queue was not told otherwise.
    expect(told).toBe(false)
    const ringing = line.ring('agent1', 20)
    agents.agent1.answer((await agents.agent1.nextRequest('INVITE')).message)
    expect(await ringing).toBe('answered')
    const { final } = await call.result
    expect(final.status).toBe(200)
    const dialog = Dialog.fromUac(caller, call.invite, final)
    dialog.ack(call.invite.headers.cseq.seq)
    const bye = caller.transaction(dialog.build('BYE'))
    agents.agent1.respond((await agents.agent1.nextRequest('BYE')).message, 200)
    await bye
  })

  it('delivers a call once when two gateways are connected', async () => {
    const queueA = new TestQueue(GROUP)
    const queueB = new TestQueue(GROUP)
    await connectAdapter(queueA)
    await connectAdapter(queueB)
    const call = await dial(caller)
    const lineA = await queueA.next()
    const lineB = await queueB.next()
    expect(lineB.call).toEqual(lineA.call)

    const ringA = lineA.ring('agent1', 20)
    const { message: invite } = await agents.agent1.nextRequest('INVITE')
    // The second gateway's pick arrives while agent1 rings: the call is no longer B's to route.
    expect(await lineB.ring('agent2', 20)).toBe('caller_left')
    agents.agent1.answer(invite)

    expect(await ringA).toBe('answered')
    const { final } = await call.result
    expect(final.status).toBe(200)
    expect(invitesTo(agents.agent2)).toBe(0)
    const dialog = Dialog.fromUac(caller, call.invite, final)
    dialog.ack(call.invite.headers.cseq.seq)
    const bye = caller.transaction(dialog.build('BYE'))
    agents.agent1.respond((await agents.agent1.nextRequest('BYE')).message, 200)
    await bye
  })

  it('hands a call whose agent rang while the gateway restarted to the new queue once that ring fails', async () => {
    const before = new TestQueue(GROUP)
    const first = await connectAdapter(before)
    const call = await dial(caller)
    const original = await before.next()
    void original.ring('agent1', 20)
    const { message: ringing } = await agents.agent1.nextRequest('INVITE')
    await first.close()

    const after = new TestQueue(GROUP)
    await connectAdapter(after)
    // Announced to the new gateway as ringing; agent1 declines, and the call goes to its queue.
    agents.agent1.respond(ringing, 486, { reason: 'Busy Here' })
    const line = await after.next()
    expect(line.call).toEqual(original.call)

    const answered = line.ring('agent2', 20)
    const { message: invite } = await agents.agent2.nextRequest('INVITE')
    agents.agent2.answer(invite)
    expect(await answered).toBe('answered')
    const { final } = await call.result
    expect(final.status).toBe(200)
    await hangUp(call, final, agents.agent2)
  })
})
