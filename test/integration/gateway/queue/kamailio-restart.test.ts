import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildGatewayApp, type GatewayApp } from '../../../../server/gateway/app'
import { loadGatewayConfig } from '../../../../server/gateway/config/load'
import type { GatewayConfig } from '../../../../server/gateway/config/types'
import { queueDb } from '../../../../server/gateway/queue/tables'
import { createRootLogger } from '../../../../server/lib/logger'
import { DEMO_CONFIG } from '../../../support/gateway'
import { dial, startQueueKamailio, type QueueKamailio } from '../../../support/kamailio-queue'
import { BASE } from '../../../support/provider-client'
import { ENGINE, PG_URL, startProvider, TEST_TOKEN, type TestProvider } from '../../../support/provider'
import { SipTestClient } from '../../../support/sip-client'
import { sipFixture, type SipLogin } from '../../../support/sip-servers'
import { nextEvent, until } from './support'

/**
 * A gateway restart behind Kamailio, on the engine KCC_DB_ENGINE chooses: the caller Kamailio keeps
 * waiting is announced again to the new gateway, keeps the queue's id and place, and rings the
 * agent who becomes Beschikbaar there. Nobody is rejected because the gateway stopped.
 */
const fixture = sipFixture(['medewerker1'], { kcc: ['medewerker1'] }, ['burger'])
const schema = `q_${process.pid}_${Date.now().toString(36)}`

let kamailio: QueueKamailio
let provider: TestProvider
let dataDir: string
let config: GatewayConfig
let baseUrl: string
const apps: GatewayApp[] = []
const clients: SipTestClient[] = []
const logger = createRootLogger({ level: process.env['LOG_LEVEL'] ?? 'silent' })

beforeAll(async () => {
  kamailio = await startQueueKamailio(fixture)
  provider = await startProvider()
  await provider.app.listen({ host: '127.0.0.1', port: 0 })
  baseUrl = `http://127.0.0.1:${(provider.app.server.address() as AddressInfo).port}${BASE}`
  dataDir = mkdtempSync(join(tmpdir(), 'kcc-queue-'))
  const demo = await loadGatewayConfig(DEMO_CONFIG, {})
  config = {
    ...demo,
    dataDir,
    ...(ENGINE === 'postgres' ? { database: { url: PG_URL, schema } } : {}),
    sip: { ...demo.sip, embedded: false, evapi: { host: '127.0.0.1', port: kamailio.evapiPort } },
  }
})

afterAll(async () => {
  for (const client of clients.splice(0)) {
    await client.close()
  }
  for (const app of apps.splice(0)) {
    await app.app.close()
  }
  if (ENGINE === 'postgres') {
    const admin = new pg.Client({ connectionString: PG_URL })
    await admin.connect()
    await admin.query(`drop schema if exists "${schema}" cascade`)
    await admin.end()
  }
  await provider?.close()
  await kamailio?.sip.close()
  rmSync(dataDir, { recursive: true, force: true })
})

async function startGatewayInstance(): Promise<GatewayApp> {
  const app = await buildGatewayApp({
    config,
    logger,
    provider: { baseUrl, token: TEST_TOKEN },
    queue: { leaderRetryMs: 100 },
  })
  apps.push(app)
  await until('the gateway is connected to Kamailio', () => app.kamailio?.connected === true)
  return app
}

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

describe('a gateway restart behind Kamailio', () => {
  it('keeps the waiting caller’s place and rings them at the new gateway', async () => {
    const first = await startGatewayInstance()
    const medewerker1 = await sipClient('medewerker1', fixture.credentials['medewerker1']!)
    expect((await medewerker1.register()).status).toBe(200)
    await first.live.hub.publish({
      type: 'agent.state',
      login: 'medewerker1',
      afdeling: 'kcc',
      state: 'pauze',
    })
    const joined = nextEvent(
      first.live.hub,
      'queue.changed',
      (e) => e.queue.afdeling === 'kcc' && e.queue.waiting === 1,
    )
    const burger = await sipClient('burger', { password: fixture.guests!['burger']! })
    const { result } = await dial(burger, `sip:kcc@${fixture.domain}`)
    const oldestSince = (await joined).queue.oldestSince
    const [row] = await queueDb(first.storage.db).selectFrom('queue_call').select('id').execute()

    apps.splice(apps.indexOf(first), 1)
    await first.app.close()
    const second = await startGatewayInstance()
    await until('the caller is announced again', () =>
      second.queue.stats().some((s) => s.afdeling === 'kcc' && s.waiting === 1),
    )
    expect(second.queue.stats().find((s) => s.afdeling === 'kcc')?.oldestSince).toBe(oldestSince)

    const left = nextEvent(second.live.hub, 'queue.left', (e) => e.afdeling === 'kcc')
    await second.live.hub.publish({
      type: 'agent.state',
      login: 'medewerker1',
      afdeling: 'kcc',
      state: 'beschikbaar',
    })
    const incoming = await medewerker1.nextRequest('INVITE', { timeoutMs: 10_000 })
    medewerker1.answer(incoming.message)

    expect((await result).final.status).toBe(200)
    // The same waiting call (its row survived the restart), not a new one.
    expect(await left).toMatchObject({ outcome: 'answered', queueCallId: row?.id })
  })
})
