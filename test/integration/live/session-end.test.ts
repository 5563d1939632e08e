import { afterEach, describe, expect, it } from 'vitest'
import { LiveCloseCode } from '../../../shared/live/protocol'
import type { GatewayApp } from '../../../server/gateway/app'
import { PasswordAuthenticator } from '../../../server/gateway/auth/authenticator'
import { demoPassword, useGateway, type TestGateway } from '../../support/gateway'
import { LiveClient } from './support'

/**
 * The live socket lives as long as its session, on the real gateway's sessions (SQLite or
 * PostgreSQL): logout, expiry and an agent removed from the configuration close every socket of
 * the session with 4401, whether this instance or another one ended it, and nothing is sent after.
 * Each socket's subscription is audited.
 */
const cleanup: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) {
    await step()
  }
})

const clock = { now: Date.parse('2026-03-02T08:00:00Z') }
const minutes = (n: number): number => n * 60_000

/** A gateway instance, with the live socket the gateway serves itself, listening on a free port. */
async function liveInstance(
  gw: TestGateway,
  options: { sessionCheckMs?: number } = {},
): Promise<{ gateway: GatewayApp; url: string; publish(login: string): Promise<unknown> }> {
  const gateway = await gw.startInstance({
    presenceGraceMs: 60_000,
    ...(options.sessionCheckMs ? { liveSocket: { sessionCheckMs: options.sessionCheckMs } } : {}),
  })
  const address = await gateway.app.listen({ host: '127.0.0.1', port: 0 })
  const { hub } = gateway.live
  return {
    gateway,
    url: `${address.replace('http', 'ws')}/api/live`,
    publish: (login) => hub.publish({ type: 'agent.state', login, afdeling: 'kcc', state: 'pauze' }),
  }
}

async function login(gateway: GatewayApp, who: string): Promise<string> {
  const r = await gateway.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { login: who, password: demoPassword(who) },
  })
  expect(r.statusCode).toBe(201)
  return (r.json() as { token: string }).token
}

async function subscribed(url: string, token: string): Promise<LiveClient> {
  const client = await LiveClient.open(url)
  cleanup.push(() => client.close())
  client.send({ type: 'auth', token })
  client.send({ type: 'snapshot' })
  await client.nextOf('welcome')
  await client.nextOf('snapshot')
  return client
}

/** The code the socket was closed with; bounded, so a socket that stays open fails the test. */
const closeCode = (client: LiveClient): Promise<number | 'still open'> =>
  Promise.race([
    client.closed.then((c) => c.code),
    new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), 5_000)),
  ])

const logout = (app: GatewayApp['app'], token: string) =>
  app.inject({ method: 'DELETE', url: '/api/session', headers: { authorization: `Bearer ${token}` } })

describe('a live socket whose session ends', () => {
  const gw = useGateway({ app: { clock: () => clock.now } })

  it('closes with 4401 at logout, every socket of the session, and sends nothing after', async () => {
    // No periodic check within the test: the logout itself must close the sockets.
    const live = await liveInstance(gw(), { sessionCheckMs: 600_000 })
    const token = await login(live.gateway, 'medewerker1')
    const [first, second] = [await subscribed(live.url, token), await subscribed(live.url, token)]
    const supervisor = await subscribed(live.url, await login(live.gateway, 'supervisor'))

    expect((await logout(live.gateway.app, token)).statusCode).toBe(204)
    expect(await closeCode(first)).toBe(LiveCloseCode.unauthenticated)
    expect(await closeCode(second)).toBe(LiveCloseCode.unauthenticated)
    await live.publish('medewerker1')
    // Another agent's socket is not touched.
    expect(await supervisor.nextEvent()).toMatchObject({ type: 'agent.state', login: 'medewerker1' })
  })

  it('closes with 4401 when another gateway instance ended the session', async () => {
    const live = await liveInstance(gw(), { sessionCheckMs: 50 })
    const token = await login(live.gateway, 'medewerker1')
    const client = await subscribed(live.url, token)
    expect((await logout(gw().app, token)).statusCode).toBe(204)
    expect(await closeCode(client)).toBe(LiveCloseCode.unauthenticated)
  })

  it('answers no snapshot once the session has ended, even before a periodic check', async () => {
    const live = await liveInstance(gw(), { sessionCheckMs: 600_000 })
    const token = await login(live.gateway, 'medewerker1')
    const client = await subscribed(live.url, token)
    // Ended by another instance: this one has not heard of it.
    await logout(gw().app, token)
    client.send({ type: 'snapshot' })
    expect(await closeCode(client)).toBe(LiveCloseCode.unauthenticated)
    await expect(client.next()).rejects.toThrow(/closed/)
  })

  it('closes with 4401 when the session expires, and keeps an agent who uses the socket logged in', async () => {
    const live = await liveInstance(gw(), { sessionCheckMs: 50 })
    const idle = await subscribed(live.url, await login(live.gateway, 'medewerker1'))
    const busyToken = await login(live.gateway, 'medewerker3')
    const busy = await subscribed(live.url, busyToken)
    clock.now += minutes(20)
    busy.send({ type: 'state', state: 'beschikbaar' })
    await busy.nextEvent()
    clock.now += minutes(15)
    expect(await closeCode(idle)).toBe(LiveCloseCode.unauthenticated)
    // The periodic checks alone did not keep the idle one alive; the command kept the busy one.
    busy.send({ type: 'ping' })
    expect(await busy.next()).toEqual({ type: 'pong', serverTime: expect.any(String) })
    const me = await live.gateway.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${busyToken}` },
    })
    expect(me.statusCode).toBe(200)
  })

  it('closes with 4401 when the agent was removed from the configuration', async () => {
    const live = await liveInstance(gw(), { sessionCheckMs: 50 })
    const token = await login(live.gateway, 'medewerker1')
    const client = await subscribed(live.url, token)
    const without = await gw().startInstance({
      authenticator: new PasswordAuthenticator(gw().config.agents.filter((a) => a.login !== 'medewerker1')),
    })
    const me = await without.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${token}` },
    })
    expect(me.statusCode).toBe(401)
    expect(await closeCode(client)).toBe(LiveCloseCode.unauthenticated)
  })
})

describe('the audit of live sockets', () => {
  const gw = useGateway()

  it('records who subscribed to which events, and a refused token', async () => {
    const live = await liveInstance(gw())
    await subscribed(live.url, await login(live.gateway, 'medewerker1'))
    await subscribed(live.url, await login(live.gateway, 'supervisor'))
    const refused = await LiveClient.open(live.url)
    cleanup.push(() => refused.close())
    refused.send({ type: 'auth', token: 'x'.repeat(43) })
    expect(await closeCode(refused)).toBe(LiveCloseCode.unauthenticated)

    const rows = await live.gateway.storage.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'live.abonneren')
      .orderBy('id')
      .execute()
    expect(rows.map((r) => [r.actor, r.result, Number(r.status), r.detail, r.origin])).toEqual([
      ['medewerker1', 'ok', 101, 'eigen', '127.0.0.1'],
      ['supervisor', 'ok', 101, 'alle-medewerkers', '127.0.0.1'],
      [null, 'denied', 4401, 'ongeldige-sessie', '127.0.0.1'],
    ])
    expect(rows.every((r) => r.request_id !== null)).toBe(true)
  })
})
