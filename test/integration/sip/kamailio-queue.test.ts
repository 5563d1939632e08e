import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { KamailioQueueAdapter } from '../../../server/gateway/queue/kamailio/adapter'
import type { CallQueue } from '../../../server/lib/call-queue'
import {
  callerLeft as left,
  connectAdapter as connect,
  dial as dialTo,
  startQueueKamailio,
  TestQueue,
  type QueueKamailio,
} from '../../support/kamailio-queue'
import { SipTestClient } from '../../support/sip-client'
import { Dialog } from '../../support/sip-dialog'
import { sipFixture, type SipLogin } from '../../support/sip-servers'
import { QUEUE_REJECT_PHRASES } from '../../../shared/sip/queue-responses'

// deploy/kamailio/queue.cfg on Debian's Kamailio with the gateway's real evapi adapter: callers of
// a group address wait with 182 until the queue (here a small one the test drives) says which agent
// to ring. The queue never picks agent3: in this afdeling it is the agent on Pauze.
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

describe('Kamailio queue (deploy/kamailio/queue.cfg) with the gateway evapi adapter', () => {
  it('holds a group call with 182 Queued and rings only the agent the queue picks', async () => {
    const queue = new TestQueue(GROUP)
    await connectAdapter(queue)

    const call = await dial(caller)
    const line = await queue.next()
    expect(line.call).toMatchObject({
      group: GROUP,
      callerNumber: 'burger',
      sipCallId: call.invite.headers['call-id'],
    })
    expect(Math.abs(line.call.enteredAt - Date.now())).toBeLessThan(60_000)
    // Not the static group any more: nobody rings before the queue says so.
    expect(Object.values(agents).map(invitesTo)).toEqual([0, 0, 0])

    const ringing = line.ring('agent2', 20)
    const { message: invite } = await agents.agent2.nextRequest('INVITE')
    agents.agent2.answer(invite)

    expect(await ringing).toBe('answered')
    const { final, provisional } = await call.result
    expect(final.status).toBe(200)
    expect(provisional.map((p) => `${p.status} ${p.reason}`)).toContain('182 Queued')
    const dialog = Dialog.fromUac(caller, call.invite, final)
    dialog.ack(call.invite.headers.cseq.seq)
    // The agents the queue did not pick (agent3 is on Pauze) never rang.
    expect(invitesTo(agents.agent1)).toBe(0)
    expect(invitesTo(agents.agent3)).toBe(0)
    // The call is an ordinary dialog through the proxy: the caller's BYE reaches the agent.
    const bye = caller.transaction(dialog.build('BYE'))
    const { message: byeAtAgent } = await agents.agent2.nextRequest('BYE')
    agents.agent2.respond(byeAtAgent, 200)
    expect((await bye).final.status).toBe(200)
  })

  it('rings the next agent when the first one does not answer in time, or declines', async () => {
    const queue = new TestQueue(GROUP)
    await connectAdapter(queue)
    const call = await dial(caller)
    const line = await queue.next()

    const first = line.ring('agent1', 1)
    const { message: unanswered } = await agents.agent1.nextRequest('INVITE')
    agents.agent1.respond(unanswered, 180, { reason: 'Ringing' })
    expect(await first).toBe('no_answer')
    // tm CANCELs the agent's phone when the ring time is over.
    await agents.agent1.nextRequest('CANCEL')

    const second = line.ring('agent2', 20)
    const { message: declined } = await agents.agent2.nextRequest('INVITE')
    agents.agent2.respond(declined, 486, { reason: 'Busy Here' })
    expect(await second).toBe('declined')

    const third = line.ring('agent1', 20)
    const { message: invite } = await agents.agent1.nextRequest('INVITE')
    agents.agent1.answer(invite)
    expect(await third).toBe('answered')
    const { final } = await call.result
    expect(final.status).toBe(200)
    const dialog = Dialog.fromUac(caller, call.invite, final)
    dialog.ack(call.invite.headers.cseq.seq)
    const bye = caller.transaction(dialog.build('BYE'))
    agents.agent1.respond((await agents.agent1.nextRequest('BYE')).message, 200)
    await bye
  })

  it('reports an agent without a registration as unreachable and keeps the caller waiting', async () => {
    const queue = new TestQueue(GROUP)
    await connectAdapter(queue)
    const call = await dial(caller)
    const line = await queue.next()

    expect(await line.ring('nobody', 20)).toBe('unreachable')
    line.reject('no_agent')

    const { final } = await call.result
    expect(final.status).toBe(480)
    expect(final.reason).toBe(QUEUE_REJECT_PHRASES.no_agent)
  })

  it('tells the queue when the caller hangs up while waiting; the caller gets 487', async () => {
    const queue = new TestQueue(GROUP)
    await connectAdapter(queue)
    const call = await dial(caller)
    const line = await queue.next()
    const gone = left(line)

    await caller.cancel(call.invite)

    await gone
    expect((await call.result).final.status).toBe(487)
    expect(await line.ring('agent1', 20)).toBe('caller_left')
    expect(invitesTo(agents.agent1)).toBe(0)
  })

  it('ends a ring as caller_left when the caller hangs up while the agent rings', async () => {
    const queue = new TestQueue(GROUP)
    await connectAdapter(queue)
    const call = await dial(caller)
    const line = await queue.next()
    const ringing = line.ring('agent1', 20)
    const { message: invite } = await agents.agent1.nextRequest('INVITE')
    agents.agent1.respond(invite, 180, { reason: 'Ringing' })

    await caller.cancel(call.invite)

    expect(await ringing).toBe('caller_left')
    await agents.agent1.nextRequest('CANCEL')
    expect((await call.result).final.status).toBe(487)
  })

  it('answers a rejected caller with 480 and the reason', async () => {
    const queue = new TestQueue(GROUP)
    await connectAdapter(queue)
    const call = await dial(caller)
    const line = await queue.next()

    line.reject('terugbelverzoek')

    const { final } = await call.result
    expect(final.status).toBe(480)
    expect(final.reason).toBe(QUEUE_REJECT_PHRASES.terugbelverzoek)
  })

  it('gives up with 480 after 15 agents declined, within the branches of its transaction', async () => {
    const queue = new TestQueue(GROUP)
    await connectAdapter(queue)
    const call = await dial(caller)
    const line = await queue.next()
    const outcomes: string[] = []

    for (let attempt = 1; attempt <= 15; attempt++) {
      const extension = attempt % 2 === 0 ? 'agent1' : 'agent2'
      const ringing = line.ring(extension, 20)
      const agent = agents[extension]
      agent.respond((await agent.nextRequest('INVITE')).message, 486, { reason: 'Busy Here' })
      outcomes.push(await ringing)
    }

    // The 15th failure ends the call: the line's last ring resolves as the caller being gone.
    expect(outcomes).toEqual([...Array<string>(14).fill('declined'), 'caller_left'])
    const { final } = await call.result
    expect(`${final.status} ${final.reason}`).toBe('480 Queue Timeout')
  })

  it('still rings a direct call to an agent at once', async () => {
    const queue = new TestQueue(GROUP)
    await connectAdapter(queue)
    const call = caller.invite(`sip:agent3@${fixture.domain}`)
    const { message: invite } = await agents.agent3.nextRequest('INVITE')
    agents.agent3.answer(invite)
    const { final, dialog } = await call
    expect(final.status).toBe(200)
    const bye = caller.transaction(dialog!.build('BYE'))
    agents.agent3.respond((await agents.agent3.nextRequest('BYE')).message, 200)
    await bye
  })
})
