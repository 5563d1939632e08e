import { beforeAll, describe, expect, it } from 'vitest'
import type { KccServer } from '../../../server/compose/kcc-server'
import { demoPassword } from '../../support/gateway'
import { useComposedServer } from './compose-fixture'
import { concretePath, pathVariants } from './path-variants'
import { rawRequest, type RawAnswer } from './raw-http'

/**
 * Authorisation hangs on the route a request matched, never on how its path was spelled: every
 * route of the composed server (gateway, live socket, web files, embedded provider), called
 * anonymously under every spelling of its path, gets the decision its canonical path gets, or is
 * not found. Nothing answers with data without credentials.
 */
const PROBLEM_JSON = 'application/problem+json'
/** Refusals that disclose nothing: not authenticated, a malformed or forbidden path, not found. */
const REFUSED = [400, 401, 403, 404]

describe('authorisation of every route under every spelling of its path', () => {
  const composed = useComposedServer()
  let server: KccServer
  beforeAll(() => {
    server = composed().server
  })

  const call = (method: string, path: string, headers: Record<string, string> = {}): Promise<RawAnswer> =>
    rawRequest(server.url, method, path, {
      headers,
      ...(['POST', 'PUT', 'PATCH'].includes(method) ? { body: '{}' } : {}),
    })

  it('knows the routes of the gateway, its live socket, its web files and the provider', () => {
    const urls = server.routes.map((r) => `${r.app} ${r.method} ${r.url}`)
    expect(urls).toContain('gateway GET /api/me')
    expect(urls).toContain('gateway POST /api/session')
    expect(urls).toContain('gateway GET /api/live')
    expect(urls).toContain('gateway GET /*')
    expect(urls).toContain('provider GET /klantinteracties/api/v1/klantcontacten')
    expect(urls).toContain('provider PATCH /klantinteracties/api/v1/klantcontacten/:uuid')
    expect(urls).toContain('provider POST /klantinteracties/api/v1/partijen')
  })

  it('refuses every spelling of a protected route without credentials', async () => {
    const failures: string[] = []
    let protectedRoutes = 0
    for (const route of server.routes) {
      const path = concretePath(route.url)
      const canonical = await call(route.method, path)
      if (canonical.status !== 401) {
        continue
      }
      protectedRoutes += 1
      for (const variant of pathVariants(path)) {
        const answer = await call(route.method, variant)
        const type = String(answer.headers['content-type'])
        if (!REFUSED.includes(answer.status) || !type.startsWith(PROBLEM_JSON)) {
          failures.push(`${route.method} ${variant} (${route.url}): ${answer.status} ${type}`)
        }
      }
    }
    // Every gateway route but the login, the live socket and the web files; every provider route but the OAS.
    expect(protectedRoutes).toBeGreaterThan(80)
    expect(failures).toEqual([])
  })

  it('answers a public route under any spelling without a server error', async () => {
    const failures: string[] = []
    for (const route of server.routes) {
      const path = concretePath(route.url)
      if ((await call(route.method, path)).status === 401) {
        continue
      }
      for (const variant of pathVariants(path)) {
        const answer = await call(route.method, variant)
        if (answer.status >= 500) {
          failures.push(`${route.method} ${variant}: ${answer.status}`)
        }
      }
    }
    expect(failures).toEqual([])
  })

  it('refuses the register behind an encoded path, as reported', async () => {
    const uuid = '8a3b1d0e-7c1f-4f5e-9a40-2f2b8e1c3d4a'
    const attempts: Array<[string, string]> = [
      ['GET', '/klantinteracties/api/%761/klantcontacten?expand=hadBetrokkenen'],
      ['GET', '/klantinteracties/%61pi/v1/klantcontacten'],
      ['GET', '/klantinteracties/api/v%31/klantcontacten'],
      ['PATCH', `/klantinteracties/api/%761/klantcontacten/${uuid}`],
      ['POST', '/klantinteracties/api/%761/partijen'],
      ['GET', '/%61pi/partijen?telefoonnummer=0612345678'],
      ['GET', '/%61pi/directory'],
      ['GET', '/api/%6de'],
    ]
    for (const [method, path] of attempts) {
      const answer = await call(method, path)
      expect(answer.status, `${method} ${path}`).toBe(401)
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/)
    }
  })

  it('keeps the OAS of the provider public', async () => {
    const answer = await call('GET', '/klantinteracties/api/v1/openapi.yaml')
    expect(answer.status).toBe(200)
    expect(answer.headers['api-version']).toBe('0.9.0')
  })

  it('sends the security headers on every answer of the task API, however its path was spelled', async () => {
    const failures: string[] = []
    const api = server.routes.filter((r) => r.app === 'gateway' && r.url.startsWith('/api'))
    for (const route of api) {
      const path = concretePath(route.url)
      for (const variant of [path, ...pathVariants(path)]) {
        const { status, headers } = await call(route.method, variant)
        if (
          headers['cache-control'] !== 'no-store' ||
          headers['x-content-type-options'] !== 'nosniff' ||
          !String(headers['content-security-policy']).includes("frame-ancestors 'none'")
        ) {
          failures.push(`${route.method} ${variant}: ${status} ${JSON.stringify(headers)}`)
        }
      }
    }
    expect(failures).toEqual([])
  })

  it('audits a login attempt whatever spelling of the login path it used', async () => {
    const attempt = await rawRequest(server.url, 'POST', '/%61pi/session', {
      body: JSON.stringify({ login: 'medewerker3', password: 'niet-het-wachtwoord' }),
    })
    expect(attempt.status).toBe(401)
    const login = await rawRequest(server.url, 'POST', '/api/session', {
      body: JSON.stringify({ login: 'supervisor', password: demoPassword('supervisor') }),
    })
    const { token } = JSON.parse(login.body) as { token: string }
    const audit = await rawRequest(server.url, 'GET', '/api/audit?limit=20', {
      headers: { authorization: `Bearer ${token}` },
    })
    const { results } = JSON.parse(audit.body) as {
      results: Array<{ actor: string | null; action: string; status: number }>
    }
    expect(results).toContainEqual(
      expect.objectContaining({ actor: 'medewerker3', action: 'sessie.aanmelden', status: 401 }),
    )
  })
})
