import { describe, expect, it } from 'vitest'
import { useGateway } from '../../support/gateway'

/**
 * The session guard, the audit and the security headers hang on the route a request matched: a
 * route someone adds later, anywhere, is protected, audited and given the headers without saying
 * so, however its path is spelled; only a route that declares itself public is open.
 */
describe('a route added to the gateway later', () => {
  const gw = useGateway()

  const withRoutes = async () => {
    const instance = await gw().startInstance()
    for (const path of ['/api/later', '/intern/later']) {
      instance.app.get(path, async () => ({ geheim: 'persoonsgegevens' }))
    }
    instance.app.get('/open', { config: { public: true } }, async () => ({ open: true }))
    await instance.app.ready()
    return instance
  }

  it('is refused without a session under any spelling of its path, wherever it is mounted', async () => {
    const { app } = await withRoutes()
    for (const url of ['/api/later', '/%61pi/later', '/api/l%61ter', '/intern/later', '/%69ntern/later']) {
      const answer = await app.inject({ method: 'GET', url })
      expect(answer.statusCode, url).toBe(401)
      expect(answer.headers['content-type'], url).toMatch(/^application\/problem\+json/)
      expect(answer.body, url).not.toContain('persoonsgegevens')
    }
  })

  it('answers with the security headers and an audit line, under an encoded path too', async () => {
    const instance = await withRoutes()
    const agent = await gw().login('medewerker1')
    const answer = await instance.app.inject({
      method: 'GET',
      url: '/%61pi/later',
      headers: { authorization: `Bearer ${agent.token}` },
    })
    expect(answer.statusCode).toBe(200)
    expect(answer.headers['cache-control']).toBe('no-store')
    expect(answer.headers['x-content-type-options']).toBe('nosniff')
    expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    const events = await instance.services.audit.recent({ limit: 5, securityOnly: false })
    expect(events).toContainEqual(expect.objectContaining({ actor: 'medewerker1', status: 200 }))
  })

  it('is open only when it declares itself public', async () => {
    const { app } = await withRoutes()
    expect((await app.inject({ method: 'GET', url: '/open' })).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/%6fpen' })).statusCode).toBe(200)
  })
})
