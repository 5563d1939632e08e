import { describe, expect, it } from 'vitest'
import { useGateway } from '../../support/gateway'

/**
 * The desktop app's page (`app://kcc`) and the configured app origins call the gateway across
 * origins: the gateway answers their preflights and names them in Access-Control-Allow-Origin,
 * and names no other origin. Real gateway, real database (both engines).
 */
const DESKTOP = 'app://kcc'
const DEV_SERVER = 'http://localhost:5173'
const FOREIGN = 'https://kwaadwillend.example'

describe('CORS for the agent app’s other origins', () => {
  const gw = useGateway({ config: { appOrigins: [DEV_SERVER] } })

  const preflight = (origin: string | undefined, method: string | undefined, url = '/api/klantcontacten') =>
    gw().app.inject({
      method: 'OPTIONS',
      url,
      headers: {
        ...(origin ? { origin } : {}),
        ...(method ? { 'access-control-request-method': method } : {}),
        'access-control-request-headers': 'authorization, content-type, idempotency-key',
      },
    })

  it('answers the desktop app’s preflight with the methods and headers the app sends, unaudited', async () => {
    const before = await gw().gateway.services.audit.recent({ limit: 100, securityOnly: false })
    const answer = await preflight(DESKTOP, 'POST')
    expect(answer.statusCode).toBe(204)
    expect(answer.headers['access-control-allow-origin']).toBe(DESKTOP)
    expect(String(answer.headers['access-control-allow-methods']).split(', ')).toEqual(
      expect.arrayContaining(['GET', 'POST', 'PATCH', 'DELETE']),
    )
    expect(String(answer.headers['access-control-allow-headers']).split(', ')).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'idempotency-key']),
    )
    expect(answer.headers['access-control-max-age']).toBe('600')
    expect(answer.headers['access-control-allow-credentials']).toBeUndefined()
    expect(answer.headers['x-content-type-options']).toBe('nosniff')
    const after = await gw().gateway.services.audit.recent({ limit: 100, securityOnly: false })
    expect(after).toHaveLength(before.length)
  })

  it('answers a preflight under an encoded path and for a configured origin too', async () => {
    expect((await preflight(DESKTOP, 'GET', '/%61pi/me')).statusCode).toBe(204)
    const dev = await preflight(DEV_SERVER, 'DELETE', '/api/session')
    expect(dev.statusCode).toBe(204)
    expect(dev.headers['access-control-allow-origin']).toBe(DEV_SERVER)
  })

  it('refuses a preflight from another origin, or without one, with a problem and no CORS grant', async () => {
    for (const origin of [FOREIGN, 'app://kcc.kwaadwillend.example', 'null', undefined]) {
      const answer = await preflight(origin, 'POST')
      expect(answer.statusCode, String(origin)).toBe(403)
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(answer.json()).toMatchObject({ code: 'origin_not_allowed' })
      expect(answer.headers['access-control-allow-origin']).toBeUndefined()
    }
  })

  it('refuses a preflight for a method the API does not have', async () => {
    for (const method of ['TRACE', 'CONNECT', undefined]) {
      const answer = await preflight(DESKTOP, method)
      expect(answer.statusCode, String(method)).toBe(400)
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/)
    }
  })

  it('lets the desktop app read its answers, a refusal at the door included', async () => {
    const agent = await gw().login('medewerker1')
    const me = await gw().app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { origin: DESKTOP, authorization: `Bearer ${agent.token}` },
    })
    expect(me.statusCode).toBe(200)
    expect(me.headers['access-control-allow-origin']).toBe(DESKTOP)
    expect(me.headers['vary']).toMatch(/Origin/)

    const refused = await gw().app.inject({ method: 'GET', url: '/api/me', headers: { origin: DESKTOP } })
    expect(refused.statusCode).toBe(401)
    expect(refused.headers['access-control-allow-origin']).toBe(DESKTOP)
    expect(refused.headers['access-control-expose-headers']).toMatch(/www-authenticate/)
  })

  it('names no other origin, so another page’s script cannot read an answer', async () => {
    const agent = await gw().login('medewerker1')
    const answer = await gw().app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { origin: FOREIGN, authorization: `Bearer ${agent.token}` },
    })
    // The browser withholds the body from the foreign page; the gateway does not grant it.
    expect(answer.headers['access-control-allow-origin']).toBeUndefined()
    expect(answer.headers['vary']).toMatch(/Origin/)
  })
})
