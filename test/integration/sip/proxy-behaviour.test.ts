import { afterEach, describe, expect, it } from 'vitest'
import { SipTestClient } from '../../support/sip-client'
import { SIP_DOMAIN, sipFixture, type SipFixture } from '../../support/sip-servers'
import { bothSipServers, sipServerForSuite } from '../../support/sip-suite'

// One suite, two servers: what an agent's softphone relies on must hold for our embedded server
// (demo, tests) and for Kamailio with deploy/kamailio/kamailio.cfg (production) alike.
const fixture: SipFixture = sipFixture(['agent1', 'agent2', 'agent3', 'agent4'], {
  vergunningen: ['agent2', 'agent3', 'agent4'],
})
const aor = (user: string): string => `sip:${user}@${SIP_DOMAIN}`
const KCC = '23009182'
const UUI = '043233303039313832;encoding=hex;purpose=isdn-uui;content=isdn-uui'

describe.each(bothSipServers)('$name', ({ kind }) => {
  const server = sipServerForSuite(kind, fixture)
  const clients: SipTestClient[] = []
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()))
  })

  const connect = async (
    user: string,
    options: { password?: string | null } = {},
  ): Promise<SipTestClient> => {
    const own = fixture.credentials[user]
    // null: no credentials at all; a password: that one with the agent's own username.
    const login =
      options.password === null
        ? {}
        : { authUser: own?.authUser ?? user, password: options.password ?? own?.password }
    const client = await SipTestClient.connect({ url: server().url, domain: SIP_DOMAIN, user, ...login })
    clients.push(client)
    return client
  }
  const registered = async (user: string): Promise<SipTestClient> => {
    const client = await connect(user)
    const response = await client.register()
    expect(response.status, `REGISTER ${user}`).toBe(200)
    return client
  }

  describe('registration', () => {
    it('challenges a REGISTER with an MD5 qop=auth digest and accepts the right password', async () => {
      const agent = await connect('agent1')
      const request = agent.build('REGISTER', `sip:${SIP_DOMAIN}`, {
        to: agent.aor,
        headers: { expires: '600' },
      })
      const { final, challenged } = await agent.withAuth(request)

      expect(challenged).toHaveLength(1)
      expect(challenged[0]!.status).toBe(401)
      const challenge = challenged[0]!.headers['www-authenticate']![0]!
      expect(challenge.scheme).toBe('Digest')
      expect(challenge['realm']).toBe(`"${SIP_DOMAIN}"`)
      expect(challenge['qop']).toMatch(/^"?auth"?$/)
      expect(challenge['algorithm'] ?? 'MD5').toBe('MD5')
      expect(final.status).toBe(200)
      const contacts = final.headers.contact
      expect(
        Array.isArray(contacts) && contacts.some((c) => String(c.uri).startsWith(agent.contactUri)),
      ).toBe(true)
    })

    it('refuses a REGISTER with a wrong password, and the agent stays unreachable', async () => {
      const impostor = await connect('agent4', { password: 'not-the-password' })
      const caller = await connect('agent1')

      const response = await impostor.register()
      const call = await caller.invite(aor('agent4'))

      expect([401, 403]).toContain(response.status)
      expect(call.final.status).toBe(480)
      expect(await impostor.receivesNo('INVITE')).toBe(true)
    })

    it('forgets a registration when its WebSocket closes, so a closed softphone does not ring', async () => {
      const gone = await registered('agent3')
      const caller = await registered('agent1')

      await gone.close()
      await new Promise((r) => setTimeout(r, 200))
      const call = await caller.invite(aor('agent3'))

      expect(call.final.status).toBe(480)
    })

    it("refuses one agent's credentials for another agent's identity", async () => {
      const agent1 = await connect('agent1')
      // agent1's password, but REGISTER as agent2: the authentication user must match To.
      const request = agent1.build('REGISTER', `sip:${SIP_DOMAIN}`, { to: aor('agent2') })
      request.headers.from = { uri: aor('agent2'), params: { tag: 'x1' } }
      const { final: challenge } = await agent1.transaction(request)
      const { final } = await agent1.transaction(agent1.authorized(request, challenge))

      expect(challenge.status).toBe(401)
      expect([401, 403]).toContain(final.status)
    })
  })

  describe('calls', () => {
    it('challenges an INVITE without credentials with 407 and does not ring the callee', async () => {
      const callee = await registered('agent2')
      const caller = await connect('agent1')

      const { final } = await caller.transaction(caller.build('INVITE', aor('agent2')))

      expect(final.status).toBe(407)
      expect(final.headers['proxy-authenticate']?.[0]?.scheme).toBe('Digest')
      expect(await callee.receivesNo('INVITE')).toBe(true)
    })

    it('routes a call from one agent to another and carries the BYE', async () => {
      const callee = await registered('agent2')
      const caller = await registered('agent1')

      const calling = caller.invite(aor('agent2'))
      const incoming = await callee.nextRequest('INVITE')
      const calleeDialog = callee.answer(incoming.message)
      const call = await calling
      const ack = await callee.nextRequest('ACK')

      // The Request-URI is rewritten to the callee's registered Contact.
      expect(incoming.message.uri.split(';')[0]).toBe(callee.contactUri.split(';')[0])
      expect(incoming.message.headers.from.uri).toBe(aor('agent1'))
      expect(incoming.message.headers.authorization).toBeUndefined()
      expect(incoming.message.headers['proxy-authorization']).toBeUndefined()
      expect(call.final.status).toBe(200)
      // Only the caller's own Via is left: sip.js drops a response with more than one.
      expect(call.final.headers.via).toHaveLength(1)
      expect(ack.message.headers.cseq.seq).toBe(call.invite.headers.cseq.seq)

      const bye = call.dialog!.request('BYE')
      const byeIn = await callee.nextRequest('BYE')
      callee.respond(byeIn.message, 200)
      expect((await bye).status).toBe(200)
      expect(byeIn.message.headers['call-id']).toBe(calleeDialog.callId)
    })

    it('refuses calls to addresses outside its domain and to unknown users', async () => {
      const caller = await registered('agent1')

      const premium = await caller.invite('sip:0900123456@premium.example')
      const unknown = await caller.invite(aor('nobody'))

      expect(premium.final.status).toBe(403)
      expect(unknown.final.status).toBe(404)
    })

    it("carries a consult call's X-KCC-Klantcontact and User-to-User headers to the callee unchanged", async () => {
      const callee = await registered('agent2')
      const caller = await registered('agent1')

      const calling = caller.invite(aor('agent2'), {
        headers: { 'X-KCC-Klantcontact': KCC, 'User-to-User': UUI },
      })
      const incoming = await callee.nextRequest('INVITE')
      callee.answer(incoming.message)
      await calling

      expect(incoming.message.headers['x-kcc-klantcontact']).toBe(KCC)
      expect(incoming.message.headers['user-to-user']).toBe(UUI)
      expect(incoming.raw).toMatch(new RegExp(`^X-KCC-Klantcontact: ${KCC}\\r$`, 'im'))
      expect(incoming.raw).toMatch(
        /^User-to-User: 043233303039313832;encoding=hex;purpose=isdn-uui;content=isdn-uui\r$/im,
      )
    })
  })

  describe('group addresses', () => {
    it('rings every available member at once and cancels the others when one answers', async () => {
      const agent2 = await registered('agent2')
      const agent3 = await registered('agent3')
      // agent4 is a member but not registered: not available.
      const caller = await registered('agent1')

      const calling = caller.invite(aor('vergunningen'))
      const [at2, at3] = await Promise.all([agent2.nextRequest('INVITE'), agent3.nextRequest('INVITE')])
      // Both ring before anyone answers.
      agent3.respond(at3.message, 180, { reason: 'Ringing' })
      agent2.answer(at2.message)
      const call = await calling
      const cancel = await agent3.nextRequest('CANCEL')

      expect(call.final.status).toBe(200)
      expect(call.final.headers.to.params['tag']).toBeDefined()
      expect(at2.message.headers['call-id']).toBe(at3.message.headers['call-id'])
      expect(cancel.message.headers['call-id']).toBe(at3.message.headers['call-id'])
      expect(cancel.message.headers.cseq.seq).toBe(at3.message.headers.cseq.seq)
      // RFC 3326: the other agent's app can tell this from a caller who gave up.
      expect(cancel.raw).toMatch(/^Reason:\s*SIP\s*;\s*cause=200\b/im)
      expect(await agent2.receivesNo('CANCEL')).toBe(true)
    })

    it('answers 480 when no member is available', async () => {
      const caller = await registered('agent1')

      const call = await caller.invite(aor('vergunningen'))

      expect(call.final.status).toBe(480)
    })
  })

  describe('in-dialog requests', () => {
    it('lets re-INVITE, REFER, NOTIFY and BYE follow the record-route in both directions', async () => {
      // The caller does not register: requests towards it can only arrive along the Record-Route.
      const caller = await connect('agent1')
      const callee = await registered('agent2')

      const calling = caller.invite(aor('agent2'))
      const incoming = await callee.nextRequest('INVITE')
      const calleeDialog = callee.answer(incoming.message)
      const call = await calling
      await callee.nextRequest('ACK')
      expect(incoming.message.headers['record-route']?.length ?? 0).toBeGreaterThan(0)
      expect(call.final.headers['record-route']?.length ?? 0).toBeGreaterThan(0)
      const callerDialog = call.dialog!

      // Hold: a re-INVITE from the caller.
      const hold = callerDialog.request('INVITE', {
        headers: { 'content-type': 'application/sdp' },
        content:
          'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\na=sendonly\r\n',
      })
      const reinvite = await callee.nextRequest('INVITE')
      expect(reinvite.message.headers.to.params['tag']).toBe(calleeDialog.localTag)
      callee.respond(reinvite.message, 200, {
        headers: { 'content-type': 'application/sdp' },
        content: 'v=0\r\n',
      })
      expect((await hold).status).toBe(200)
      await callee.nextRequest('ACK', {
        match: (r) => r.headers.cseq.seq === reinvite.message.headers.cseq.seq,
      })

      // Transfer: REFER from the caller, NOTIFY back from the callee.
      const refer = callerDialog.request('REFER', { headers: { 'refer-to': `<${aor('agent3')}>` } })
      const referIn = await callee.nextRequest('REFER')
      callee.respond(referIn.message, 202, { reason: 'Accepted' })
      expect((await refer).status).toBe(202)

      const notify = calleeDialog.request('NOTIFY', {
        headers: {
          event: 'refer',
          'subscription-state': 'terminated;reason=noresource',
          'content-type': 'message/sipfrag',
        },
        content: 'SIP/2.0 200 OK\r\n',
      })
      const notifyIn = await caller.nextRequest('NOTIFY')
      caller.respond(notifyIn.message, 200)
      expect((await notify).status).toBe(200)
      expect(notifyIn.message.content).toBe('SIP/2.0 200 OK\r\n')

      // Hang-up from the callee's side.
      const bye = calleeDialog.request('BYE')
      const byeIn = await caller.nextRequest('BYE')
      caller.respond(byeIn.message, 200)
      expect((await bye).status).toBe(200)
    })

    it("delivers an attended transfer's INVITE with Replaces to the consult target's contact", async () => {
      const agent1 = await registered('agent1')
      const agent2 = await registered('agent2')
      const transferee = await registered('agent3')

      // agent1's consult call to agent2; Refer-To would carry agent2's contact as agent1 sees it.
      const consulting = agent1.invite(aor('agent2'))
      const consultIn = await agent2.nextRequest('INVITE')
      agent2.answer(consultIn.message)
      const consult = await consulting
      const referTarget = consult.dialog!.remoteTarget
      const replaces = `${consult.dialog!.callId};to-tag=${consult.final.headers.to.params['tag']};from-tag=${consult.invite.headers.from.params['tag']}`

      const replacing = transferee.invite(referTarget, { headers: { Replaces: replaces } })
      const replaceIn = await agent2.nextRequest('INVITE', {
        match: (r) => r.headers['replaces'] !== undefined,
      })
      agent2.answer(replaceIn.message)
      const replaced = await replacing

      expect(replaceIn.message.headers['replaces']).toBe(replaces)
      expect(replaceIn.message.headers.from.uri).toBe(aor('agent3'))
      expect(replaced.final.status).toBe(200)
    })
  })
})
