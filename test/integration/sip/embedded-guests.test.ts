import { describe, expect, it } from 'vitest'
import { SIP_DOMAIN } from '../../support/sip-servers'
import { aor, useEmbeddedHarness } from '../../support/sip-embedded'

// What only the embedded server does, part 1: guests (the demo caller page) and digest details.
// The behaviour it shares with Kamailio is in proxy-behaviour.test.ts.
const { start, client, registered } = useEmbeddedHarness()

describe('guests (the demo caller page)', () => {
  it("strips X-KCC-Klantcontact and User-to-User from a guest's INVITE and keeps other headers", async () => {
    const server = await start()
    const agent = await registered(server, 'agent2')
    const guest = await client(server, 'burger', null)

    const calling = guest.invite(aor('vergunningen'), {
      headers: {
        'X-KCC-Klantcontact': '99999999',
        'User-to-User': '043939393939393939;encoding=hex',
        'X-Other': 'kept',
      },
    })
    const incoming = await agent.nextRequest('INVITE')
    agent.answer(incoming.message)
    const call = await calling

    expect(call.final.status).toBe(200)
    expect(incoming.message.headers['x-kcc-klantcontact']).toBeUndefined()
    expect(incoming.message.headers['user-to-user']).toBeUndefined()
    expect(incoming.raw).not.toMatch(/klantcontact|user-to-user/i)
    expect(incoming.message.headers['x-other']).toBe('kept')
  })

  it('strips them from in-dialog requests of a guest as well', async () => {
    const server = await start()
    const agent = await registered(server, 'agent2')
    const guest = await client(server, 'burger', null)
    const calling = guest.invite(aor('agent2'))
    const incoming = await agent.nextRequest('INVITE')
    agent.answer(incoming.message)
    const call = await calling

    const reinvite = call.dialog!.request('INVITE', { headers: { 'X-KCC-Klantcontact': '12345678' } })
    const received = await agent.nextRequest('INVITE', {
      match: (r) => r.headers.to.params['tag'] !== undefined,
    })
    agent.respond(received.message, 200)
    await reinvite

    expect(received.message.headers['x-kcc-klantcontact']).toBeUndefined()
  })

  it('lets a guest call group addresses and registered agents but nothing else', async () => {
    const server = await start()
    const agent = await registered(server, 'agent2')
    const guest = await client(server, 'burger', null)

    const premium = await guest.invite('sip:0900123456@premium.example')
    const unknown = await guest.invite(aor('0900123456'))
    const unregisteredAgent = await guest.invite(aor('agent3'))
    const register = await guest.register()
    const { final: message } = await guest.transaction(
      guest.build('MESSAGE', aor('agent2'), { content: 'hoi' }),
    )
    const calling = guest.invite(aor('agent2'))
    const incoming = await agent.nextRequest('INVITE')
    agent.answer(incoming.message)
    const toAgent = await calling

    expect(premium.final.status).toBe(403)
    expect(unknown.final.status).toBe(404)
    expect(unregisteredAgent.final.status).toBe(480)
    expect(register.status).toBe(403)
    expect(message.status).toBe(403)
    expect(toAgent.final.status).toBe(200)
  })

  it('does not let an unauthenticated client pose as an agent', async () => {
    const server = await start()
    const callee = await registered(server, 'agent2')
    const impostor = await client(server, 'agent1', null) // no password: cannot answer the challenge

    const call = await impostor.invite(aor('agent2'), { headers: { 'X-KCC-Klantcontact': '1' } })

    expect(call.final.status).toBe(407)
    expect(await callee.receivesNo('INVITE')).toBe(true)
  })
})

describe('digest details', () => {
  it('answers an expired nonce with a fresh challenge marked stale', async () => {
    const server = await start({ nonceTtlSeconds: 1 })
    const agent = await client(server, 'agent1')
    const request = agent.build('REGISTER', `sip:${SIP_DOMAIN}`, { to: agent.aor })
    const { final: challenge } = await agent.transaction(request)
    await new Promise((r) => setTimeout(r, 1100))

    const { final } = await agent.transaction(agent.authorized(request, challenge))

    expect(final.status).toBe(401)
    expect(final.headers['www-authenticate']?.[0]?.['stale']).toBe('true')
  })

  it('answers a replayed Authorization with a fresh challenge instead of accepting it', async () => {
    const server = await start()
    const agent = await client(server, 'agent1')
    const request = agent.build('REGISTER', `sip:${SIP_DOMAIN}`, { to: agent.aor })
    const { final: challenge } = await agent.transaction(request)
    const authorized = agent.authorized(request, challenge)
    const first = await agent.transaction(authorized)

    const replay = await agent.transaction({ ...authorized, headers: { ...authorized.headers } })

    expect(first.final.status).toBe(200)
    expect(replay.final.status).toBe(401)
    expect(replay.final.headers['www-authenticate']?.[0]?.['stale']).toBe('true')
  })

  it('closes a connection after repeated failed authentications', async () => {
    const server = await start({ maxAuthFailuresPerConnection: 3 })
    const guesser = await client(server, 'agent1', 'wrong-password')

    const statuses = []
    for (let i = 0; i < 3; i++) {
      statuses.push((await guesser.register()).status)
    }
    await guesser.closed()

    expect(statuses).toEqual([403, 403, 403])
    expect(guesser.isOpen).toBe(false)
  })
})
