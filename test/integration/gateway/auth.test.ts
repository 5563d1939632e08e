import { createHash } from 'node:crypto'
import websocket from '@fastify/websocket'
import { beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import type { GatewayConfig } from '../../../server/gateway/config/types'
import { ephemeralPassword } from '../../../server/lib/sip-ephemeral'
import { DEMO_CONFIG, GatewayClient, demoPassword, useGateway } from '../../support/gateway'

/**
 * Agent authentication (docs/gateway.md, "Authentication"): sessions, roles, expiry, the login rate
 * limit.
 */
const PROTECTED: Array<['GET' | 'POST' | 'DELETE', string]> = [
  ['GET', '/api/me'],
  ['GET', '/api/softphone'],
  ['DELETE', '/api/session'],
  ['POST', '/api/klantcontacten'],
  ['GET', '/api/klantcontacten/recent'],
  ['GET', '/api/klantcontacten/by-nummer/26000001'],
  ['POST', '/api/klantcontacten/8a3b1d0e-7c1f-4f5e-9a40-2f2b8e1c3d4a/antwoord'],
  ['POST', '/api/contactverzoeken'],
  ['POST', '/api/transfers'],
  ['GET', '/api/transfers/resolve/26000001'],
  ['GET', '/api/directory'],
  ['GET', '/api/audit'],
  ['GET', '/api/does-not-exist'],
]

// The secret the SIP server checks the softphones' credentials with (sip.credentials).
const SIP_SECRET = 'a-secret-the-gateway-and-the-pbx-share-0123'
const demoSip = (JSON.parse(readFileSync(DEMO_CONFIG, 'utf8')) as GatewayConfig).sip

describe('agent sessions', () => {
  const gw = useGateway({
    config: { sip: { ...demoSip, credentials: { secret: SIP_SECRET, ttlSeconds: 600 } } },
  })

  it('answers 401 problem+json with a Bearer challenge on every API route without a session', async () => {
    for (const [method, url] of PROTECTED) {
      const r = await gw().anonymous.request(method, url, method === 'POST' ? { body: {} } : {})
      expect(r.status, `${method} ${url}`).toBe(401)
      expect(r.body['code']).toBe('not_authenticated')
      expect(r.headers['www-authenticate']).toMatch(/^Bearer/)
    }
  })

  it('leaves a WebSocket route (the live socket) to authenticate in its first message', async () => {
    const instance = await gw().startInstance()
    await instance.app.register(websocket)
    instance.app.get('/api/echo', { websocket: true }, (socket) => {
      socket.on('message', (data: Buffer) => socket.send(`echo ${data.toString()}`))
    })
    await instance.app.ready()
    const socket = await instance.app.injectWS('/api/echo')
    const reply = new Promise<string>((resolve) =>
      socket.once('message', (data: Buffer) => resolve(data.toString())),
    )
    socket.send('hallo')
    expect(await reply).toBe('echo hallo')
    socket.terminate()
    // A plain request to it is no way around the session check.
    expect((await instance.app.inject({ method: 'GET', url: '/api/echo' })).statusCode).toBe(404)
  })

  it('answers 401 for a token that is not a session', async () => {
    const r = await new GatewayClient(() => gw().app, 'x'.repeat(43)).get('/api/me')
    expect(r.status).toBe(401)
    expect(r.body['code']).toBe('authentication_failed')
  })

  it('logs in with the password and answers who the agent is', async () => {
    const login = await gw().anonymous.post<{ token: string; tokenType: string; idleTimeoutSeconds: number }>(
      '/api/session',
      { login: 'medewerker2', password: demoPassword('medewerker2') },
    )
    expect(login.status).toBe(201)
    expect(login.body.tokenType).toBe('Bearer')
    expect(login.body.idleTimeoutSeconds).toBe(1800)
    const me = await new GatewayClient(() => gw().app, login.body.token).get('/api/me')
    expect(me.body).toEqual({
      login: 'medewerker2',
      displayName: 'Medewerker 2 (Vergunningen)',
      email: 'medewerker2@kcc.test',
      role: 'agent',
      afdeling: { id: 'vergunningen', naam: 'Afdeling Vergunningen' },
      answerField: 'inhoud',
      monitorNotice: true,
      supervises: [],
      // The demo configuration's reasons for a pause and Vergunningen's nawerk limit.
      pauzeRedenen: ['Lunch', 'Overleg', 'Training', 'Overig'],
      nawerkSeconds: 90,
    })
  })

  it('issues 256-bit random tokens and stores only their SHA-256', async () => {
    const agent = await gw().login('medewerker1')
    const token = agent.token!
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(32)
    const rows = await gw().gateway.storage.db.selectFrom('agent_session').selectAll().execute()
    expect(rows.map((r) => r.token_hash)).toContain(createHash('sha256').update(token).digest('hex'))
    expect(JSON.stringify(rows)).not.toContain(token)
  })

  it('refuses a wrong password without saying which part was wrong', async () => {
    for (const login of ['medewerker1', 'niemand']) {
      const r = await gw().anonymous.post('/api/session', { login, password: 'fout' })
      expect(r.status).toBe(401)
      expect(r.body['detail']).toBe('Onjuiste gebruikersnaam of wachtwoord.')
      expect(r.body['token']).toBeUndefined()
    }
  })

  it('ends the session on logout', async () => {
    const agent = await gw().login('medewerker1')
    expect((await agent.delete('/api/session')).status).toBe(204)
    expect((await agent.get('/api/me')).status).toBe(401)
  })

  it('hands the agent ephemeral SIP credentials of its own after login, and never logs them', async () => {
    const agent = await gw().login('medewerker1')
    const before = Math.floor(Date.now() / 1000)
    const r = await agent.get('/api/softphone')
    const body = r.body as Record<string, string>
    const expiry = Number(body['authorizationUsername']!.split(':')[0])
    expect(body).toEqual({
      websocketUrl: 'ws://127.0.0.1:8480/sip',
      domain: 'kcc.test',
      extension: 'medewerker1',
      authorizationUsername: `${expiry}:medewerker1`,
      password: ephemeralPassword(SIP_SECRET, `${expiry}:medewerker1`),
      credentialsExpireAt: new Date(expiry * 1000).toISOString(),
      displayName: 'Medewerker 1 (KCC)',
      aor: 'sip:medewerker1@kcc.test',
      consultRingSeconds: 25,
    })
    // sip.credentials.ttlSeconds, 600 here.
    expect(expiry - before).toBeGreaterThanOrEqual(600)
    expect(expiry - before).toBeLessThanOrEqual(601)
    expect(r.headers['cache-control']).toBe('no-store')
    expect(gw().logs.join('')).not.toContain(body['password'])
  })

  it('issues new credentials on every request, never beyond the absolute end of the session', async () => {
    const agent = await gw().login('medewerker1')
    const first = (await agent.get('/api/softphone')).body as Record<string, string>
    // The session started 11 h 55 min ago: 5 minutes are left of its 12 hours.
    await gw()
      .gateway.storage.db.updateTable('agent_session')
      .set({ created_at: Date.now() - (12 * 60 - 5) * 60_000 })
      .execute()
    const later = (await agent.get('/api/softphone')).body as Record<string, string>
    const left = Date.parse(later['credentialsExpireAt']!) - Date.now()
    expect(later['password']).not.toBe(first['password'])
    expect(left).toBeGreaterThan(4 * 60_000)
    expect(left).toBeLessThanOrEqual(5 * 60_000)
  })
})

describe('the softphone settings', () => {
  const gw = useGateway({ config: { transfer: { consultRingSeconds: 12 } } })

  it('tell the app how long a consult rings, as configured', async () => {
    const agent = await gw().login('medewerker1')
    expect((await agent.get('/api/softphone')).body).toMatchObject({ consultRingSeconds: 12 })
  })
})

describe('roles', () => {
  const gw = useGateway()
  let agent: GatewayClient
  let supervisor: GatewayClient

  beforeAll(async () => {
    agent = await gw().login('medewerker1')
    supervisor = await gw().login('supervisor')
  })

  it('answers 403 problem+json when an agent calls a supervisor endpoint', async () => {
    const r = await agent.get('/api/audit')
    expect(r.status).toBe(403)
    expect(r.body['code']).toBe('permission_denied')
  })

  it('lets a supervisor call it', async () => {
    expect((await supervisor.get('/api/audit')).status).toBe(200)
  })
})

describe('session expiry', () => {
  const clock = { now: Date.parse('2026-03-02T08:00:00Z') }
  const gw = useGateway({ app: { clock: () => clock.now } })
  const minutes = (n: number): number => n * 60_000

  it('ends a session after 30 minutes without activity', async () => {
    const agent = await gw().login('medewerker1')
    clock.now += minutes(29)
    expect((await agent.get('/api/me')).status).toBe(200)
    clock.now += minutes(29)
    expect((await agent.get('/api/me')).status).toBe(200)
    clock.now += minutes(31)
    expect((await agent.get('/api/me')).status).toBe(401)
  })

  it('ends an active session 12 hours after login', async () => {
    const agent = await gw().login('medewerker1')
    for (let elapsed = 0; elapsed < 12 * 60 - 20; elapsed += 20) {
      clock.now += minutes(20)
      expect((await agent.get('/api/me')).status).toBe(200)
    }
    clock.now += minutes(20)
    expect((await agent.get('/api/me')).status).toBe(401)
  })
})

describe('login rate limit', () => {
  const gw = useGateway()

  const attempt = (login: string, password: string, remoteAddress: string) =>
    gw().anonymous.request('POST', '/api/session', { body: { login, password }, remoteAddress })

  it('answers 429 problem+json after 5 attempts for one login from one address within a minute, even with the right password', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await attempt('medewerker1', 'fout', '192.0.2.20')).status).toBe(401)
    }
    const r = await attempt('medewerker1', demoPassword('medewerker1'), '192.0.2.20')
    expect(r.status).toBe(429)
    expect(r.body['code']).toBe('throttled')
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0)
    // Another agent is not locked out by it.
    expect((await attempt('medewerker2', demoPassword('medewerker2'), '192.0.2.20')).status).toBe(201)
  })

  it('does not lock a named agent out: a guesser elsewhere leaves the agent’s own address alone', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await attempt('medewerker3', 'fout', '203.0.113.66')).status).toBe(401)
    }
    expect((await attempt('medewerker3', 'fout', '203.0.113.66')).status).toBe(429)
    expect((await attempt('medewerker3', demoPassword('medewerker3'), '198.51.100.3')).status).toBe(201)
  })

  it('answers 429 after 30 attempts from one address, whatever the logins', async () => {
    const from = (i: number) =>
      gw().anonymous.request('POST', '/api/session', {
        body: { login: `gebruiker${i}`, password: 'fout' },
        remoteAddress: '192.0.2.7',
      })
    for (let i = 0; i < 30; i++) {
      expect((await from(i)).status).toBe(401)
    }
    expect((await from(30)).status).toBe(429)
  })
})
