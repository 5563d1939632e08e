import { mkdtempSync, rmSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { request as httpsRequestRaw } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoPassword } from '../../support/gateway'
import { freePort } from '../../support/sip-servers'
import { prepareNginx, startNginx, testNginxConf, type RunningNginx } from '../../support/nginx'
import { httpsRequest, makeTestCa, type TestCa } from '../../support/test-ca'
import { expectLiveWelcome, startComposed, type Composed } from './composed'
import { registerWithoutCredentials } from './sip-frames'

/**
 * deploy/nginx/kcc.conf in Debian's nginx, terminating TLS (a CA the test made) in front of a real
 * gateway that trusts its forwarding headers (`trustedProxies`): the app, the API, the live socket
 * and the embedded SIP server's WebSocket, all through the proxy.
 */
describe('the gateway behind nginx with deploy/nginx/kcc.conf', () => {
  let ca: TestCa
  let composed: Composed
  let nginx: RunningNginx
  let publicOrigin: string

  beforeAll(async () => {
    ca = makeTestCa()
    // The public origin is nginx's, and the gateway hands softphones the public SIP URL on it.
    const httpsPort = await freePort()
    publicOrigin = `https://127.0.0.1:${httpsPort}`
    composed = await startComposed((config) => ({
      ...config,
      trustedProxies: ['127.0.0.1'],
      sip: { ...config.sip, websocketUrl: `wss://127.0.0.1:${httpsPort}/sip` },
    }))
    nginx = await startNginx({ upstream: new URL(composed.server.url).host, ca, httpsPort })
  })
  afterAll(async () => {
    await nginx?.close()
    await composed?.close()
    ca?.remove()
  })

  const login = async (name: string): Promise<string> => {
    const answer = await httpsRequest(`${publicOrigin}/api/session`, ca.ca, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: name, password: demoPassword(name) }),
    })
    expect(answer.status, answer.body).toBe(201)
    return (JSON.parse(answer.body) as { token: string }).token
  }

  it('passes nginx -t as shipped (with this deployment’s ports, certificate and upstream)', () => {
    const prefix = mkdtempSync(join(tmpdir(), 'kcc-nginx-t-'))
    try {
      const confFile = prepareNginx(prefix, {
        httpsPort: 1443,
        httpPort: 1080,
        upstream: '127.0.0.1:8480',
        certFile: ca.certFile,
        keyFile: ca.keyFile,
      })
      const result = testNginxConf(prefix, confFile)
      expect(result.output).toContain('syntax is ok')
      expect(result.status, result.output).toBe(0)
    } finally {
      rmSync(prefix, { recursive: true, force: true })
    }
  })

  it('redirects plain HTTP to HTTPS', async () => {
    const answer = await new Promise<{ status: number; location: string }>((resolve, reject) => {
      const outgoing = httpRequest(`${nginx.httpUrl}/api/auth/methods?x=1`, { agent: false }, (response) => {
        response.resume()
        resolve({ status: response.statusCode ?? 0, location: response.headers.location ?? '' })
      })
      outgoing.on('error', reject)
      outgoing.end()
    })
    expect(answer.status).toBe(301)
    expect(answer.location).toBe('https://127.0.0.1/api/auth/methods?x=1')
  })

  it('serves the agent app over TLS with the certificate, HSTS and the gateway’s own headers', async () => {
    const answer = await httpsRequest(`${publicOrigin}/`, ca.ca)
    expect(answer.status).toBe(200)
    expect(answer.body).toContain('KCC Werkplek')
    expect(answer.peerFingerprint256).toBe(ca.fingerprint256)
    expect(answer.headers['strict-transport-security']).toBe('max-age=31536000')
    expect(answer.headers['x-frame-options']).toBe('DENY')
    expect(answer.headers['server']).toBe('nginx')
  })

  it('signs an agent in and answers the task API through the proxy', async () => {
    const token = await login('medewerker1')
    const answer = await httpsRequest(`${publicOrigin}/api/softphone`, ca.ca, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(answer.status, answer.body).toBe(200)
  })

  it('gives the gateway the public scheme and host (problem type URLs name them)', async () => {
    const answer = await httpsRequest(`${publicOrigin}/api/softphone`, ca.ca)
    expect(answer.status).toBe(401)
    expect((JSON.parse(answer.body) as { type: string }).type.startsWith(`${publicOrigin}/ref/fouten/`)).toBe(
      true,
    )
  })

  it('gives the gateway the client’s address, not one the client wrote into X-Forwarded-For', async () => {
    // From 127.0.0.2 (loopback too), so the client's address differs from nginx's own.
    const status = await new Promise<number>((resolve, reject) => {
      const outgoing = httpsRequestRaw(
        `${publicOrigin}/api/auth/methods`,
        {
          ca: ca.ca,
          agent: false,
          localAddress: '127.0.0.2',
          headers: { 'x-forwarded-for': '203.0.113.9' },
        },
        (response) => {
          response.resume()
          resolve(response.statusCode ?? 0)
        },
      )
      outgoing.on('error', reject)
      outgoing.end()
    })
    expect(status).toBeLessThan(500)
    const lines = composed.logs.filter((line) => line.includes('/api/auth/methods'))
    expect(lines.some((line) => line.includes('"remoteAddress":"127.0.0.2"'))).toBe(true)
    expect(composed.logs.join('\n')).not.toContain('203.0.113.9')
  })

  it('carries the live socket over WSS, with the client’s address', async () => {
    const token = await login('medewerker2')
    await expectLiveWelcome(`${publicOrigin.replace('https:', 'wss:')}/api/live`, token, {
      ca: ca.ca,
      localAddress: '127.0.0.3',
      headers: { 'x-forwarded-for': '203.0.113.10' },
    })
    const upgrades = composed.logs.filter((line) => line.includes('"url":"/api/live"'))
    expect(upgrades.some((line) => line.includes('"remoteAddress":"127.0.0.3"'))).toBe(true)
    expect(composed.logs.join('\n')).not.toContain('203.0.113.10')
  })

  it('hands softphones the public SIP URL and carries SIP over WSS for pages of the public origin', async () => {
    const token = await login('medewerker3')
    const softphone = await httpsRequest(`${publicOrigin}/api/softphone`, ca.ca, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect((JSON.parse(softphone.body) as { websocketUrl: string }).websocketUrl).toBe(
      `${publicOrigin.replace('https:', 'wss:')}/sip`,
    )
    const answer = await registerWithoutCredentials(`${publicOrigin.replace('https:', 'wss:')}/sip`, {
      ca: ca.ca,
      origin: publicOrigin,
      user: 'medewerker1',
      domain: composed.config.sip.domain,
    })
    expect(answer).toMatch(/^SIP\/2\.0 401 /)
  })

  it('does not expose the embedded register or the demo caller page', async () => {
    for (const path of ['/klantinteracties/api/v1/klantcontacten', '/caller/']) {
      const answer = await httpsRequest(`${publicOrigin}${path}`, ca.ca)
      expect(answer.status, path).toBe(404)
    }
  })
})
