import { afterEach, describe, expect, it } from 'vitest'
import { SipTestClient } from '../../support/sip-client'
import { Dialog } from '../../support/sip-dialog'
import { SIP_DOMAIN, sipFixture, type SipFixture } from '../../support/sip-servers'
import { bothSipServers, sipServerForSuite } from '../../support/sip-suite'
import {
  expectAsserted,
  expectNotAsserted,
  forgedDialog,
  headerLines,
  NOT_FOR_GUESTS,
  rejectedCall,
} from '../../support/sip-trust'

// Who sent what, on both SIP servers (docs/telephony.md, "Trust"): an agent's requests carry the
// P-Asserted-Identity the server gives them and nobody else's do; a guest (the demo caller page)
// acts only inside its own calls; and the klantcontactnummer of a guest's blind transfer reaches the
// colleague only as the referring agent sent it.
const fixture: SipFixture = sipFixture(['agent1', 'agent2', 'agent3'], { vergunningen: ['agent2'] }, [
  'burger',
])
const aor = (user: string): string => `sip:${user}@${SIP_DOMAIN}`
const NUMMER = '26000002'
const UUI = '043236303030303032;encoding=hex;purpose=isdn-uui;content=isdn-uui'

describe.each(bothSipServers)('$name', ({ kind }) => {
  const server = sipServerForSuite(kind, fixture)
  const clients: SipTestClient[] = []
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()))
  })

  const connect = async (user: string): Promise<SipTestClient> => {
    const login = fixture.credentials[user] ?? { password: fixture.guests![user] }
    const client = await SipTestClient.connect({ url: server().url, domain: SIP_DOMAIN, user, ...login })
    clients.push(client)
    return client
  }
  const registered = async (user: string): Promise<SipTestClient> => {
    const client = await connect(user)
    expect((await client.register()).status, `REGISTER ${user}`).toBe(200)
    return client
  }
  /** A guest's call to agent1, answered; both sides' dialogs. */
  const guestCall = async (): Promise<{
    guest: SipTestClient
    agent: SipTestClient
    guestDialog: Dialog
    agentDialog: Dialog
  }> => {
    const agent = await registered('agent1')
    const guest = await connect('burger')
    const calling = guest.invite(aor('agent1'))
    const incoming = await agent.nextRequest('INVITE')
    const agentDialog = agent.answer(incoming.message)
    const call = await calling
    await agent.nextRequest('ACK')
    expect(call.final.status).toBe(200)
    return { guest, agent, guestDialog: call.dialog!, agentDialog }
  }

  describe('P-Asserted-Identity', () => {
    it("marks an agent's INVITE with the agent that authenticated and drops the identity it claimed", async () => {
      const callee = await registered('agent2')
      const caller = await connect('agent1')

      const calling = caller.invite(aor('agent2'), {
        headers: { 'P-Asserted-Identity': `<${aor('agent3')}>`, 'p-asserted-identity': '<sip:x@elsewhere>' },
      })
      const incoming = await callee.nextRequest('INVITE')
      callee.respond(incoming.message, 486)
      await calling

      expectAsserted(incoming, 'agent1', SIP_DOMAIN)
    })

    it('marks in-dialog requests with the agent each connection authenticated as, also the callee of a group address', async () => {
      const callee = await registered('agent2')
      const caller = await connect('agent1')
      const calling = caller.invite(aor('vergunningen'))
      const incoming = await callee.nextRequest('INVITE')
      const calleeDialog = callee.answer(incoming.message)
      const call = await calling
      const ack = await callee.nextRequest('ACK')

      const info = calleeDialog.request('INFO', { headers: { 'P-Asserted-Identity': `<${aor('agent3')}>` } })
      const infoIn = await caller.nextRequest('INFO')
      caller.respond(infoIn.message, 200)
      await info
      const bye = call.dialog!.request('BYE', { headers: { 'P-Asserted-Identity': `<${aor('agent3')}>` } })
      const byeIn = await callee.nextRequest('BYE')
      callee.respond(byeIn.message, 200)
      await bye

      expectAsserted(ack, 'agent1', SIP_DOMAIN)
      // The callee's From is the group address it was called on; the identity is still its own.
      expect(infoIn.message.headers.from.uri).toBe(aor('vergunningen'))
      expectAsserted(infoIn, 'agent2', SIP_DOMAIN)
      expectAsserted(byeIn, 'agent1', SIP_DOMAIN)
    })

    it("never marks a guest's initial or in-dialog requests, whatever identity they claim", async () => {
      const agent = await registered('agent1')
      const guest = await connect('burger')
      const claimed = { 'P-Asserted-Identity': `<${aor('agent2')}>` }

      const calling = guest.invite(aor('agent1'), { headers: claimed })
      const incoming = await agent.nextRequest('INVITE')
      agent.answer(incoming.message)
      const { dialog } = await calling
      const ack = await agent.nextRequest('ACK')
      const bye = dialog!.request('BYE', { headers: claimed })
      const byeIn = await agent.nextRequest('BYE')
      agent.respond(byeIn.message, 200)
      await bye

      expectNotAsserted(incoming)
      expectNotAsserted(ack)
      expectNotAsserted(byeIn)
    })
  })

  describe('guests act only inside their own calls', () => {
    it('refuses MESSAGE, INFO, NOTIFY, REFER and SUBSCRIBE on the route of a rejected call, with its To tag or a made-up one', async () => {
      const agent = await registered('agent1')
      const guest = await connect('burger')
      const call = await rejectedCall(guest, agent, aor('agent1'))
      expect(call.final.status).toBe(486)

      const statuses: Record<string, number> = {}
      for (const toTag of [String(call.ringing.headers.to.params['tag']), 'made-up-tag']) {
        const dialog = forgedDialog(guest, call, toTag)
        for (const { method, headers, content } of NOT_FOR_GUESTS) {
          statuses[`${method} ${toTag}`] = (await dialog.request(method, { headers, content })).status
        }
      }

      expect(
        Object.values(statuses).every((status) => status === 403),
        JSON.stringify(statuses),
      ).toBe(true)
      for (const { method } of NOT_FOR_GUESTS) {
        expect(await agent.receivesNo(method, 100), method).toBe(true)
      }
    })

    it("refuses MESSAGE, NOTIFY, REFER and SUBSCRIBE inside the guest's own live call, and a made-up To tag", async () => {
      const { guest, agent, guestDialog } = await guestCall()
      const madeUp = new Dialog(
        guest,
        guestDialog.callId,
        guestDialog.local,
        { ...guestDialog.remote, params: { ...guestDialog.remote.params, tag: 'made-up-tag' } },
        guestDialog.remoteTarget,
        guestDialog.routeSet,
        50,
      )

      const statuses: Record<string, number> = {}
      for (const { method, headers, content } of NOT_FOR_GUESTS.filter((r) => r.method !== 'INFO')) {
        statuses[method] = (await guestDialog.request(method, { headers, content })).status
      }
      statuses['INFO made-up'] = (await madeUp.request('INFO')).status

      expect(
        Object.values(statuses).every((status) => status === 403),
        JSON.stringify(statuses),
      ).toBe(true)
      for (const method of ['MESSAGE', 'NOTIFY', 'REFER', 'SUBSCRIBE', 'INFO']) {
        expect(await agent.receivesNo(method, 100), method).toBe(true)
      }
    })

    it("lets a guest's call hold, send DTMF and hang up, and nothing more after the BYE", async () => {
      const { guest, agent, guestDialog } = await guestCall()
      void guest

      const hold = guestDialog.request('INVITE', {
        headers: { 'content-type': 'application/sdp' },
        content: 'v=0\r\n',
      })
      const holdIn = await agent.nextRequest('INVITE', {
        match: (r) => r.headers.to.params['tag'] !== undefined,
      })
      agent.respond(holdIn.message, 200, {
        headers: { 'content-type': 'application/sdp' },
        content: 'v=0\r\n',
      })
      const dtmf = guestDialog.request(
        'INFO',
        NOT_FOR_GUESTS.find((r) => r.method === 'INFO')!,
      )
      const dtmfIn = await agent.nextRequest('INFO')
      agent.respond(dtmfIn.message, 200)
      const bye = guestDialog.request('BYE')
      const byeIn = await agent.nextRequest('BYE')
      agent.respond(byeIn.message, 200)
      const results = [(await hold).status, (await dtmf).status, (await bye).status]
      const after = await guestDialog.request('INFO')

      expect(results).toEqual([200, 200, 200])
      expect(after.status).toBe(403)
      expect(await agent.receivesNo('INFO', 100)).toBe(true)
    })
  })

  describe("a guest's blind transfer", () => {
    const refer = (agentDialog: Dialog, referTo: string): Promise<number> =>
      agentDialog
        .request('REFER', { headers: { 'refer-to': referTo, 'referred-by': `<${aor('agent1')}>` } })
        .then((r) => r.status)

    it("carries the referring agent's nummer and Referred-By on the guest's INVITE to the Refer-To target, once", async () => {
      const colleague = await registered('agent2')
      const { guest, agent, agentDialog, guestDialog } = await guestCall()

      const referring = refer(
        agentDialog,
        `<${aor('agent2')}?X-KCC-Klantcontact=${NUMMER}&User-to-User=${encodeURIComponent(UUI)}>`,
      )
      const referIn = await guest.nextRequest('REFER')
      guest.respond(referIn.message, 202, { reason: 'Accepted' })
      expect(await referring).toBe(202)
      // The guest reports progress (RFC 3515): the agent's softphone waits for it to finish a transfer.
      const notify = guestDialog.request(
        'NOTIFY',
        NOT_FOR_GUESTS.find((r) => r.method === 'NOTIFY')!,
      )
      const notifyIn = await agent.nextRequest('NOTIFY')
      agent.respond(notifyIn.message, 200)
      const forged = {
        'X-KCC-Klantcontact': '99999999',
        'Referred-By': `<${aor('agent3')}>`,
        'User-to-User': UUI,
      }
      const following = guest.invite(aor('agent2'), { headers: forged })
      const followed = await colleague.nextRequest('INVITE')
      colleague.respond(followed.message, 486)
      await following
      const again = guest.invite(aor('agent2'), { headers: { 'X-KCC-Klantcontact': NUMMER } })
      const againIn = await colleague.nextRequest('INVITE')
      colleague.respond(againIn.message, 486)
      await again

      expectAsserted(referIn, 'agent1', SIP_DOMAIN)
      expect((await notify).status).toBe(200)
      expect(headerLines(followed.raw, 'X-KCC-Klantcontact').map((l) => l.split(':')[1]!.trim())).toEqual([
        NUMMER,
      ])
      expect(headerLines(followed.raw, 'Referred-By').map((l) => l.replace(/^[^:]*:\s*/, ''))).toEqual([
        `<${aor('agent1')}>`,
      ])
      expect(headerLines(followed.raw, 'User-to-User')).toEqual([])
      expectNotAsserted(followed)
      expect(headerLines(againIn.raw, 'X-KCC-Klantcontact')).toEqual([])
    })

    it("vouches for nothing on a guest's INVITE to anyone but the Refer-To target", async () => {
      const other = await registered('agent3')
      const { guest, agentDialog } = await guestCall()

      const referring = refer(agentDialog, `<${aor('agent2')}?X-KCC-Klantcontact=${NUMMER}>`)
      const referIn = await guest.nextRequest('REFER')
      guest.respond(referIn.message, 202, { reason: 'Accepted' })
      await referring
      const calling = guest.invite(aor('agent3'), { headers: { 'X-KCC-Klantcontact': NUMMER } })
      const incoming = await other.nextRequest('INVITE')
      other.respond(incoming.message, 486)
      await calling

      expect(headerLines(incoming.raw, 'X-KCC-Klantcontact')).toEqual([])
    })

    it('refuses a REFER whose Refer-To would inject a header line, even from an agent', async () => {
      const { guest, agentDialog } = await guestCall()

      const status = await refer(
        agentDialog,
        `<${aor('agent2')}?Replaces=x%0D%0AX-KCC-Klantcontact%3A%20${NUMMER}>`,
      )

      expect(status).toBe(400)
      expect(await guest.receivesNo('REFER', 200)).toBe(true)
    })
  })
})
