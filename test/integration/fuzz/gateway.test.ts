import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_TOKEN } from '../../support/provider'
import { BASE } from '../../support/provider-client'
import { describeRequest, errorLinesOf, problemsOf, send, Tally, writeReport } from './answer-check'
import { anyGatewayRequest, sessionOf, taskRoutes, withSessions, type Identities } from './gateway-requests'
import { Pool } from './schema-values'
import { sessionOf as logIn, startFuzzServers, type FuzzServers } from './servers'
import { fuzzSettings } from './settings'

/**
 * Property-based fuzzing of every route of the gateway's task API, in front of the real provider:
 * whatever the request, the answer is no 5xx (the register is up, so no 502, 503 or 504 either),
 * every error is problem+json in the provider's style, and neither server logs at error level
 * (answer-check.ts).
 */
const settings = fuzzSettings(600)
const LOGINS = ['medewerker1', 'medewerker2', 'medewerker3', 'supervisor']

describe('the gateway under arbitrary requests to every route of its task API', () => {
  let servers: FuzzServers
  const pool = new Pool()
  const tally = new Tally()
  const sessions: Identities = { agent: '', supervisor: '' }
  const app = () => servers.gateway!.app

  beforeAll(async () => {
    servers = await startFuzzServers({ gateway: true })
    sessions.agent = await logIn(app(), 'medewerker1')
    sessions.supervisor = await logIn(app(), 'supervisor')
    for (const login of LOGINS) {
      pool.add('login', login)
      pool.add('assignee', login)
    }
    pool.add('assignee', 'kcc')
    pool.add('assignee', 'vergunningen')
    const partij = await servers.provider.app.inject({
      method: 'POST',
      url: `${BASE}/partijen`,
      headers: { authorization: `Token ${TEST_TOKEN}` },
      payload: { soortPartij: 'persoon', indicatieActief: true },
    })
    pool.add('partij', (partij.json() as { uuid: string }).uuid)
    const registered = await app().inject({
      method: 'POST',
      url: '/api/klantcontacten',
      headers: {
        authorization: `Bearer ${sessions.agent}`,
        'idempotency-key': '0b7f3c2e-4a1d-4e8b-9c6f-1d2e3f4a5b6c',
      },
      payload: { kanaal: 'Telefoon', onderwerp: 'Dakkapel' },
    })
    expect(registered.statusCode, registered.body).toBe(201)
    remember('POST /api/klantcontacten', registered.json())
    servers.logs.length = 0
  })

  afterAll(async () => {
    writeReport('gateway', {
      seed: settings.seed,
      runs: settings.runs,
      total: tally.total,
      byStatus: tally.byStatus(),
      counts: tally.counts,
    })
    await servers?.close()
  })

  /** What a success told: new klantcontacten, nummers and transfers to aim at. */
  function remember(target: string, body: unknown): void {
    const answer = (body ?? {}) as Record<string, unknown>
    if (target === 'POST /api/klantcontacten') {
      pool.add('klantcontact', answer['uuid'])
      pool.add('nummer', answer['nummer'])
    }
    if (target === 'POST /api/transfers') {
      pool.add('transfer', answer['id'])
    }
  }

  it('knows the routes of the task API', () => {
    const routes = taskRoutes(servers.gateway!.routes).map((r) => `${r.method} ${r.url}`)
    expect(routes).toContain('POST /api/klantcontacten')
    expect(routes).toContain('GET /api/audit')
    expect(routes.length).toBeGreaterThan(15)
  })

  it(
    'answers every request without a server error, with problem+json errors and no error log line',
    async () => {
      const ctx = { components: {}, pool }
      await fc.assert(
        fc.asyncProperty(anyGatewayRequest(servers.gateway!.routes, ctx), async (generated) => {
          const request = withSessions(generated, sessions)
          const before = servers.logs.length
          const answer = await send(app(), request)
          tally.add(request.target, answer.status)
          if (answer.status === 201 && request.method === 'POST' && answer.body) {
            remember(request.target, JSON.parse(answer.body))
          }
          // The fuzz logged itself out: a new session, so the rest still gets past the door.
          const whose = sessionOf(generated)
          if (request.target === 'DELETE /api/session' && answer.status === 204 && whose) {
            sessions[whose] = await logIn(app(), whose === 'agent' ? 'medewerker1' : 'supervisor')
          }
          const problems = problemsOf(request.method, answer, errorLinesOf(servers.logs.slice(before)))
          if (problems.length > 0) {
            writeReport('gateway-counterexample', { request: describeRequest(request), problems })
          }
          expect(problems, describeRequest(request)).toEqual([])
        }),
        { seed: settings.seed, numRuns: settings.runs },
      )
    },
    settings.timeoutMs,
  )
})
