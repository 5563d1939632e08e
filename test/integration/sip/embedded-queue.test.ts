import { describe, expect, it } from 'vitest'
import type { RingOutcome } from '../../../server/lib/call-queue'
import { Dialog } from '../../support/sip-dialog'
import { aor, until, useEmbeddedHarness } from '../../support/sip-embedded'
import { TEST_SDP } from '../../support/sip-requests'
import { SIP_DOMAIN } from '../../support/sip-servers'
import { dial, startWithQueue } from './queue-double'

// The embedded server holding callers for the gateway's queue (server/sip/queued-calls.ts), part 1:
// 182 Queued, ringing one agent at a time and each ring outcome, and the queue's reject. Part 2
// (embedded-queue-callers.test.ts): callers leaving, who may wait, and sip.js as the caller.
const { client, registered, track } = useEmbeddedHarness()

describe('a call to a group address the queue serves', () => {
  it('is answered 182 Queued and rings an agent only when the queue rings that agent', async () => {
    const { server, queue } = await startWithQueue(track)
    const agent2 = await registered(server, 'agent2')
    const agent3 = await registered(server, 'agent3')
    const guest = await client(server, 'burger', null)

    const { invite, done } = dial(guest, aor('vergunningen'))
    const line = await queue.next()
    const rangBeforeRing = !(await agent2.receivesNo('INVITE')) || !(await agent3.receivesNo('INVITE'))
    const ringing = line.ring('agent3', 30)
    const incoming = await agent3.nextRequest('INVITE')
    const agentSide = agent3.answer(incoming.message)
    const outcome = await ringing
    const { final, provisional } = await done

    expect(line.call).toMatchObject({
      sipCallId: invite.headers['call-id'],
      group: 'vergunningen',
      callerNumber: 'burger',
    })
    expect(line.call.enteredAt).toBeLessThanOrEqual(Date.now())
    expect(rangBeforeRing).toBe(false)
    expect(outcome).toBe('answered')
    expect(final.status).toBe(200)
    expect(final.headers.to.params['tag']).toBe(agentSide.localTag)
    // The agent's 180 is not relayed: the caller only ever hears that it is queued.
    expect(provisional.map((r) => `${r.status} ${r.reason}`)).toEqual(['182 Queued'])
    expect(incoming.message.uri).toBe(agent3.contactUri)
    expect(incoming.message.headers['record-route']).toHaveLength(2)
    expect(incoming.message.headers['p-asserted-identity']).toBeUndefined()
  })

  it('relays the answer so ACK, a re-INVITE and BYE pass as in any call, and forgets the line', async () => {
    const { server, queue } = await startWithQueue(track)
    const agent = await registered(server, 'agent2')
    const guest = await client(server, 'burger', null)

    const { invite, done } = dial(guest, aor('vergunningen'))
    const line = await queue.next()
    const ringing = line.ring('agent2', 30)
    const incoming = await agent.nextRequest('INVITE')
    const agentSide = agent.answer(incoming.message)
    const { final } = await done
    const callerSide = Dialog.fromUac(guest, invite, final)
    callerSide.ack(invite.headers.cseq.seq)
    const ack = await agent.nextRequest('ACK')
    const hold = callerSide.request('INVITE', {
      content: TEST_SDP,
      headers: { 'content-type': 'application/sdp' },
    })
    const reinvite = await agent.nextRequest('INVITE', {
      match: (r) => r.headers.to.params['tag'] !== undefined,
    })
    agent.respond(reinvite.message, 200, {
      content: TEST_SDP,
      headers: { 'content-type': 'application/sdp' },
    })
    const holdStatus = (await hold).status
    const byeFromAgent = agentSide.request('BYE')
    const bye = await guest.nextRequest('BYE')
    guest.respond(bye.message, 200)

    expect(await ringing).toBe('answered')
    expect(ack.message.headers['call-id']).toBe(invite.headers['call-id'])
    expect(holdStatus).toBe(200)
    expect((await byeFromAgent).status).toBe(200)
    expect(bye.message.headers['p-asserted-identity']).toBe(`<sip:agent2@${SIP_DOMAIN}>`)
    // The call has left the queue: the caller going now is none of the queue's business.
    await guest.close()
    await until(() => server.embedded!.stats().connections === 1)
    expect(queue.left).toEqual([])
    await until(() => server.embedded!.stats().dialogs === 0)
    expect(server.embedded!.stats()).toMatchObject({ waiting: 0, calls: 0 })
  })

  it("cancels the agent's phone after the ring time: no_answer, and the caller keeps waiting", async () => {
    const { server, queue } = await startWithQueue(track)
    const agent2 = await registered(server, 'agent2')
    const agent3 = await registered(server, 'agent3')
    const guest = await client(server, 'burger', null)

    const { done } = dial(guest, aor('vergunningen'))
    const line = await queue.next()
    const first = line.ring('agent2', 0.5)
    const incoming = await agent2.nextRequest('INVITE')
    agent2.respond(incoming.message, 180, { reason: 'Ringing' })
    const cancel = await agent2.nextRequest('CANCEL', { timeoutMs: 5000 })
    const firstOutcome = await first
    const second = line.ring('agent3', 30)
    agent3.answer((await agent3.nextRequest('INVITE')).message)

    expect(cancel.message.headers['call-id']).toBe(incoming.message.headers['call-id'])
    expect(firstOutcome).toBe('no_answer')
    expect(await second).toBe('answered')
    expect((await done).final.status).toBe(200)
  })

  it('hangs up an answer that comes after the ring was given up, and keeps the caller waiting', async () => {
    const { server, queue } = await startWithQueue(track)
    const agent = await registered(server, 'agent2')
    const guest = await client(server, 'burger', null)

    const { done } = dial(guest, aor('vergunningen'))
    const line = await queue.next()
    // Without a provisional response the branch cannot be CANCELled (RFC 3261 §9.1): the ring
    // gives up on it after the ring time and a grace period.
    const ringing = line.ring('agent2', 0.2)
    const incoming = await agent.nextRequest('INVITE')
    const outcome = await ringing
    agent.answer(incoming.message)
    const ack = await agent.nextRequest('ACK')
    const bye = await agent.nextRequest('BYE')
    agent.respond(bye.message, 200)
    line.reject('no_agent')

    expect(outcome).toBe('no_answer')
    expect(ack.message.headers['call-id']).toBe(incoming.message.headers['call-id'])
    expect(bye.message.headers['call-id']).toBe(incoming.message.headers['call-id'])
    const { final, provisional } = await done
    expect(final.status).toBe(480)
    expect(provisional.every((r) => r.status === 182)).toBe(true)
  })

  it('keeps a refusal from the caller: declined, and the caller keeps waiting', async () => {
    const { server, queue } = await startWithQueue(track)
    const agent = await registered(server, 'agent2')
    const guest = await client(server, 'burger', null)

    const { done } = dial(guest, aor('vergunningen'))
    const line = await queue.next()
    const outcomes: RingOutcome[] = []
    for (const status of [486, 603]) {
      const ringing = line.ring('agent2', 30)
      const incoming = await agent.nextRequest('INVITE')
      agent.respond(incoming.message, status, { reason: 'Nee' })
      outcomes.push(await ringing)
    }
    const last = line.ring('agent2', 30)
    agent.answer((await agent.nextRequest('INVITE')).message)

    expect(outcomes).toEqual(['declined', 'declined'])
    expect(await last).toBe('answered')
    const { final, provisional } = await done
    expect(final.status).toBe(200)
    expect(provisional.every((r) => r.status === 182)).toBe(true)
  })

  it('says unreachable at once for an agent without a registration, an unknown user or a second ring', async () => {
    const { server, queue } = await startWithQueue(track)
    const agent = await registered(server, 'agent2')
    const guest = await client(server, 'burger', null)

    const { done } = dial(guest, aor('vergunningen'))
    const line = await queue.next()
    const unregistered = await line.ring('agent3', 30)
    const unknown = await line.ring('nobody', 30)
    const ringing = line.ring('agent2', 30)
    const second = await line.ring('agent2', 30)
    agent.answer((await agent.nextRequest('INVITE')).message)

    expect([unregistered, unknown, second]).toEqual(['unreachable', 'unreachable', 'unreachable'])
    expect(await ringing).toBe('answered')
    expect((await done).final.status).toBe(200)
    expect(await agent.receivesNo('INVITE')).toBe(true) // the second ring rang nothing
  })

  it('ends the wait with 480 and a reason per reject reason', async () => {
    const { server, queue } = await startWithQueue(track)
    const phrases = []
    for (const reason of ['no_agent', 'timeout', 'terugbelverzoek'] as const) {
      const guest = await client(server, 'burger', null)
      const { done } = dial(guest, aor('vergunningen'))
      const line = await queue.next()
      line.reject(reason)
      const { final } = await done
      phrases.push(`${final.status} ${final.reason}`)
    }

    expect(phrases).toEqual(['480 No Agent Available', '480 Queue Timeout', '480 Callback Registered'])
    expect(queue.left).toEqual([])
    expect(server.embedded!.stats()).toMatchObject({ waiting: 0 })
  })

  it("cancels the agent's phone when the queue rejects while it rings", async () => {
    const { server, queue } = await startWithQueue(track)
    const agent = await registered(server, 'agent2')
    const guest = await client(server, 'burger', null)

    const { done } = dial(guest, aor('vergunningen'))
    const line = await queue.next()
    const ringing = line.ring('agent2', 30)
    const incoming = await agent.nextRequest('INVITE')
    agent.respond(incoming.message, 180, { reason: 'Ringing' })
    line.reject('timeout')
    const cancel = await agent.nextRequest('CANCEL')
    const { final } = await done

    expect(cancel.message.headers['call-id']).toBe(incoming.message.headers['call-id'])
    expect(await ringing).toBe('caller_left')
    expect(`${final.status} ${final.reason}`).toBe('480 Queue Timeout')
    expect(queue.left).toEqual([])
    expect(server.embedded!.stats().waiting).toBe(0)
  })
})
