import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startKccServer } from '../../../server/compose/kcc-server'
import { GatewayConfigError, loadGatewayConfig } from '../../../server/gateway/config/load'
import { createRootLogger } from '../../../server/lib/logger'
import { DEMO_CONFIG, demoPassword } from '../../support/gateway'
import { freePort } from '../../support/sip-servers'
import { httpsRequest, makeTestCa, type TestCa } from '../../support/test-ca'
import { expectLiveWelcome, startComposed, type Composed } from './composed'
import { registerWithoutCredentials } from './sip-frames'

/**
 * `config.tls`: the gateway itself speaks HTTPS, its live socket and the embedded SIP server WSS,
 * with a certificate from a CA this test made (openssl). Clients trust that CA only.
 */
let ca: TestCa
beforeAll(() => {
  ca = makeTestCa()
})
afterAll(() => ca?.remove())

const jsonPost = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

async function login(url: string, name: string): Promise<string> {
  const answer = await httpsRequest(
    `${url}/api/session`,
    ca.ca,
    jsonPost({ login: name, password: demoPassword(name) }),
  )
  expect(answer.status, answer.body).toBe(201)
  return (JSON.parse(answer.body) as { token: string }).token
}

/** What a plain-HTTP client gets from the port: an error, or a status line that is not a 2xx. */
function plainHttp(url: string): Promise<string> {
  return new Promise((resolve) => {
    const outgoing = httpRequest(url.replace('https:', 'http:'), { agent: false }, (response) => {
      response.resume()
      resolve(`status ${response.statusCode ?? 0}`)
    })
    outgoing.on('error', (error) => resolve(`error ${error.message}`))
    outgoing.end()
  })
}

describe('the gateway with tls, SIP on the same port', () => {
  let composed: Composed
  beforeAll(async () => {
    composed = await startComposed((config) => ({
      ...config,
      tls: { certFile: ca.certFile, keyFile: ca.keyFile },
    }))
  })
  afterAll(() => composed?.close())

  it('serves the API over HTTPS with the configured certificate', async () => {
    expect(composed.server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    const answer = await httpsRequest(`${composed.server.url}/`, ca.ca)
    expect(answer.status).toBe(200)
    expect(answer.body).toContain('KCC Werkplek')
    expect(answer.peerFingerprint256).toBe(ca.fingerprint256)
    await login(composed.server.url, 'medewerker1')
  })

  it('does not answer plain HTTP on the port', async () => {
    expect(await plainHttp(`${composed.server.url}/api/auth/methods`)).not.toMatch(/^status 2/)
  })

  it('is refused by a client that does not trust the CA', async () => {
    await expect(httpsRequest(`${composed.server.url}/`, makeOtherCa())).rejects.toThrow(/certificate/)
  })

  it('registers a klantcontact in the embedded provider, which it reaches without the certificate', async () => {
    const token = await login(composed.server.url, 'medewerker2')
    const answer = await httpsRequest(`${composed.server.url}/api/klantcontacten`, ca.ca, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({ kanaal: 'Telefoon', onderwerp: 'Paspoort aanvragen', taal: 'nld' }),
    })
    expect(answer.status, answer.body).toBe(201)
    expect((JSON.parse(answer.body) as { nummer: string }).nummer).toMatch(/\S/)
  })

  it('accepts the live socket over WSS', async () => {
    const token = await login(composed.server.url, 'medewerker3')
    await expectLiveWelcome(`${composed.server.url.replace('https:', 'wss:')}/api/live`, token, { ca: ca.ca })
  })

  it('hands softphones a wss: URL on its port and speaks SIP there', async () => {
    const sipUrl = composed.server.sipUrl ?? ''
    expect(sipUrl).toBe(`${composed.server.url.replace('https:', 'wss:')}/sip`)
    const answer = await registerWithoutCredentials(sipUrl, {
      ca: ca.ca,
      origin: composed.server.url,
      user: 'medewerker1',
      domain: composed.config.sip.domain,
    })
    expect(answer).toMatch(/^SIP\/2\.0 401 /)
  })

  it('refuses a SIP WebSocket from a page on another origin', async () => {
    await expect(
      registerWithoutCredentials(composed.server.sipUrl ?? '', {
        ca: ca.ca,
        origin: composed.server.url.replace('https:', 'http:'),
        user: 'medewerker1',
        domain: composed.config.sip.domain,
      }),
    ).rejects.toThrow(/403/)
  })
})

describe('the gateway with tls, SIP on a port of its own', () => {
  let composed: Composed
  let sipPort: number
  beforeAll(async () => {
    const [gatewayPort, ownPort] = [await freePort(), await freePort()]
    sipPort = ownPort
    composed = await startComposed((config) => ({
      ...config,
      port: gatewayPort,
      tls: { certFile: ca.certFile, keyFile: ca.keyFile },
      sip: { ...config.sip, websocketUrl: `wss://127.0.0.1:${ownPort}/sip` },
    }))
  })
  afterAll(() => composed?.close())

  it('speaks WSS on the SIP port, for pages of the gateway', async () => {
    expect(composed.server.sipUrl).toBe(`wss://127.0.0.1:${sipPort}/sip`)
    const answer = await registerWithoutCredentials(composed.server.sipUrl ?? '', {
      ca: ca.ca,
      origin: composed.server.url,
      user: 'medewerker1',
      domain: composed.config.sip.domain,
    })
    expect(answer).toMatch(/^SIP\/2\.0 401 /)
  })

  it('does not speak plain WebSocket there', async () => {
    await expect(
      registerWithoutCredentials(`ws://127.0.0.1:${sipPort}/sip`, {
        user: 'medewerker1',
        domain: composed.config.sip.domain,
      }),
    ).rejects.toThrow()
  })
})

describe('a tls setting that names an unreadable file', () => {
  it('stops the start with the setting and the file, not its content', async () => {
    const missing = `${ca.dir}/absent.key`
    const start = startKccServer({
      config: {
        ...(await loadGatewayConfig(DEMO_CONFIG, {})),
        port: 0,
        dataDir: `${ca.dir}/data`,
        tls: { certFile: ca.certFile, keyFile: missing },
      },
      logger: createRootLogger({ level: 'silent' }),
      providerToken: 'unused-token-0123456789',
    })
    await expect(start).rejects.toThrow(GatewayConfigError)
    await expect(start).rejects.toThrow(`tls.keyFile: cannot read ${missing} (ENOENT)`)
  })
})

/** A CA of its own that did not sign the server's certificate. */
function makeOtherCa(): string {
  const other = makeTestCa()
  try {
    return other.ca
  } finally {
    other.remove()
  }
}
