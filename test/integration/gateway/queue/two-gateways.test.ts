import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildGatewayApp, type GatewayApp } from '../../../../server/gateway/app'
import { loadGatewayConfig } from '../../../../server/gateway/config/load'
import type { LiveHub } from '../../../../server/gateway/live'
import type { RingOutcome } from '../../../../server/lib/call-queue'
import { createRootLogger } from '../../../../server/lib/logger'
import { DEMO_CONFIG } from '../../../support/gateway'
import { BASE } from '../../../support/provider-client'
import { PG_URL, startProvider, TEST_TOKEN, type TestProvider } from '../../../support/provider'
import { freshSchema, postgresHub } from '../../live/support'
import { nextEvent, TestLine, until, waitingCall } from './support'

/**
 * Two gateways on one PostgreSQL share one queue (always PostgreSQL here: sharing is what is
 * tested; the provider runs on KCC_DB_ENGINE's engine). Like Kamailio over evapi, the switchboard
 * announces every caller to both gateways; exactly one of them offers calls, no call ever rings at
 * two agents at once, and when the routing gateway shuts down the other takes over.
 */
interface Ring {
  gateway: 'a' | 'b'
  call: string
  extension: string
  end(outcome: RingOutcome): void
  ended: boolean
}

let schema: Awaited<ReturnType<typeof freshSchema>>
let provider: TestProvider
let dataDir: string
let hubA: LiveHub
let hubB: LiveHub
let a: GatewayApp
let b: GatewayApp
const closed = new Set<GatewayApp>()
const rings: Ring[] = []
const violations: string[] = []

beforeAll(async () => {
  schema = await freshSchema()
  provider = await startProvider()
  await provider.app.listen({ host: '127.0.0.1', port: 0 })
  const baseUrl = `http://127.0.0.1:${(provider.app.server.address() as AddressInfo).port}${BASE}`
  dataDir = mkdtempSync(join(tmpdir(), 'kcc-queue-'))
  const config = {
    ...(await loadGatewayConfig(DEMO_CONFIG, {})),
    dataDir,
    database: { url: PG_URL, schema: schema.schema },
  }
  const logger = createRootLogger({ level: process.env['LOG_LEVEL'] ?? 'silent' })
  hubA = await postgresHub(schema.pool('queue-a'), schema.channel)
  hubB = await postgresHub(schema.pool('queue-b'), schema.channel)
  const gateway = (hub: LiveHub): Promise<GatewayApp> =>
    buildGatewayApp({
      config,
      logger,
      provider: { baseUrl, token: TEST_TOKEN },
      hub,
      queue: { leaderRetryMs: 100 },
    })
  a = await gateway(hubA)
  b = await gateway(hubB)
})

afterAll(async () => {
  for (const app of [a, b]) {
    if (app && !closed.has(app)) {
      await app.app.close()
    }
  }
  await hubA?.close()
  await hubB?.close()
  await schema?.drop()
  await provider?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const agentOf = (extension: string): string => extension

/** Announces a caller to both gateways; each ring is recorded with the gateway that asked for it. */
function announce(callerNumber: string): { a: TestLine; b: TestLine; sipCallId: string } {
  const call = waitingCall('kcc', callerNumber)
  const line = (gateway: 'a' | 'b'): TestLine =>
    new TestLine(call, (self, extension) => {
      const active = rings.filter((r) => r.call === call.sipCallId && !r.ended)
      if (active.length > 0) {
        violations.push(`${call.sipCallId} rang at ${extension} while ringing at ${active[0]?.extension}`)
      }
      const busy = rings.filter((r) => r.extension === extension && !r.ended)
      if (busy.length > 0) {
        violations.push(`${extension} was offered a second call`)
      }
      const ring = self.rings.at(-1)!
      const entry: Ring = {
        gateway,
        call: call.sipCallId,
        extension,
        ended: false,
        end: (outcome) => {
          entry.ended = true
          ring.end(outcome)
        },
      }
      rings.push(entry)
      // As the agent's app does when its phone rings.
      void hubA.publish({ type: 'agent.state', login: agentOf(extension), afdeling: 'kcc', state: 'ringing' })
    })
  const lines = { a: line('a'), b: line('b'), sipCallId: call.sipCallId }
  a.queue.enter(lines.a)
  b.queue.enter(lines.b)
  return lines
}

const ringsOf = (sipCallId: string): Ring[] => rings.filter((r) => r.call === sipCallId)

describe('two gateways on one PostgreSQL', () => {
  it('offer each call from one gateway only, one agent at a time, and the other takes over when it stops', async () => {
    await hubA.publish({ type: 'agent.state', login: 'medewerker1', afdeling: 'kcc', state: 'beschikbaar' })
    await hubA.publish({ type: 'agent.state', login: 'medewerker3', afdeling: 'kcc', state: 'beschikbaar' })

    const first = announce('0612345001')
    await until('the first call rings', () => ringsOf(first.sipCallId).length === 1)
    const leader = ringsOf(first.sipCallId)[0]!.gateway
    expect(ringsOf(first.sipCallId)[0]?.extension).toBe('medewerker1')

    // Not answered: the agent goes to Pauze and the colleague rings, from the same gateway.
    const paused = nextEvent(hubB, 'agent.state', (e) => e.login === 'medewerker1' && e.state === 'pauze')
    ringsOf(first.sipCallId)[0]!.end('no_answer')
    await paused
    await until('the colleague rings', () => ringsOf(first.sipCallId).length === 2)
    expect(ringsOf(first.sipCallId).map((r) => [r.gateway, r.extension])).toEqual([
      [leader, 'medewerker1'],
      [leader, 'medewerker3'],
    ])

    // The routing gateway shuts down while its offer still rings at medewerker3.
    const routing = leader === 'a' ? a : b
    const survivor = leader === 'a' ? b : a
    closed.add(routing)
    await routing.app.close()

    // A new caller, and the supervisor of the afdeling becomes Beschikbaar: the other gateway rings
    // the new caller; the first call is not offered again while the stopped gateway's offer may ring.
    const second = announce('0612345002')
    await hubA.publish({ type: 'agent.state', login: 'supervisor', afdeling: 'kcc', state: 'beschikbaar' })
    await until('the new call rings', () => ringsOf(second.sipCallId).length === 1)
    expect(ringsOf(second.sipCallId)[0]).toMatchObject({
      gateway: leader === 'a' ? 'b' : 'a',
      extension: 'supervisor',
    })
    expect(ringsOf(first.sipCallId)).toHaveLength(2)

    // The supervisor answers; the surviving gateway reports it.
    const left = nextEvent(hubA, 'queue.left', (e) => e.outcome === 'answered')
    ringsOf(second.sipCallId)[0]!.end('answered')
    expect((await left).afdeling).toBe('kcc')
    expect(survivor.queue.stats().find((s) => s.afdeling === 'kcc')?.waiting).toBe(1)
    expect(violations).toEqual([])
  })
})
