import { afterEach, describe, expect, it } from 'vitest'
import { SipTestClient } from '../../support/sip-client'
import { SIP_DOMAIN, sipFixture, type SipFixture, type SipLogin } from '../../support/sip-servers'
import { bothSipServers, sipServerForSuite } from '../../support/sip-suite'
import { call, sipJsAgent, terminated, type SipJsAgent } from '../../support/sip-sipjs'

// The demo caller page's account (`burger`) on both SIP servers: the embedded server lets the guest
// call without credentials, Kamailio has it as a caller account (deploy/kamailio/generate-credentials
// `guests`). Either way the caller reaches the KCC group address, may do nothing but call, and can
// never hand an agent a klantcontactnummer (X-KCC-Klantcontact, User-to-User) or pose as a monitor
// call (X-KCC-Monitor).
const fixture: SipFixture = sipFixture(['agent1', 'agent2'], { kcc: ['agent1', 'agent2'] }, ['burger'])
const aor = (user: string): string => `sip:${user}@${SIP_DOMAIN}`
const GUEST_PASSWORD = fixture.guests!['burger']!
const INJECTED = {
  'X-KCC-Klantcontact': '12345678',
  'User-to-User': '043132333435363738;encoding=hex;purpose=isdn-uui;content=isdn-uui',
  // A supervisor's app answers a monitor call without ringing (docs/supervisor.md): never from a guest.
  'X-KCC-Monitor': '0f8e2c5a-3b1d-4c6e-9a7f-2d4b6c8e0a1f',
}

describe.each(bothSipServers)('the caller account on the $name', ({ kind }) => {
  const server = sipServerForSuite(kind, fixture)
  const clients: SipTestClient[] = []
  const agents: SipJsAgent[] = []
  afterEach(async () => {
    await Promise.all([...clients.splice(0).map((c) => c.close()), ...agents.splice(0).map((a) => a.stop())])
  })

  const connect = async (user: string, login: SipLogin): Promise<SipTestClient> => {
    const client = await SipTestClient.connect({ url: server().url, domain: SIP_DOMAIN, user, ...login })
    clients.push(client)
    return client
  }
  const registeredAgent = async (user: string): Promise<SipTestClient> => {
    const agent = await connect(user, fixture.credentials[user]!)
    expect((await agent.register()).status).toBe(200)
    return agent
  }
  const guest = (): Promise<SipTestClient> => connect('burger', { password: GUEST_PASSWORD })

  it('dials the group address kcc with sip.js, with the user and password the caller page takes', async () => {
    const agent = await sipJsAgent({
      url: server().url,
      domain: SIP_DOMAIN,
      user: 'agent1',
      ...fixture.credentials['agent1']!,
    })
    agents.push(agent)
    await agent.register()
    // As the caller page: a UserAgent with credentials, no REGISTER, one Inviter.
    const caller = await sipJsAgent({
      url: server().url,
      domain: SIP_DOMAIN,
      user: 'burger',
      password: GUEST_PASSWORD,
    })
    agents.push(caller)

    const inviter = await call(caller, aor('kcc'))
    const invitation = await agent.nextInvitation()
    await agent.acked(invitation)
    await inviter.bye()
    await terminated(invitation)

    expect(invitation.remoteIdentity.uri.user).toBe('burger')
  })

  it("removes X-KCC-Klantcontact, User-to-User and X-KCC-Monitor from the caller's INVITE and keeps other headers", async () => {
    const agent = await registeredAgent('agent1')
    const caller = await guest()

    const calling = caller.invite(aor('kcc'), { headers: { ...INJECTED, 'X-Other': 'kept' } })
    const incoming = await agent.nextRequest('INVITE')
    agent.answer(incoming.message)
    const answered = await calling

    expect(answered.final.status).toBe(200)
    expect(incoming.message.headers['x-kcc-klantcontact']).toBeUndefined()
    expect(incoming.message.headers['user-to-user']).toBeUndefined()
    expect(incoming.raw).not.toMatch(/klantcontact|user-to-user|kcc-monitor/i)
    expect(incoming.message.headers['x-other']).toBe('kept')
  })

  it("removes them from the caller's in-dialog requests and from its responses", async () => {
    const agent = await registeredAgent('agent1')
    const caller = await guest()
    const calling = caller.invite(aor('agent1'))
    const incoming = await agent.nextRequest('INVITE')
    const agentDialog = agent.answer(incoming.message)
    const { dialog: callerDialog } = await calling
    await agent.nextRequest('ACK')

    const reinvite = callerDialog!.request('INVITE', { headers: INJECTED })
    const atAgent = await agent.nextRequest('INVITE', {
      match: (r) => r.headers.to.params['tag'] !== undefined,
    })
    agent.respond(atAgent.message, 200)
    await reinvite
    const info = agentDialog.request('INFO')
    const atCaller = await caller.nextRequest('INFO')
    caller.respond(atCaller.message, 200, { headers: INJECTED })
    const response = await info

    expect(atAgent.raw).not.toMatch(/klantcontact|user-to-user|kcc-monitor/i)
    expect(response.status).toBe(200)
    expect(response.headers['x-kcc-klantcontact']).toBeUndefined()
    expect(response.headers['user-to-user']).toBeUndefined()
  })

  it('lets the caller do nothing but call: no REGISTER, no other request', async () => {
    const caller = await guest()

    const register = await caller.register()
    const { final: message } = await caller.withAuth(
      caller.build('MESSAGE', aor('agent1'), { content: 'hoi' }),
    )

    expect(register.status).toBe(403)
    expect(message.status).toBe(403)
  })
})
