import { afterAll, beforeAll, expect } from 'vitest'
import { loadGatewayConfig } from '../../../../server/gateway/config/load'
import { DEMO_CONFIG, startGateway, type TestGateway } from '../../../support/gateway'
import { dial, startQueueKamailio, type QueueKamailio } from '../../../support/kamailio-queue'
import { SipTestClient } from '../../../support/sip-client'
import { sipFixture, type SipLogin } from '../../../support/sip-servers'
import { shortQueueSettings, type QueueHarness } from './overflow-harness'
import { describeQueueOverflow } from './overflow-scenarios'
import { until } from './support'

/**
 * The overflow and terugbelverzoek rules behind Kamailio (deploy/kamailio/queue.cfg): Kamailio holds
 * the caller, the gateway (on the engine KCC_DB_ENGINE chooses) routes it through its evapi adapter.
 */
const fixture = sipFixture(
  ['medewerker1', 'medewerker2', 'medewerker3', 'supervisor'],
  { kcc: ['medewerker1', 'medewerker3', 'supervisor'], vergunningen: ['medewerker2'] },
  ['burger'],
)

let kamailio: QueueKamailio
let tg: TestGateway
const agents = new Map<string, SipTestClient>()
const clients: SipTestClient[] = []

beforeAll(async () => {
  kamailio = await startQueueKamailio(fixture)
  const demo = await loadGatewayConfig(DEMO_CONFIG, {})
  tg = await startGateway({
    config: {
      afdelingen: shortQueueSettings(demo.afdelingen),
      sip: { ...demo.sip, embedded: false, evapi: { host: '127.0.0.1', port: kamailio.evapiPort } },
    },
  })
  await until('the gateway is connected to Kamailio', () => tg.gateway.kamailio?.connected === true)
})

afterAll(async () => {
  for (const client of clients.splice(0)) {
    await client.close()
  }
  await tg?.close()
  await kamailio?.sip.close()
})

async function connect(user: string, credentials: SipLogin): Promise<SipTestClient> {
  const client = await SipTestClient.connect({
    url: kamailio.sip.url,
    domain: fixture.domain,
    user,
    ...credentials,
  })
  clients.push(client)
  return client
}

describeQueueOverflow('Kamailio', (): QueueHarness => ({
  hub: tg.gateway.live.hub,
  domain: fixture.domain,
  async agent(login) {
    const known = agents.get(login)
    if (known) {
      return known
    }
    const client = await connect(login, fixture.credentials[login]!)
    expect((await client.register()).status).toBe(200)
    agents.set(login, client)
    return client
  },
  caller: () => connect('burger', { password: fixture.guests!['burger']! }),
  dial,
  async register<T>(path: string): Promise<T> {
    const response = await tg.register.get<T>(path)
    expect(response.status).toBe(200)
    return response.body
  },
}))
