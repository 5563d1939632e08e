import { afterAll, describe, expect, it } from 'vitest'
import { SipTestClient } from '../../../support/sip-client'
import { TEST_SDP } from '../../../support/sip-requests'
import { agentSipCredentials, useComposedServer } from '../../server/compose-fixture'
import { nextEvent, until } from './support'

/**
 * The queue through `npm run server` (startKccServer): the embedded SIP server hands a caller for
 * an afdeling's group address to the gateway's queue, which rings the member who has been
 * Beschikbaar longest, and only that member.
 */
const composed = useComposedServer()
const clients: SipTestClient[] = []

afterAll(async () => {
  for (const client of clients.splice(0)) {
    await client.close()
  }
})

/** An agent signs in with ephemeral credentials; a caller (a guest) with none. */
async function sipClient(user: string, role: 'agent' | 'guest' = 'guest'): Promise<SipTestClient> {
  const { server } = composed()
  const client = await SipTestClient.connect({
    url: server.sipUrl!,
    domain: 'kcc.test',
    user,
    ...(role === 'agent' ? agentSipCredentials(user) : {}),
  })
  clients.push(client)
  return client
}

describe('a caller of the KCC through the composed server', () => {
  it('waits with 182 Queued and rings the longest-idle Beschikbaar agent only', async () => {
    const { server } = composed()
    const medewerker1 = await sipClient('medewerker1', 'agent')
    const medewerker3 = await sipClient('medewerker3', 'agent')
    expect((await medewerker1.register()).status).toBe(200)
    expect((await medewerker3.register()).status).toBe(200)
    // medewerker3 has been Beschikbaar longer than medewerker1.
    await server.hub.publish({
      type: 'agent.state',
      login: 'medewerker3',
      afdeling: 'kcc',
      state: 'beschikbaar',
    })
    // Strictly later: the hub's times are in milliseconds, and at equal times the login decides.
    const since3 = Date.parse(server.hub.agent('medewerker3')!.since)
    await until('the clock passed medewerker3’s time', () => Date.now() > since3)
    await server.hub.publish({
      type: 'agent.state',
      login: 'medewerker1',
      afdeling: 'kcc',
      state: 'beschikbaar',
    })

    const burger = await sipClient('burger')
    const invite = burger.build('INVITE', 'sip:kcc@kcc.test', {
      headers: { 'content-type': 'application/sdp' },
      content: TEST_SDP,
    })
    const answered = nextEvent(server.hub, 'queue.left', (e) => e.afdeling === 'kcc')
    const done = burger.transaction(invite)
    const incoming = await medewerker3.nextRequest('INVITE')
    expect(await medewerker1.receivesNo('INVITE')).toBe(true)
    medewerker3.answer(incoming.message)
    const { final, provisional } = await done

    expect(provisional.map((r) => r.status)).toContain(182)
    expect(final.status).toBe(200)
    expect(await answered).toMatchObject({ outcome: 'answered', withinServiceLevel: true })
  })

  it('tells a caller of an afdeling with nobody logged in so at once, and registers a terugbelverzoek', async () => {
    const { server } = composed()
    const burger = await sipClient('burger')
    const created = nextEvent(server.hub, 'terugbelverzoek.created', (e) => e.afdeling === 'vergunningen')
    const invite = burger.build('INVITE', 'sip:vergunningen@kcc.test', {
      headers: { 'content-type': 'application/sdp' },
      content: TEST_SDP,
    })
    const { final } = await burger.transaction(invite)

    expect(final.status).toBe(480)
    expect((await created).afdeling).toBe('vergunningen')
  })

  it('counts a caller who hangs up while waiting as abandoned', async () => {
    const { server } = composed()
    // The KCC's agents are on Pauze: the caller waits.
    await server.hub.publish({ type: 'agent.state', login: 'medewerker1', afdeling: 'kcc', state: 'pauze' })
    await server.hub.publish({ type: 'agent.state', login: 'medewerker3', afdeling: 'kcc', state: 'pauze' })
    const burger = await sipClient('burger')
    const invite = burger.build('INVITE', 'sip:kcc@kcc.test', {
      headers: { 'content-type': 'application/sdp' },
      content: TEST_SDP,
    })
    const waiting = nextEvent(
      server.hub,
      'queue.changed',
      (e) => e.queue.afdeling === 'kcc' && e.queue.waiting === 1,
    )
    const left = nextEvent(server.hub, 'queue.left', (e) => e.afdeling === 'kcc')
    const done = burger.transaction(invite)
    await waiting
    await burger.cancel(invite)

    expect((await done).final.status).toBe(487)
    expect(await left).toMatchObject({ outcome: 'abandoned', withinServiceLevel: false })
  })
})
