import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startKccServer, type KccServer } from '../../../server/compose/kcc-server'
import { loadGatewayConfig } from '../../../server/gateway/config/load'
import { createRootLogger } from '../../../server/lib/logger'
import { SipTestClient } from '../../support/sip-client'
import { DEMO_CONFIG, demoPassword } from '../../support/gateway'

/**
 * `npm run server` as one process: the agent app, the gateway, its live socket, the embedded
 * provider and the embedded SIP server, all on one HTTP port on 127.0.0.1.
 */
const PROVIDER_TOKEN = 'compose-test-token-0123456789'

describe('the KCC server on one port', () => {
  let server: KccServer
  let dir: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kcc-server-'))
    const webRoot = join(dir, 'web')
    rmSync(webRoot, { recursive: true, force: true })
    await import('node:fs').then((fs) => fs.mkdirSync(webRoot))
    writeFileSync(
      join(webRoot, 'index.html'),
      '<!doctype html><html lang="nl"><title>KCC Werkplek</title></html>',
    )
    const config = await loadGatewayConfig(DEMO_CONFIG, {})
    server = await startKccServer({
      config: { ...config, port: 0, dataDir: join(dir, 'data') },
      logger: createRootLogger({ level: 'silent' }),
      providerToken: PROVIDER_TOKEN,
      webRoot,
    })
  })
  afterAll(async () => {
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const login = async (name: string): Promise<string> => {
    const response = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: name, password: demoPassword(name) }),
    })
    expect(response.status).toBe(201)
    return ((await response.json()) as { token: string }).token
  }

  /** A logged-in live socket past its snapshot, collecting the events it is sent from then on. */
  const subscribe = async (token: string) => {
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/api/live`)
    const events: Array<{ type: string; [key: string]: unknown }> = []
    const received: string[] = []
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { type: string; event?: (typeof events)[number] }
      received.push(message.type)
      if (message.type === 'event' && message.event) {
        events.push(message.event)
      }
    })
    await new Promise((resolve, reject) => {
      socket.once('open', resolve)
      socket.once('error', reject)
    })
    socket.send(JSON.stringify({ type: 'auth', token }))
    await expect.poll(() => received).toContain('welcome')
    // Events flow once the client has its starting point (a snapshot, or a resume).
    socket.send(JSON.stringify({ type: 'snapshot' }))
    await expect.poll(() => received).toContain('snapshot')
    return { socket, events }
  }

  it('serves the agent app at /', async () => {
    const response = await fetch(`${server.url}/`)
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('KCC Werkplek')
  })

  it('serves the embedded provider at /klantinteracties/api/v1, only with its token', async () => {
    const url = `${server.url}/klantinteracties/api/v1/klantcontacten`
    expect((await fetch(url)).status).toBe(401)
    const response = await fetch(url, { headers: { authorization: `Token ${PROVIDER_TOKEN}` } })
    expect(response.status).toBe(200)
    expect(response.headers.get('api-version')).toBe('0.9.0')
  })

  it('registers a klantcontact through the gateway into the embedded provider', async () => {
    const token = await login('medewerker1')
    const response = await fetch(`${server.url}/api/klantcontacten`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({
        kanaal: 'Telefoon',
        onderwerp: 'Voorwaarden vergunningsvrije dakkapel',
        taal: 'nld',
      }),
    })
    expect(response.status).toBe(201)
    const { nummer } = (await response.json()) as { nummer: string }
    const found = await fetch(`${server.url}/klantinteracties/api/v1/klantcontacten?nummer=${nummer}`, {
      headers: { authorization: `Token ${PROVIDER_TOKEN}` },
    })
    expect(((await found.json()) as { count: number }).count).toBe(1)
  })

  it('accepts an authenticated live socket at /api/live and shows the agent in the directory', async () => {
    const token = await login('medewerker2')
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/api/live`)
    const messages: Array<{ type: string }> = []
    socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as { type: string }))
    await new Promise((resolve, reject) => {
      socket.once('open', resolve)
      socket.once('error', reject)
    })
    socket.send(JSON.stringify({ type: 'auth', token }))
    await expect.poll(() => messages.map((m) => m.type)).toContain('welcome')
    socket.send(JSON.stringify({ type: 'state', state: 'beschikbaar' }))
    const directory = async (): Promise<string | undefined> => {
      const response = await fetch(`${server.url}/api/directory`, {
        headers: { authorization: `Bearer ${token}` },
      })
      const body = (await response.json()) as { medewerkers: Array<{ login: string; state: string }> }
      return body.medewerkers.find((c) => c.login === 'medewerker2')?.state
    }
    await expect.poll(directory).toBe('beschikbaar')
    socket.close()
  })

  it('offers an announced transfer to the addressed afdeling over the live socket', async () => {
    const sender = await login('medewerker1')
    const receiver = await login('medewerker2')
    const { socket, events } = await subscribe(receiver)

    const api = (path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sender}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      })
    const created = await api(
      '/api/klantcontacten',
      { kanaal: 'Telefoon', onderwerp: 'Dakkapel', taal: 'nld' },
      { 'idempotency-key': crypto.randomUUID() },
    )
    const { uuid, nummer } = (await created.json()) as { uuid: string; nummer: string }
    const announced = await api('/api/transfers', {
      klantcontactUuid: uuid,
      target: { type: 'afdeling', id: 'vergunningen' },
    })
    expect(announced.status).toBe(201)

    await expect
      .poll(() => events.find((e) => e.type === 'transfer.offered')?.['transfer'])
      .toMatchObject({ klantcontactnummer: nummer, from: 'medewerker1' })
    socket.close()
  })

  it("tells the monitored agent's app, and no colleague's, of a monitoring session over the live socket", async () => {
    const monitored = await subscribe(await login('medewerker1'))
    const colleague = await subscribe(await login('medewerker3'))
    const supervisor = await login('supervisor')
    // medewerker1 is in a call (its app says so over the live socket).
    monitored.socket.send(JSON.stringify({ type: 'state', state: 'beschikbaar' }))
    monitored.socket.send(
      JSON.stringify({
        type: 'call.started',
        call: { callId: 'call-record-1', direction: 'inbound', callerNumber: '0612345678' },
      }),
    )
    const monitor = (method: string, path: string, body?: unknown): Promise<Response> =>
      fetch(`${server.url}/api/monitor-sessions${path}`, {
        method,
        headers: {
          authorization: `Bearer ${supervisor}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
    let response: Response | undefined
    await expect
      .poll(async () => {
        response = await monitor('POST', '', { agent: 'medewerker1', mode: 'whisper' })
        return response.status
      })
      .toBe(201)
    const session = (await response!.json()) as { id: string }

    await expect
      .poll(() => monitored.events.find((e) => e.type === 'monitor.started')?.['monitor'])
      .toEqual({
        id: session.id,
        supervisor: 'supervisor',
        supervisorName: 'Supervisor KCC',
        supervisorExtension: 'supervisor',
        agent: 'medewerker1',
        mode: 'whisper',
        callId: 'call-record-1',
      })
    expect((await monitor('DELETE', `/${session.id}`)).status).toBe(204)
    await expect
      .poll(() => monitored.events.find((e) => e.type === 'monitor.ended'))
      .toMatchObject({ id: session.id, supervisor: 'supervisor', agent: 'medewerker1' })
    expect(colleague.events.filter((e) => e.type.startsWith('monitor.'))).toEqual([])
    monitored.socket.close()
    colleague.socket.close()
  })

  it('hands the softphone the SIP URL on the bound port when the port was chosen at random', async () => {
    const token = await login('medewerker1')
    const response = await fetch(`${server.url}/api/softphone`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(response.status).toBe(200)
    const { websocketUrl } = (await response.json()) as { websocketUrl: string }
    expect(websocketUrl).toBe(`${server.url.replace('http', 'ws')}/sip`)
    expect(websocketUrl).toBe(server.sipUrl)
  })

  it('runs the SIP server at /sip on the same port, which takes the credentials the gateway issued', async () => {
    expect(server.sipUrl).toBe(`${server.url.replace('http', 'ws')}/sip`)
    const token = await login('medewerker1')
    const account = (await (
      await fetch(`${server.url}/api/softphone`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { authorizationUsername: string; password: string }
    const client = await SipTestClient.connect({
      url: server.sipUrl!,
      domain: 'kcc.test',
      user: 'medewerker1',
      authUser: account.authorizationUsername,
      password: account.password,
    })
    // medewerker1's credentials do not make anyone else medewerker3.
    const impostor = await SipTestClient.connect({
      url: server.sipUrl!,
      domain: 'kcc.test',
      user: 'medewerker3',
      authUser: account.authorizationUsername,
      password: account.password,
    })
    try {
      expect((await client.register()).status).toBe(200)
      expect((await impostor.register()).status).toBe(403)
    } finally {
      await client.close()
      await impostor.close()
    }
  })
})

describe('the demo caller page', () => {
  let dir: string
  const servers: KccServer[] = []

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kcc-caller-'))
    const callerRoot = join(dir, 'caller')
    mkdirSync(join(callerRoot, 'assets'), { recursive: true })
    writeFileSync(
      join(callerRoot, 'index.html'),
      '<!doctype html><html lang="nl"><title>Beller</title></html>',
    )
    writeFileSync(join(callerRoot, 'assets', 'caller.js'), 'export {}\n')
    const webRoot = join(dir, 'web')
    mkdirSync(webRoot)
    writeFileSync(
      join(webRoot, 'index.html'),
      '<!doctype html><html lang="nl"><title>KCC Werkplek</title></html>',
    )
    const config = await loadGatewayConfig(DEMO_CONFIG, {})
    for (const demo of [true, false]) {
      servers.push(
        await startKccServer({
          config: { ...config, demo, port: 0, dataDir: join(dir, `data-${demo}`) },
          logger: createRootLogger({ level: 'silent' }),
          providerToken: PROVIDER_TOKEN,
          webRoot,
          callerRoot,
        }),
      )
    }
  })
  afterAll(async () => {
    for (const server of servers.splice(0)) {
      await server.close()
    }
    rmSync(dir, { recursive: true, force: true })
  })

  it('is served at /caller/ in demo mode, with its assets, beside the agent app', async () => {
    const { url } = servers[0]!
    const app = await fetch(`${url}/`)
    const page = await fetch(`${url}/caller/`)
    const asset = await fetch(`${url}/caller/assets/caller.js`)
    const withoutSlash = await fetch(`${url}/caller`, { redirect: 'manual' })

    expect(await app.text()).toContain('KCC Werkplek')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await page.text()).toContain('<title>Beller</title>')
    expect(asset.status).toBe(200)
    expect(withoutSlash.status).toBe(301)
    expect(withoutSlash.headers.get('location')).toBe('/caller/')
  })

  it('is not served outside demo mode', async () => {
    const { url } = servers[1]!
    expect(await (await fetch(`${url}/`)).text()).toContain('KCC Werkplek')
    expect((await fetch(`${url}/caller/`)).status).toBe(404)
    expect((await fetch(`${url}/caller/assets/caller.js`)).status).toBe(404)
  })
})
