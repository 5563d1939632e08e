import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadGatewayConfig } from '../../../../server/gateway/config/load'
import { DEMO_CONFIG, startGateway, type TestGateway } from '../../../support/gateway'
import { dial, startQueueKamailio, type QueueKamailio } from '../../../support/kamailio-queue'
import { SipTestClient } from '../../../support/sip-client'
import { sipFixture, type SipLogin } from '../../../support/sip-servers'
import { nextEvent, until } from './support'

/**
 * The gateway's queue behind the production SIP server: Kamailio with deploy/kamailio/queue.cfg
 * holds the caller, the gateway (configured with `sip.evapi`) takes it through its evapi adapter,
 * and the member of the afdeling who has been Beschikbaar longest rings, only them.
 */
const fixture = sipFixture(['medewerker1', 'medewerker3'], { kcc: ['medewerker1', 'medewerker3'] }, [
  'burger',
])

let kamailio: QueueKamailio
let tg: TestGateway
const clients: SipTestClient[] = []

beforeAll(async () => {
  kamailio = await startQueueKamailio(fixture)
  const demo = await loadGatewayConfig(DEMO_CONFIG, {})
  tg = await startGateway({
    config: { sip: { ...demo.sip, embedded: false, evapi: { host: '127.0.0.1', port: kamailio.evapiPort } } },
  })
})

afterAll(async () => {
  for (const client of clients.splice(0)) {
    await client.close()
  }
  await tg?.close()
  await kamailio?.sip.close()
})

async function sipClient(user: string, credentials: SipLogin): Promise<SipTestClient> {
  const client = await SipTestClient.connect({
    url: kamailio.sip.url,
    domain: fixture.domain,
    user,
    ...credentials,
  })
  clients.push(client)
  return client
}

const invitesTo = (client: SipTestClient): number =>
  client.received.filter((r) => r.message.method === 'INVITE').length

describe('the queue with Kamailio', () => {
  it('rings the longest-idle Beschikbaar agent of the afdeling for a caller Kamailio holds', async () => {
    const hub = tg.gateway.live.hub
    const medewerker1 = await sipClient('medewerker1', fixture.credentials['medewerker1']!)
    const medewerker3 = await sipClient('medewerker3', fixture.credentials['medewerker3']!)
    expect((await medewerker1.register()).status).toBe(200)
    expect((await medewerker3.register()).status).toBe(200)
    await hub.publish({ type: 'agent.state', login: 'medewerker3', afdeling: 'kcc', state: 'beschikbaar' })
    const since3 = Date.parse(hub.agent('medewerker3')!.since)
    await until('the clock passed medewerker3’s time', () => Date.now() > since3)
    await hub.publish({ type: 'agent.state', login: 'medewerker1', afdeling: 'kcc', state: 'beschikbaar' })

    const burger = await sipClient('burger', { password: fixture.guests!['burger']! })
    const left = nextEvent(hub, 'queue.left', (e) => e.afdeling === 'kcc')
    await until('the gateway is connected to Kamailio', () => tg.gateway.kamailio?.connected === true)
    const { result } = await dial(burger, `sip:kcc@${fixture.domain}`)
    const incoming = await medewerker3.nextRequest('INVITE', { timeoutMs: 10_000 })
    medewerker3.answer(incoming.message)
    const { final, provisional } = await result

    expect(provisional.map((r) => r.status)).toContain(182)
    expect(final.status).toBe(200)
    expect(invitesTo(medewerker1)).toBe(0)
    expect(await left).toMatchObject({ outcome: 'answered', withinServiceLevel: true })
    expect(tg.gateway.queue.stats().find((s) => s.afdeling === 'kcc')?.waiting).toBe(0)
  })
})
