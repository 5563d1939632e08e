import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, expect } from 'vitest'
import { startKccServer, type KccServer } from '../../../../server/compose/kcc-server'
import { loadGatewayConfig } from '../../../../server/gateway/config/load'
import { createRootLogger } from '../../../../server/lib/logger'
import { issueEphemeral } from '../../../../server/lib/sip-ephemeral'
import { DEMO_CONFIG } from '../../../support/gateway'
import { ENGINE, PG_URL } from '../../../support/provider'
import { SipTestClient } from '../../../support/sip-client'
import { TEST_SDP } from '../../../support/sip-requests'
import { shortQueueSettings, type QueueHarness } from './overflow-harness'
import { describeQueueOverflow } from './overflow-scenarios'

/**
 * The overflow and terugbelverzoek rules through `npm run server` (startKccServer): the embedded SIP
 * server holds the caller for the gateway's queue. On PostgreSQL both the gateway and the embedded
 * provider use a fresh schema of their own.
 */
const PROVIDER_TOKEN = 'overflow-compose-token-0123456789'
const SIP_SECRET = 'overflow-compose-sip-secret-0123456789abcdef'

let server: KccServer
let dir: string
const schema = `o_${process.pid}_${Date.now().toString(36)}`
const agents = new Map<string, SipTestClient>()
const clients: SipTestClient[] = []

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kcc-overflow-'))
  const demo = await loadGatewayConfig(DEMO_CONFIG, {})
  // The embedded provider takes its database from the environment, as `npm run server` does.
  const saved = {
    url: process.env['KLANTINTERACTIES_DATABASE_URL'],
    schema: process.env['KLANTINTERACTIES_DATABASE_SCHEMA'],
  }
  if (ENGINE === 'postgres') {
    process.env['KLANTINTERACTIES_DATABASE_URL'] = PG_URL
    process.env['KLANTINTERACTIES_DATABASE_SCHEMA'] = `${schema}_k`
  }
  try {
    server = await startKccServer({
      config: {
        ...demo,
        port: 0,
        dataDir: join(dir, 'data'),
        sip: { ...demo.sip, credentials: { secret: SIP_SECRET } },
        afdelingen: shortQueueSettings(demo.afdelingen),
        ...(ENGINE === 'postgres' ? { database: { url: PG_URL, schema: `${schema}_g` } } : {}),
      },
      logger: createRootLogger({ level: process.env['LOG_LEVEL'] ?? 'silent' }),
      providerToken: PROVIDER_TOKEN,
    })
  } finally {
    restore('KLANTINTERACTIES_DATABASE_URL', saved.url)
    restore('KLANTINTERACTIES_DATABASE_SCHEMA', saved.schema)
  }
})

function restore(name: string, value: string | undefined): void {
  if (value === undefined) {
    delete process.env[name]
  } else {
    process.env[name] = value
  }
}

afterAll(async () => {
  for (const client of clients.splice(0)) {
    await client.close()
  }
  await server?.close()
  rmSync(dir, { recursive: true, force: true })
  if (ENGINE === 'postgres') {
    const client = new pg.Client({ connectionString: PG_URL })
    await client.connect()
    await client.query(`DROP SCHEMA IF EXISTS "${schema}_g" CASCADE`)
    await client.query(`DROP SCHEMA IF EXISTS "${schema}_k" CASCADE`)
    await client.end()
  }
})

/** An agent signs in with ephemeral credentials as GET /api/softphone issues them; a caller with none. */
async function connect(user: string, role: 'agent' | 'guest' = 'guest'): Promise<SipTestClient> {
  const issued = role === 'agent' ? issueEphemeral(SIP_SECRET, user, Date.now() / 1000 + 3600) : undefined
  const client = await SipTestClient.connect({
    url: server.sipUrl!,
    domain: 'kcc.test',
    user,
    ...(issued ? { authUser: issued.username, password: issued.password } : {}),
  })
  clients.push(client)
  return client
}

describeQueueOverflow('the embedded SIP server', (): QueueHarness => ({
  hub: server.hub,
  domain: 'kcc.test',
  async agent(login) {
    const known = agents.get(login)
    if (known) {
      return known
    }
    const client = await connect(login, 'agent')
    expect((await client.register()).status).toBe(200)
    agents.set(login, client)
    return client
  },
  caller: () => connect('burger'),
  async dial(caller, uri) {
    const invite = caller.build('INVITE', uri, {
      headers: { 'content-type': 'application/sdp' },
      content: TEST_SDP,
    })
    return { invite, result: caller.transaction(invite) }
  },
  async register<T>(path: string): Promise<T> {
    const response = await fetch(`${server.url}/klantinteracties/api/v1${path}`, {
      headers: { authorization: `Token ${PROVIDER_TOKEN}` },
    })
    expect(response.status).toBe(200)
    return (await response.json()) as T
  },
}))
