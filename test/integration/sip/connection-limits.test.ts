import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { SipResponse } from 'sip'
import { SipTestClient } from '../../support/sip-client'
import {
  SIP_DOMAIN,
  sipFixture,
  startEmbedded,
  startKamailio,
  type RunningSipServer,
  type SipFixture,
} from '../../support/sip-servers'
import { bothSipServers } from '../../support/sip-suite'

// What either SIP server does against someone who is not an agent, whatever the connection:
// password guessing is limited per account and address and per address over all connections, with a
// growing block; connections that never authenticate are capped and closed; pages from other
// origins cannot open a socket. Every client here connects from its own 127.0.0.x address, so the
// limits per address are tested as they would work between different machines.
const fixture: SipFixture = sipFixture(['agent1', 'agent2', 'agent3', 'agent4'], {}, ['burger'])
const aor = (user: string): string => `sip:${user}@${SIP_DOMAIN}`

interface Limits {
  failuresPerAccount?: number
  failuresPerAddress?: number
  blockSeconds?: number
  unauthenticatedPerAddress?: number
  unauthenticatedTotal?: number
  authTimeoutSeconds?: number
  allowedOrigins?: string[]
}

const startWith = {
  embedded: (limits: Limits) =>
    startEmbedded(fixture, {
      ...(limits.allowedOrigins ? { allowedOrigins: limits.allowedOrigins } : {}),
      limits: {
        authFailuresPerAccount: limits.failuresPerAccount ?? 5,
        authFailuresPerAddress: limits.failuresPerAddress ?? 20,
        authBlockSeconds: limits.blockSeconds ?? 60,
        maxUnauthenticatedPerAddress: limits.unauthenticatedPerAddress ?? 20,
        maxUnauthenticatedConnections: limits.unauthenticatedTotal ?? 500,
        authTimeoutSeconds: limits.authTimeoutSeconds ?? 30,
      },
    }),
  kamailio: (limits: Limits) =>
    startKamailio(
      { ...fixture, ...(limits.allowedOrigins ? { allowedOrigins: limits.allowedOrigins } : {}) },
      {
        KCC_AUTH_FAILURES_PER_USER: limits.failuresPerAccount ?? 5,
        KCC_AUTH_FAILURES_PER_IP: limits.failuresPerAddress ?? 20,
        KCC_AUTH_BLOCK: limits.blockSeconds ?? 60,
        KCC_UNAUTH_PER_IP: limits.unauthenticatedPerAddress ?? 20,
        KCC_UNAUTH_TOTAL: limits.unauthenticatedTotal ?? 500,
        KCC_AUTH_TIMEOUT: limits.authTimeoutSeconds ?? 30,
      },
    ),
}

const retryAfter = (response: SipResponse): number => Number(String(response.headers['retry-after'] ?? ''))
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Resolves when `client`'s connection closes, or with false after `ms`. */
const closesWithin = (client: SipTestClient, ms: number): Promise<boolean> =>
  Promise.race([client.closed().then(() => true), sleep(ms).then(() => false)])

/** The HTTP status of a WebSocket handshake with `origin` (or 101 when it opens). */
function handshake(url: string, origin?: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, 'sip', origin ? { origin } : {})
    ws.once('open', () => {
      ws.close()
      resolve(101)
    })
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    ws.once('error', () => resolve(0))
  })
}

describe.each(bothSipServers)('$name', ({ kind }) => {
  const running: Array<{ close(): Promise<void> }> = []
  afterEach(async () => {
    for (const item of running.splice(0).reverse()) {
      await item.close()
    }
  })
  const start = async (limits: Limits = {}): Promise<RunningSipServer> => {
    const server = await startWith[kind](limits)
    running.push(server)
    return server
  }
  const connect = async (
    server: RunningSipServer,
    user: string,
    from: string,
    password: string | undefined = fixture.credentials[user]?.password ?? fixture.guests?.[user],
  ): Promise<SipTestClient> => {
    const client = await SipTestClient.connect({
      url: server.url,
      domain: SIP_DOMAIN,
      user,
      authUser: fixture.credentials[user]?.authUser ?? user,
      password,
      localAddress: from,
    })
    running.push(client)
    return client
  }
  /** One wrong password per fresh connection, as a guesser spreading attempts does. */
  const guess = async (server: RunningSipServer, user: string, from: string): Promise<SipResponse> => {
    const guesser = await connect(server, user, from, `wrong-${Math.random()}`)
    const response = await guesser.register()
    await guesser.close()
    return response
  }

  describe('password guessing', () => {
    it('refuses an account from an address that guessed wrong too often, over fresh connections; the account works from elsewhere', async () => {
      const server = await start({ failuresPerAccount: 3 })

      const guesses = [
        await guess(server, 'agent1', '127.0.0.2'),
        await guess(server, 'agent1', '127.0.0.2'),
        await guess(server, 'agent1', '127.0.0.2'),
      ]
      const rightPasswordSameAddress = await (await connect(server, 'agent1', '127.0.0.2')).register()
      const otherAddress = await (await connect(server, 'agent1', '127.0.0.3')).register()
      const otherAccountSameAddress = await (await connect(server, 'agent2', '127.0.0.2')).register()

      expect(guesses.map((r) => r.status)).toEqual([403, 403, 403])
      expect(rightPasswordSameAddress.status).toBe(403)
      expect(retryAfter(rightPasswordSameAddress)).toBeGreaterThan(0)
      expect(otherAddress.status).toBe(200)
      expect(otherAccountSameAddress.status).toBe(200)
    })

    it('refuses an address that guesses across many accounts, while those accounts work from elsewhere', async () => {
      const server = await start({ failuresPerAccount: 3, failuresPerAddress: 6 })

      for (const user of ['agent1', 'agent2', 'agent3', 'agent1', 'agent2', 'agent3']) {
        expect((await guess(server, user, '127.0.0.4')).status).toBe(403)
      }
      const untouchedAccount = await (await connect(server, 'agent4', '127.0.0.4')).register()
      const fromElsewhere = await (await connect(server, 'agent4', '127.0.0.5')).register()

      expect(untouchedAccount.status).toBe(403)
      expect(retryAfter(untouchedAccount)).toBeGreaterThan(0)
      expect(fromElsewhere.status).toBe(200)
    })

    it('lifts a block after its time, and blocks the next run of failures twice as long', async () => {
      const server = await start({ failuresPerAccount: 2, blockSeconds: 2 })

      await guess(server, 'agent3', '127.0.0.6')
      await guess(server, 'agent3', '127.0.0.6')
      const first = await guess(server, 'agent3', '127.0.0.6')
      await sleep(retryAfter(first) * 1000 + 300)
      const afterwards = await guess(server, 'agent3', '127.0.0.6')
      await guess(server, 'agent3', '127.0.0.6')
      const second = await guess(server, 'agent3', '127.0.0.6')

      expect(first.reason).toBe('Too Many Failed Authentications')
      expect(retryAfter(first)).toBeLessThanOrEqual(2)
      expect(afterwards.reason).toBe('Forbidden')
      expect(second.reason).toBe('Too Many Failed Authentications')
      expect(retryAfter(second)).toBeGreaterThan(2)
      expect(retryAfter(second)).toBeLessThanOrEqual(4)
    })
  })

  describe('connections that do not authenticate', () => {
    it('refuses more of them from one address than allowed, and stops counting one once it authenticates', async () => {
      const server = await start({ unauthenticatedPerAddress: 3 })

      const open = [
        await connect(server, 'agent1', '127.0.0.7'),
        await connect(server, 'agent2', '127.0.0.7'),
        await connect(server, 'agent3', '127.0.0.7'),
      ]
      const fourth = await connect(server, 'agent4', '127.0.0.7').catch((e: Error) => e.message)
      const otherAddress = await connect(server, 'agent4', '127.0.0.8')
      expect((await open[0]!.register()).status).toBe(200)
      const afterRegistering = await connect(server, 'agent4', '127.0.0.7')

      expect(fourth).toMatch(/websocket refused: 503/)
      expect(otherAddress.isOpen).toBe(true)
      expect(afterRegistering.isOpen).toBe(true)
    })

    it('refuses more of them in total than allowed', async () => {
      const server = await start({ unauthenticatedPerAddress: 3, unauthenticatedTotal: 4 })

      for (const from of ['127.0.0.9', '127.0.0.9', '127.0.0.10', '127.0.0.10']) {
        await connect(server, 'agent1', from)
      }
      const fifth = await connect(server, 'agent1', '127.0.0.11').catch((e: Error) => e.message)

      expect(fifth).toMatch(/websocket refused: 503/)
    })

    it("closes one that has not authenticated in time, but neither an agent's nor a calling guest's", async () => {
      const server = await start({ authTimeoutSeconds: 2 })
      const agent = await connect(server, 'agent1', '127.0.0.12')
      expect((await agent.register()).status).toBe(200)
      const idle = await connect(server, 'agent2', '127.0.0.13')
      const guest = await connect(server, 'burger', '127.0.0.14')

      const calling = guest.invite(aor('agent1'))
      agent.answer((await agent.nextRequest('INVITE')).message)
      const call = await calling
      const idleClosed = await closesWithin(idle, 6000)
      await sleep(1500)

      expect(call.final.status).toBe(200)
      expect(idleClosed).toBe(true)
      expect(agent.isOpen).toBe(true)
      expect(guest.isOpen).toBe(true)
      const bye = call.dialog!.request('BYE')
      agent.respond((await agent.nextRequest('BYE')).message, 200)
      expect((await bye).status).toBe(200)
    })
  })

  describe('origins', () => {
    it('refuses a handshake from a page on another origin with 403, and accepts an allowed origin and clients without one', async () => {
      const server = await start({ allowedOrigins: ['app://kcc'] })

      expect(await handshake(server.url, 'https://evil.example')).toBe(403)
      expect(await handshake(server.url, 'app://kcc')).toBe(101)
      expect(await handshake(server.url)).toBe(101)
    })

    it('refuses a page on another origin when no origins are configured', async () => {
      const server = await start()

      expect(await handshake(server.url, 'https://evil.example')).toBe(403)
    })
  })
})

describe('embedded SIP server only', () => {
  const running: Array<{ close(): Promise<void> }> = []
  afterEach(async () => {
    for (const item of running.splice(0).reverse()) {
      await item.close()
    }
  })

  it('accepts pages of its own origin without configuration', async () => {
    const server = await startEmbedded(fixture)
    running.push(server)
    const { port } = new URL(server.url)

    expect(await handshake(server.url, `http://127.0.0.1:${port}`)).toBe(101)
    expect(await handshake(server.url, `http://localhost:${port}`)).toBe(101)
    expect(await handshake(server.url, `http://127.0.0.1:${Number(port) + 1}`)).toBe(403)
  })

  it("closes a guest's connection once its call has ended and the time is up", async () => {
    const server = await startEmbedded(fixture, { guests: ['burger'], limits: { authTimeoutSeconds: 1 } })
    running.push(server)
    const agent = await SipTestClient.connect({
      url: server.url,
      domain: SIP_DOMAIN,
      user: 'agent1',
      ...fixture.credentials['agent1'],
    })
    const guest = await SipTestClient.connect({ url: server.url, domain: SIP_DOMAIN, user: 'burger' })
    running.push(agent, guest)
    expect((await agent.register()).status).toBe(200)

    const calling = guest.invite(aor('agent1'))
    agent.answer((await agent.nextRequest('INVITE')).message)
    const call = await calling
    const closedDuringCall = await closesWithin(guest, 2500)
    const bye = call.dialog!.request('BYE')
    agent.respond((await agent.nextRequest('BYE')).message, 200)
    await bye
    const closedAfterCall = await closesWithin(guest, 4000)

    expect(closedDuringCall).toBe(false)
    expect(closedAfterCall).toBe(true)
  })
})
