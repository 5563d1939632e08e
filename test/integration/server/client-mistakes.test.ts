import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSharedPort, type SharedPort } from '../../../server/compose/shared-port'
import { demoPassword } from '../../support/gateway'
import { PROVIDER_TOKEN, useComposedServer } from './compose-fixture'
import { parseRawAnswer, rawExchange, rawRequest, type RawAnswer } from './raw-http'

/**
 * A request the server cannot or will not take is the client's mistake: a 4xx in
 * application/problem+json like every other error, with the security headers, and no error-level
 * log line. A 500 and an error line are for the server's own faults.
 */
const PROBLEM_JSON = /^application\/problem\+json/
const ERROR_LEVEL = 50

const expectClientProblem = (answer: RawAnswer, what: string): void => {
  expect(answer.status, what).toBeGreaterThanOrEqual(400)
  expect(answer.status, what).toBeLessThan(500)
  expect(answer.headers['content-type'], what).toMatch(PROBLEM_JSON)
  const body = JSON.parse(answer.body) as { status: number; code: string }
  expect(body.status, what).toBe(answer.status)
}

describe('requests the server cannot take', () => {
  const composed = useComposedServer()
  const url = (): string => composed().server.url
  const errorLines = (): string[] =>
    composed().logs.filter((line) => (JSON.parse(line) as { level: number }).level >= ERROR_LEVEL)

  let token: string
  beforeAll(async () => {
    const login = await rawRequest(url(), 'POST', '/api/session', {
      body: JSON.stringify({ login: 'medewerker1', password: demoPassword('medewerker1') }),
    })
    token = (JSON.parse(login.body) as { token: string }).token
  })

  it('sends the web files as nosniff and not to be framed', async () => {
    for (const path of ['/', '/index.html', '/assets/app.js']) {
      const answer = await rawRequest(url(), 'GET', path)
      expect(answer.status, path).toBe(200)
      expect(answer.headers['x-content-type-options'], path).toBe('nosniff')
      expect(answer.headers['content-security-policy'], path).toContain("frame-ancestors 'none'")
      expect(answer.headers['x-frame-options'], path).toBe('DENY')
    }
  })

  it('answers junk around a path with a 4xx problem, with or without a session', async () => {
    const junk = [
      '//api/me',
      '/../x',
      '/%00',
      '/assets/%00',
      '/assets/../../../etc/passwd',
      '/api/me/%00',
      '/api/me//',
      '/api/directory/..',
      '/api/klantcontacten/recent/%00',
      '/x/..',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/klantinteracties/api/v1/klantcontacten/%00',
      '/klantinteracties/api/v1/../v1/openapi.yaml/..',
    ]
    for (const path of junk) {
      for (const headers of [{}, { authorization: `Bearer ${token}` }] as Array<Record<string, string>>) {
        const answer = await rawRequest(url(), 'GET', path, { headers })
        expectClientProblem(answer, path)
        expect(answer.headers['x-content-type-options'], path).toBe('nosniff')
      }
    }
    expect(errorLines()).toEqual([])
  })

  it('answers a path the router cannot decode with a 400 problem', async () => {
    for (const path of [
      '/api/klantcontacten/by-nummer/%zz',
      '/api/transfers/resolve/%E0%A4%A',
      `/klantinteracties/api/v1/klantcontacten/%zz`,
    ]) {
      const answer = await rawRequest(url(), 'GET', path, {
        headers: { authorization: path.startsWith('/api') ? `Bearer ${token}` : `Token ${PROVIDER_TOKEN}` },
      })
      expect(answer.status, path).toBe(400)
      expectClientProblem(answer, path)
    }
    const gateway = await rawRequest(url(), 'GET', '/api/klantcontacten/by-nummer/%zz')
    expect(gateway.headers['cache-control']).toBe('no-store')
    expect(gateway.headers['x-content-type-options']).toBe('nosniff')
    expect(errorLines()).toEqual([])
  })

  it('answers a path parameter over its length with a 4xx problem', async () => {
    for (const path of [
      `/api/klantcontacten/by-nummer/${'1'.repeat(300)}`,
      `/klantinteracties/api/v1/klantcontacten/${'a'.repeat(300)}`,
    ]) {
      const answer = await rawRequest(url(), 'GET', path)
      // 414 from the router, or 404 where a wildcard route (the web files) takes the path instead.
      expect([404, 414], path).toContain(answer.status)
      expectClientProblem(answer, path)
    }
  })

  it('answers a request the HTTP parser refuses with a problem', async () => {
    const cases: Array<[string, Buffer, number]> = [
      [
        'headers over the limit',
        Buffer.from(`GET /api/me HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
        431,
      ],
      [
        'a URL over the limit',
        Buffer.from(`GET /api/me?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`),
        431,
      ],
      [
        'raw non-ASCII in the request line',
        Buffer.concat([
          Buffer.from('GET /api/m'),
          Buffer.from([0xe9]),
          Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n'),
        ]),
        400,
      ],
      ['a request line that is no HTTP', Buffer.from('HELLO\r\n\r\n'), 400],
    ]
    for (const [what, bytes, status] of cases) {
      const answer = parseRawAnswer(await rawExchange(url(), bytes))
      expect(answer.status, what).toBe(status)
      expectClientProblem(answer, what)
      expect(answer.headers['x-content-type-options'], what).toBe('nosniff')
    }
    expect(errorLines()).toEqual([])
  })
})

describe('the shared port before its apps are ready', () => {
  let port: SharedPort
  let url: string
  beforeAll(async () => {
    port = createSharedPort()
    await new Promise<void>((resolve) => port.server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(port.server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => port.server.close(() => resolve())))

  it('answers 503 as a problem, asking to retry', async () => {
    const answer = await rawRequest(url, 'GET', '/api/me')
    expect(answer.status).toBe(503)
    expect(answer.headers['content-type']).toMatch(PROBLEM_JSON)
    expect(answer.headers['retry-after']).toBe('1')
    expect(JSON.parse(answer.body)).toMatchObject({ status: 503, title: 'De server start nog.' })
  })
})
