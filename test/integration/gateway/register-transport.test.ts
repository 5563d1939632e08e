import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { KlantinteractiesClient, UpstreamError } from '../../../server/gateway/register-client/client'
import { NodeTransport } from '../../../server/gateway/register-client/http-transport'
import { problemFor, registrationField } from '../../../server/gateway/register-client/upstream-errors'
import { createRootLogger } from '../../../server/lib/logger'

/**
 * The register client's own transport (keep-alive node:http/https) against small servers made in
 * the test, which count connections and requests: what the transport must keep doing whatever it
 * is built on. No assertion here is about time; speed is measured by `npm run bench:gateway`.
 */
type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void

interface Recorded {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

const log = createRootLogger({ level: 'silent', name: 'register-transport-test' })
const TOKEN = 'test-token-register-transport'

describe('the register client over keep-alive HTTP', () => {
  let server: Server
  let handler: Handler = (_req, res) => res.end('{}')
  let connections = 0
  const requests: Recorded[] = []
  let base = ''
  const clients: KlantinteractiesClient[] = []
  const client = (timeoutMs?: number): KlantinteractiesClient => {
    const made = new KlantinteractiesClient(
      { baseUrl: base, token: TOKEN, ...(timeoutMs !== undefined ? { timeoutMs } : {}) },
      log,
    )
    clients.push(made)
    return made
  }

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8')
        requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body })
        handler(req, res, body)
      })
    })
    server.on('connection', () => (connections += 1))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/klantinteracties/api/v1/`
  })

  afterEach(() => {
    for (const made of clients.splice(0)) {
      made.close()
    }
    server.closeAllConnections()
    connections = 0
    requests.length = 0
    handler = (_req, res) => res.end('{}')
  })

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
  })

  const json = (res: ServerResponse, status: number, body: unknown, type = 'application/json'): void => {
    res.writeHead(status, { 'content-type': type })
    res.end(JSON.stringify(body))
  }

  it('sends two calls over one connection', async () => {
    handler = (req, res, body) =>
      json(res, 201, { method: req.method, echoed: body ? JSON.parse(body) : null })
    const register = client()
    const first = await register.post<{ echoed: unknown }>('klantcontacten', { onderwerp: 'één' })
    const second = await register.get<{ method: string }>('klantcontacten', { pageSize: 1, open: true })
    expect(first.echoed).toEqual({ onderwerp: 'één' })
    expect(second.method).toBe('GET')
    expect(requests).toHaveLength(2)
    expect(connections).toBe(1)
  })

  it('sends the token, JSON headers, a Content-Length (never chunked) and the query', async () => {
    await client().post('/maak-klantcontact', { onderwerp: 'één' })
    await client().get('klantcontacten', { nummer: '0001', open: false, pageSize: 5 })
    const [post, get] = requests
    expect(post!.url).toBe('/klantinteracties/api/v1/maak-klantcontact')
    expect(post!.headers).toMatchObject({
      authorization: `Token ${TOKEN}`,
      accept: 'application/json',
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(JSON.stringify({ onderwerp: 'één' }))),
    })
    expect(post!.headers['transfer-encoding']).toBeUndefined()
    expect(get!.method).toBe('GET')
    expect(get!.url).toBe('/klantinteracties/api/v1/klantcontacten?nummer=0001&open=false&pageSize=5')
    expect(get!.headers['content-type']).toBeUndefined()
  })

  it('maps a 4xx answer to the same definite error, with the field errors', async () => {
    handler = (_req, res) =>
      json(
        res,
        400,
        {
          code: 'invalid',
          title: 'Invalid input.',
          invalidParams: [{ name: 'klantcontact.nummer', code: 'unique', reason: 'Bestaat al.' }],
        },
        'application/problem+json',
      )
    const failure: unknown = await client()
      .post('maak-klantcontact', {})
      .catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(UpstreamError)
    const error = failure as UpstreamError
    expect(error).toMatchObject({ kind: 'status', status: 400, ambiguous: false })
    expect(error.isUniqueViolation('nummer')).toBe(true)
    const problem = problemFor(error, registrationField)
    expect(problem.status).toBe(400)
    expect(problem.invalidParams).toEqual([expect.objectContaining({ name: 'nummer', code: 'unique' })])
    // The token never leaves the client inside an error.
    expect(JSON.stringify(error)).not.toContain(TOKEN)
  })

  it('answers null for a 404 on find, and a 5xx is ambiguous', async () => {
    handler = (req, res) => json(res, req.url?.includes('weg') ? 404 : 503, { code: 'x' })
    expect(await client().find('klantcontacten/weg')).toBeNull()
    const failure = await client()
      .get('klantcontacten')
      .catch((error: unknown) => error)
    expect(failure).toMatchObject({ kind: 'status', status: 503, ambiguous: true })
  })

  it('times out a call the register does not answer, within the budget', async () => {
    handler = () => undefined
    const failure = await client(300)
      .post('maak-klantcontact', {})
      .catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(UpstreamError)
    expect(failure).toMatchObject({ kind: 'timeout', ambiguous: true })
    expect(requests).toHaveLength(1)
  })

  it('times out a call whose answer stalls after its headers', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"half":')
    }
    // The status arrived: as before, the body that never finished reads as empty.
    await expect(client(300).get('klantcontacten')).resolves.toBeUndefined()
  })

  it('retries a read once on a lost connection, and never a write', async () => {
    let cut = 1
    handler = (req, res) => {
      if (cut > 0) {
        cut -= 1
        req.socket.destroy()
        return
      }
      json(res, 200, { ok: true })
    }
    expect(await client().get('klantcontacten')).toEqual({ ok: true })
    expect(requests.map((r) => r.method)).toEqual(['GET', 'GET'])

    requests.length = 0
    cut = 1
    const failure = await client()
      .post('maak-klantcontact', {})
      .catch((error: unknown) => error)
    expect(failure).toMatchObject({ kind: 'unreachable', ambiguous: true })
    expect(requests.map((r) => r.method)).toEqual(['POST'])
  })

  it('reports a register that refuses connections as unreachable', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const register = new KlantinteractiesClient(
      { baseUrl: `http://127.0.0.1:${port}/api`, token: TOKEN },
      log,
    )
    clients.push(register)
    await expect(register.post('x', {})).rejects.toMatchObject({ kind: 'unreachable' })
  })

  it('reads a gzip answer, as fetch did', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
      res.end(gzipSync(JSON.stringify({ onderwerp: 'één' })))
    }
    expect(await client().get('klantcontacten')).toEqual({ onderwerp: 'één' })
    expect(requests[0]!.headers['accept-encoding']).toBe('gzip, deflate')
  })

  it('follows a redirect on the same origin, token and all', async () => {
    handler = (req, res) => {
      if (req.url?.endsWith('/oud')) {
        res.writeHead(308, { location: `${base}nieuw` })
        res.end()
        return
      }
      json(res, 200, { at: req.url })
    }
    expect(await client().get('oud')).toEqual({ at: '/klantinteracties/api/v1/nieuw' })
    expect(requests[1]!.headers.authorization).toBe(`Token ${TOKEN}`)
  })
})

describe('the register transport over https', () => {
  let dir = ''
  let cert = ''
  let key = ''

  beforeAll(() => {
    // A self-signed certificate for 127.0.0.1, made now: nothing secret is kept in the repository.
    dir = mkdtempSync(join(tmpdir(), 'kcc-register-tls-'))
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    )
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8')
    key = readFileSync(join(dir, 'key.pem'), 'utf8')
  })

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('talks TLS to a trusted register, two calls over one connection, and refuses an untrusted one', async () => {
    let handshakes = 0
    const server = createTlsServer({ cert, key }, (req, res) => {
      req.resume()
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ method: req.method }))
      })
    })
    server.on('secureConnection', () => (handshakes += 1))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = new URL(`https://127.0.0.1:${(server.address() as AddressInfo).port}/api/klantcontacten`)
    const trusting = new NodeTransport({ ca: cert })
    const untrusting = new NodeTransport()
    try {
      const send = (transport: NodeTransport, method: 'GET' | 'POST') =>
        transport.send({
          method,
          url,
          headers: { accept: 'application/json' },
          ...(method === 'POST' ? { body: '{}' } : {}),
          signal: AbortSignal.timeout(5_000),
        })
      expect(await send(trusting, 'POST')).toEqual({ status: 200, text: '{"method":"POST"}' })
      expect(await send(trusting, 'GET')).toEqual({ status: 200, text: '{"method":"GET"}' })
      expect(handshakes).toBe(1)
      await expect(send(untrusting, 'GET')).rejects.toMatchObject({ name: 'NetworkError' })
    } finally {
      trusting.close()
      untrusting.close()
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
