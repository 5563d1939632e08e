import type { SipRequest, SipResponse } from 'sip'
import { Inviter, UserAgent } from 'sip.js'
import { describe, expect, it } from 'vitest'
import type { CallQueue, RingOutcome, WaitingLine } from '../../../server/lib/call-queue'
import type { SipLimits } from '../../../server/sip/types'
import type { SipTestClient } from '../../support/sip-client'
import { Dialog } from '../../support/sip-dialog'
import { aor, embeddedFixture, until, useEmbeddedHarness } from '../../support/sip-embedded'
import { TEST_SDP } from '../../support/sip-requests'
import { SIP_DOMAIN, startEmbedded, type RunningSipServer } from '../../support/sip-servers'
import { established, sipJsAgent, terminated } from '../../support/sip-sipjs'

// The embedded server holding callers for the gateway's queue (server/sip/queued-calls.ts). The
// queue here is a test double for the gateway's (server/gateway/queue/, tested end to end with the
// gateway): it serves `vergunningen`, hands every line to the test and records callers leaving.
const { client, registered, track } = useEmbeddedHarness()

class TestQueue implements CallQueue {
  readonly left: WaitingLine[] = []
  entered = 0
  private readonly lines: WaitingLine[] = []
  private readonly waiters: Array<(line: WaitingLine) => void> = []

  serves(group: string): boolean {
    return group === 'vergunningen'
  }

  enter(line: WaitingLine): void {
    this.entered++
    line.onCallerLeft(() => this.left.push(line))
    const waiter = this.waiters.shift()
    if (waiter) {
      waiter(line)
    } else {
      this.lines.push(line)
    }
  }

  next(): Promise<WaitingLine> {
    const line = this.lines.shift()
    return line ? Promise.resolve(line) : new Promise((resolve) => this.waiters.push(resolve))
  }
}

async function startWithQueue(limits: Partial<SipLimits> = {}): Promise<{
  server: RunningSipServer
  queue: TestQueue
}> {
  const queue = new TestQueue()
  const server = track(await startEmbedded(embeddedFixture, { guests: ['burger'], queue, limits }))
  return { server, queue }
}

/** Sends an INVITE to `target`; `done` resolves with its final response and the provisional ones. */
function dial(
  caller: SipTestClient,
  target: string,
): { invite: SipRequest; done: Promise<{ final: SipResponse; provisional: SipResponse[] }> } {
  const invite = caller.build('INVITE', target, {
    headers: { 'content-type': 'application/sdp' },
    content: TEST_SDP,
  })
  return { invite, done: caller.transaction(invite) }
}

describe('a call to a group address the queue serves', () => {
  it('is answered 182 Queued and rings an agent only when the queue rings that agent', async () => {
    const { server, queue } = await startWithQueue()
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
    const { server, queue } = await startWithQueue()
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
    const { server, queue } = await startWithQueue()
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
    const { server, queue } = await startWithQueue()
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
    const { server, queue } = await startWithQueue()
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
    const { server, queue } = await startWithQueue()
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

  it('answers a CANCEL while waiting with 487 and tells the queue once', async () => {
    const { server, queue } = await startWithQueue()
    const guest = await client(server, 'burger', null)

    const { invite, done } = dial(guest, aor('vergunningen'))
    const line = await queue.next()
    const cancel = await guest.cancel(invite)
    const { final } = await done
    const ringAfter = await line.ring('agent2', 30)

    expect(cancel.final.status).toBe(200)
    expect(final.status).toBe(487)
    expect(queue.left).toEqual([line])
    expect(ringAfter).toBe('caller_left')
    expect(server.embedded!.stats()).toMatchObject({ waiting: 0, calls: 0 })
  })

  it("cancels the agent's phone when the caller hangs up while it rings: caller_left", async () => {
    const { server, queue } = await startWithQueue()
    const agent = await registered(server, 'agent2')
    const guest = await client(server, 'burger', null)

    const { invite, done } = dial(guest, aor('vergunningen'))
    const line = await queue.next()
    const ringing = line.ring('agent2', 30)
    const incoming = await agent.nextRequest('INVITE')
    agent.respond(incoming.message, 180, { reason: 'Ringing' })
    await guest.cancel(invite)
    const agentCancel = await agent.nextRequest('CANCEL')

    expect(agentCancel.message.headers['call-id']).toBe(incoming.message.headers['call-id'])
    expect(await ringing).toBe('caller_left')
    expect((await done).final.status).toBe(487)
    expect(queue.left).toEqual([]) // ring() said it; onCallerLeft is for a caller who waits
    await until(() => server.embedded!.stats().waiting === 0)
  })

  it('tells the queue when the caller connection closes, waiting or ringing', async () => {
    const { server, queue } = await startWithQueue()
    const agent = await registered(server, 'agent2')
    const waitingGuest = await client(server, 'burger', null)
    const ringingGuest = await client(server, 'burger', null)

    void dial(waitingGuest, aor('vergunningen')).done.catch(() => undefined)
    const waitingLine = await queue.next()
    void dial(ringingGuest, aor('vergunningen')).done.catch(() => undefined)
    const ringingLine = await queue.next()
    const ringing = ringingLine.ring('agent2', 30)
    const incoming = await agent.nextRequest('INVITE')
    agent.respond(incoming.message, 180, { reason: 'Ringing' })
    await waitingGuest.close()
    await ringingGuest.close()
    const agentCancel = await agent.nextRequest('CANCEL')

    await until(() => queue.left.length === 1)
    expect(queue.left).toEqual([waitingLine])
    expect(await ringing).toBe('caller_left')
    expect(agentCancel.message.headers['call-id']).toBe(incoming.message.headers['call-id'])
    await agent.close()
    await until(() => server.embedded!.stats().connections === 0)
    expect(server.embedded!.stats()).toMatchObject({
      waiting: 0,
      calls: 0,
      dialogs: 0,
      transactions: 0,
      registrations: 0,
    })
  })

  it('ends the wait with 480 and a reason per reject reason', async () => {
    const { server, queue } = await startWithQueue()
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
    const { server, queue } = await startWithQueue()
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

  it("queues a guest's blind transfer to the afdeling with the referring agent's klantcontactnummer", async () => {
    const { server, queue } = await startWithQueue()
    const agent2 = await registered(server, 'agent2')
    const agent3 = await registered(server, 'agent3')
    const guest = await client(server, 'burger', null)
    const nummer = '26000002'

    const first = dial(guest, aor('vergunningen'))
    const firstLine = await queue.next()
    const answering = firstLine.ring('agent2', 30)
    const agentSide = agent2.answer((await agent2.nextRequest('INVITE')).message)
    const answered = await first.done
    Dialog.fromUac(guest, first.invite, answered.final).ack(first.invite.headers.cseq.seq)
    await answering
    const referring = agentSide.request('REFER', {
      headers: { 'refer-to': `<${aor('vergunningen')}?X-KCC-Klantcontact=${nummer}>` },
    })
    const referIn = await guest.nextRequest('REFER')
    guest.respond(referIn.message, 202, { reason: 'Accepted' })
    await referring
    const second = dial(guest, aor('vergunningen'))
    const secondLine = await queue.next()
    const ringing = secondLine.ring('agent3', 30)
    const incoming = await agent3.nextRequest('INVITE')
    agent3.answer(incoming.message)

    expect(await ringing).toBe('answered')
    expect((await second.done).final.status).toBe(200)
    expect(incoming.message.headers['x-kcc-klantcontact']).toBe(nummer)
    expect(incoming.message.headers['referred-by']).toBe(`<${aor('agent2')}>`)
  })

  it('keeps one waiting call per connection', async () => {
    const { server, queue } = await startWithQueue()
    const guest = await client(server, 'burger', null)

    const first = dial(guest, aor('vergunningen'))
    const line = await queue.next()
    const second = await dial(guest, aor('vergunningen')).done
    line.reject('no_agent')

    expect(second.final.status).toBe(403)
    expect((await first.done).final.status).toBe(480)
  })

  it('does not close the connection of a guest waiting in the queue for not authenticating', async () => {
    const { server, queue } = await startWithQueue({ authTimeoutSeconds: 1 })
    const agent = await registered(server, 'agent2')
    const waiting = await client(server, 'burger', null)
    const { done } = dial(waiting, aor('vergunningen'))
    const line = await queue.next()
    // Opened after the waiting guest, so its timer runs out later: once it is closed, the waiting
    // guest's timer has run out too.
    const idle = await client(server, 'burger', null)

    await idle.closed()
    const ringing = line.ring('agent2', 30)
    agent.answer((await agent.nextRequest('INVITE')).message)

    expect(waiting.isOpen).toBe(true)
    expect(await ringing).toBe('answered')
    expect((await done).final.status).toBe(200)
  })

  it("queues an agent's call after digest authentication, asserts the agent's identity and never rings the caller", async () => {
    const { server, queue } = await startWithQueue()
    const agent1 = await registered(server, 'agent1')
    const agent2 = await registered(server, 'agent2')

    const calling = agent1.invite(aor('vergunningen'), {
      headers: { 'P-Asserted-Identity': '<sip:agent3@kcc.test>' },
    })
    const line = await queue.next()
    const self = await line.ring('agent1', 30)
    const ringing = line.ring('agent2', 30)
    const incoming = await agent2.nextRequest('INVITE')
    agent2.answer(incoming.message)

    expect(self).toBe('unreachable')
    expect(await ringing).toBe('answered')
    expect((await calling).final.status).toBe(200)
    expect(line.call.callerNumber).toBe('agent1')
    expect(incoming.message.headers['p-asserted-identity']).toBe(`<sip:agent1@${SIP_DOMAIN}>`)
    expect(incoming.message.headers['proxy-authorization']).toBeUndefined()
  })

  it('refuses an unauthenticated agent before the queue sees the call', async () => {
    const { server, queue } = await startWithQueue()
    const impostor = await client(server, 'agent1', null)

    const call = await impostor.invite(aor('vergunningen'))

    expect(call.final.status).toBe(407)
    expect(server.embedded!.stats().waiting).toBe(0)
    expect(queue.entered).toBe(0)
  })

  it('tells the queue its waiting callers are gone when the server closes', async () => {
    const { server, queue } = await startWithQueue()
    const guest = await client(server, 'burger', null)
    void dial(guest, aor('vergunningen')).done.catch(() => undefined)
    const line = await queue.next()

    await server.close()

    expect(queue.left).toEqual([line])
    expect(await line.ring('agent2', 30)).toBe('caller_left')
  })

  it('leaves group calls the queue does not serve to ring every member at once', async () => {
    const queue: CallQueue = { serves: () => false, enter: () => undefined }
    const server = track(await startEmbedded(embeddedFixture, { guests: ['burger'], queue }))
    const agent2 = await registered(server, 'agent2')
    const agent3 = await registered(server, 'agent3')
    const guest = await client(server, 'burger', null)

    const calling = guest.invite(aor('vergunningen'))
    const [at2, at3] = await Promise.all([agent2.nextRequest('INVITE'), agent3.nextRequest('INVITE')])
    agent2.answer(at2.message)

    expect((await calling).final.status).toBe(200)
    expect(at3.message.headers['call-id']).toBe(at2.message.headers['call-id'])
  })
})

describe('sip.js as the queued caller', () => {
  it('takes the repeated 182 Queued as progress and the 200 of the agent the queue rang', async () => {
    const { server, queue } = await startWithQueue({ queuedProvisionalSeconds: 0.2 })
    const agent = await registered(server, 'agent2')
    const caller = await sipJsAgent({ url: server.url, domain: SIP_DOMAIN, user: 'burger' })
    track({ close: () => caller.stop() })

    const progress: string[] = []
    let secondProgress!: () => void
    const twice = new Promise<void>((resolve) => (secondProgress = resolve))
    const inviter = new Inviter(caller.ua, UserAgent.makeURI(aor('vergunningen'))!)
    await inviter.invite({
      requestDelegate: {
        onProgress: (response) => {
          progress.push(`${response.message.statusCode} ${response.message.reasonPhrase}`)
          if (progress.length === 2) {
            secondProgress()
          }
        },
      },
    })
    const line = await queue.next()
    await twice
    const ringing = line.ring('agent2', 30)
    agent.answer((await agent.nextRequest('INVITE')).message)
    await established(inviter)
    const bye = inviter.bye()
    const byeAtAgent = await agent.nextRequest('BYE')
    agent.respond(byeAtAgent.message, 200)
    await bye
    await terminated(inviter)

    expect(await ringing).toBe('answered')
    expect(progress.slice(0, 2)).toEqual(['182 Queued', '182 Queued'])
    await until(() => server.embedded!.stats().waiting === 0 && server.embedded!.stats().dialogs === 0)
  })
})
