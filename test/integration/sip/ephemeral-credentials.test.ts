import { afterEach, describe, expect, it } from 'vitest'
import { issueEphemeral } from '../../../server/lib/sip-ephemeral'
import { SipTestClient } from '../../support/sip-client'
import { agentCredentials, SIP_DOMAIN, sipFixture, type SipLogin } from '../../support/sip-servers'
import { bothSipServers, sipServerForSuite } from '../../support/sip-suite'

// The agents' ephemeral SIP credentials (server/lib/sip-ephemeral.ts, Kamailio's autheph): both SIP
// servers take what the gateway issues with their shared secret, and nothing else.
const fixture = sipFixture(['agent1', 'agent2'], {})
const aor = (user: string): string => `sip:${user}@${SIP_DOMAIN}`

describe.each(bothSipServers)('$name', ({ kind }) => {
  const server = sipServerForSuite(kind, fixture)
  const clients: SipTestClient[] = []
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()))
  })
  const connect = async (user: string, login: SipLogin): Promise<SipTestClient> => {
    const client = await SipTestClient.connect({ url: server().url, domain: SIP_DOMAIN, user, ...login })
    clients.push(client)
    return client
  }

  it('registers an agent with credentials issued for it, under its extension', async () => {
    const agent = await connect('agent1', agentCredentials(fixture.secret, 'agent1', 600))
    const caller = await connect('agent2', fixture.credentials['agent2']!)

    expect((await agent.register()).status).toBe(200)
    const calling = caller.invite(aor('agent1'))
    const invite = await agent.nextRequest('INVITE')
    agent.respond(invite.message, 486)

    expect((await calling).final.status).toBe(486)
  })

  it('refuses credentials whose expiry has passed, though their password is right', async () => {
    const agent = await connect('agent1', agentCredentials(fixture.secret, 'agent1', -5))

    const response = await agent.register()

    expect(response.status).toBe(403)
  })

  it("refuses one agent's credentials for another agent's extension", async () => {
    const impostor = await connect('agent2', fixture.credentials['agent1']!)

    const registration = await impostor.register()
    const call = await impostor.invite(aor('agent1'))

    expect(registration.status).toBe(403)
    expect(call.final.status).toBe(403)
  })

  it('refuses credentials made with another secret, and a username whose expiry was moved', async () => {
    const forged = issueEphemeral(
      'not-the-secret-the-gateway-and-pbx-share',
      'agent1',
      Date.now() / 1000 + 600,
    )
    const own = fixture.credentials['agent1']!
    const [, user] = own.authUser.split(':')
    const extended = { authUser: `${Math.floor(Date.now() / 1000) + 86_400}:${user}`, password: own.password }

    const withForged = await (
      await connect('agent1', { authUser: forged.username, password: forged.password })
    ).register()
    const withExtended = await (await connect('agent1', extended)).register()

    expect(withForged.status).toBe(403)
    expect(withExtended.status).toBe(403)
  })

  it('takes renewed credentials on the same connection, as the softphone renews them', async () => {
    const agent = await connect('agent1', agentCredentials(fixture.secret, 'agent1', 600))
    expect((await agent.register()).status).toBe(200)

    const renewed = agentCredentials(fixture.secret, 'agent1', 3600)
    agent.options.authUser = renewed.authUser
    agent.options.password = renewed.password

    expect((await agent.register()).status).toBe(200)
  })
})

describe('embedded SIP server', () => {
  const server = sipServerForSuite('embedded', fixture)

  it('refuses credentials with the right HMAC for a user who is not one of the agents', async () => {
    const stranger = await SipTestClient.connect({
      url: server().url,
      domain: SIP_DOMAIN,
      user: 'agent9',
      ...agentCredentials(fixture.secret, 'agent9'),
    })
    try {
      expect((await stranger.register()).status).toBe(403)
    } finally {
      await stranger.close()
    }
  })
})
