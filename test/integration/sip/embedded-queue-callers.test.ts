import type { CallQueue } from '../../../server/lib/call-queue'
import { Inviter, UserAgent } from 'sip.js'
import { describe, expect, it } from 'vitest'
import { Dialog } from '../../support/sip-dialog'
import { aor, embeddedFixture, until, useEmbeddedHarness } from '../../support/sip-embedded'
import { SIP_DOMAIN, startEmbedded } from '../../support/sip-servers'
import { established, sipJsAgent, terminated } from '../../support/sip-sipjs'
import { dial, startWithQueue } from './queue-double'

// The embedded server holding callers for the gateway's queue (server/sip/queued-calls.ts), part 2:
// callers leaving (CANCEL, connection, server closing), who may wait and with what, a queue that
// fails or does not serve a group, and sip.js as the caller. Part 1: embedded-queue.test.ts.
const { client, registered, track } = useEmbeddedHarness()

describe('a caller waiting for the queue', () => {
  it('answers a CANCEL while waiting with 487 and tells the queue once', async () => {
    const { server, queue } = await startWithQueue(track)
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
    const { server, queue } = await startWithQueue(track)
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
    const { server, queue } = await startWithQueue(track)
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

  it('tells the queue its waiting callers are gone when the server closes', async () => {
    const { server, queue } = await startWithQueue(track)
    const guest = await client(server, 'burger', null)
    void dial(guest, aor('vergunningen')).done.catch(() => undefined)
    const line = await queue.next()

    await server.close()

    expect(queue.left).toEqual([line])
    expect(await line.ring('agent2', 30)).toBe('caller_left')
  })

  it("queues a guest's blind transfer to the afdeling with the referring agent's klantcontactnummer", async () => {
    const { server, queue } = await startWithQueue(track)
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
    const { server, queue } = await startWithQueue(track)
    const guest = await client(server, 'burger', null)

    const first = dial(guest, aor('vergunningen'))
    const line = await queue.next()
    const second = await dial(guest, aor('vergunningen')).done
    line.reject('no_agent')

    expect(second.final.status).toBe(403)
    expect((await first.done).final.status).toBe(480)
  })

  it('does not close the connection of a guest waiting in the queue for not authenticating', async () => {
    const { server, queue } = await startWithQueue(track, { authTimeoutSeconds: 1 })
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
    const { server, queue } = await startWithQueue(track)
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
    const { server, queue } = await startWithQueue(track)
    const impostor = await client(server, 'agent1', null)

    const call = await impostor.invite(aor('vergunningen'))

    expect(call.final.status).toBe(407)
    expect(server.embedded!.stats().waiting).toBe(0)
    expect(queue.entered).toBe(0)
  })

  it('refuses the caller with 480 when the queue fails to take the call, and rings as usual when it cannot say whether it serves', async () => {
    const broken: CallQueue = {
      serves: (group) => {
        if (group === 'vergunningen') {
          return true
        }
        throw new Error('no idea')
      },
      enter: () => {
        throw new Error('queue down')
      },
    }
    const server = track(
      await startEmbedded(
        { ...embeddedFixture, groups: { ...embeddedFixture.groups, team: ['agent2'] } },
        { guests: ['burger'], queue: broken },
      ),
    )
    const agent = await registered(server, 'agent2')
    const guest = await client(server, 'burger', null)

    const refused = await dial(guest, aor('vergunningen')).done
    const calling = guest.invite(aor('team'))
    agent.answer((await agent.nextRequest('INVITE')).message)

    expect(`${refused.final.status} ${refused.final.reason}`).toBe('480 No Agent Available')
    expect((await calling).final.status).toBe(200)
    expect(server.embedded!.stats().waiting).toBe(0)
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
    const { server, queue } = await startWithQueue(track, { queuedProvisionalSeconds: 0.2 })
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
