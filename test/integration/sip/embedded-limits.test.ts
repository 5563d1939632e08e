import { createServer, type Server } from 'node:http'
import { connect as tcpConnect } from 'node:net'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createRootLogger } from '../../../server/lib/logger'
import { createSipServer } from '../../../server/sip/server'
import { SipTestClient } from '../../support/sip-client'
import { aor, embeddedFixture, until, useEmbeddedHarness } from '../../support/sip-embedded'
import { SIP_DOMAIN, startEmbedded } from '../../support/sip-servers'

// What only the embedded server does, part 2: its limits, clean-up of closed connections, and
// where it listens (own port on 127.0.0.1, or mounted on the gateway's HTTP server).
const { start, client, registered, track } = useEmbeddedHarness()
const silent = createRootLogger({ level: process.env['LOG_LEVEL'] ?? 'silent' })
const STATIC_PASSWORD = 'static-password-of-agent1'

describe('limits and clean-up', () => {
  it('closes a connection that sends a message larger than the limit', async () => {
    const server = await start({ maxMessageBytes: 4096 })
    const agent = await client(server, 'agent1')

    agent.sendRaw(`OPTIONS sip:${SIP_DOMAIN} SIP/2.0\r\nX-Pad: ${'x'.repeat(8192)}\r\n\r\n`)
    await agent.closed()

    expect(agent.isOpen).toBe(false)
  })

  it('refuses more registrations per account than allowed', async () => {
    const server = await start({ maxRegistrationsPerAccount: 2 })
    await registered(server, 'agent1')
    const second = await registered(server, 'agent1')
    const third = await client(server, 'agent1')

    const refused = await third.register()
    await second.close()
    await until(() => server.embedded!.registrations().length === 1)
    const retried = await third.register()

    expect(refused.status).toBe(403)
    expect(retried.status).toBe(200)
  })

  it('refuses an expiry below the minimum with 423 and Min-Expires', async () => {
    const server = await start({ minExpires: 60 })
    const agent = await client(server, 'agent1')

    const response = await agent.register(5)

    expect(response.status).toBe(423)
    expect(response.headers['min-expires']).toBe('60')
  })

  it('forgets registrations when they expire', async () => {
    const server = await start({ minExpires: 1, sweepIntervalMs: 100 })
    const agent = await client(server, 'agent2')
    const caller = await registered(server, 'agent1')

    expect((await agent.register(1)).status).toBe(200)
    expect(server.embedded!.registrations().map((r) => r.user)).toContain('agent2')
    await until(() => !server.embedded!.registrations().some((r) => r.user === 'agent2'), 3000)
    const call = await caller.invite(aor('agent2'))

    expect(call.final.status).toBe(480)
  })

  it('cancels the ringing branches when the caller cancels', async () => {
    const server = await start()
    const agent = await registered(server, 'agent2')
    const caller = await registered(server, 'agent1')
    let sent: Parameters<SipTestClient['cancel']>[0] | undefined

    const calling = caller.invite(aor('agent2'), { onSent: (invite) => (sent = invite) })
    const incoming = await agent.nextRequest('INVITE')
    agent.respond(incoming.message, 180, { reason: 'Ringing' })
    await until(() => sent?.headers['proxy-authorization'] !== undefined)
    const cancelled = await caller.cancel(sent!)
    const cancel = await agent.nextRequest('CANCEL')
    const call = await calling

    expect(cancelled.final.status).toBe(200)
    expect(cancel.message.headers['call-id']).toBe(incoming.message.headers['call-id'])
    expect(call.final.status).toBe(487)
  })

  it('cancels the ringing branches when the caller disconnects, and forgets everything of closed connections', async () => {
    const server = await start()
    const agent = await registered(server, 'agent2')
    const caller = await registered(server, 'agent1')

    void caller.invite(aor('agent2')).catch(() => undefined)
    const incoming = await agent.nextRequest('INVITE')
    agent.respond(incoming.message, 180, { reason: 'Ringing' })
    await until(() => server.embedded!.stats().calls === 1)
    await caller.close()
    const cancel = await agent.nextRequest('CANCEL')
    await agent.close()
    await until(() => server.embedded!.stats().connections === 0)

    expect(cancel.message.headers['call-id']).toBe(incoming.message.headers['call-id'])
    await until(() => server.embedded!.stats().calls === 0)
    expect(server.embedded!.stats()).toMatchObject({
      registrations: 0,
      transactions: 0,
      calls: 0,
      connections: 0,
    })
  })

  it('gives up ringing after the ring timeout with 480 and cancels the branches', async () => {
    const server = await start({ ringTimeoutSeconds: 1 })
    const agent = await registered(server, 'agent2')
    const caller = await registered(server, 'agent1')

    const calling = caller.invite(aor('agent2'))
    const incoming = await agent.nextRequest('INVITE')
    agent.respond(incoming.message, 180, { reason: 'Ringing' })
    const cancel = await agent.nextRequest('CANCEL', { timeoutMs: 3000 })
    const call = await calling

    expect(cancel.message.headers['call-id']).toBe(incoming.message.headers['call-id'])
    expect(call.final.status).toBe(480)
  })
})

describe('listening', () => {
  it('listens on 127.0.0.1 only', async () => {
    const server = await start()
    const port = Number(new URL(server.url).port)

    const other = await new Promise<string>((resolve) => {
      // 127.0.0.2 is loopback too: a server bound to all interfaces would accept it.
      const socket = tcpConnect(port, '127.0.0.2')
      socket.once('connect', () => {
        socket.destroy()
        resolve('connected')
      })
      socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'))
    })

    expect(server.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/$/)
    expect(other).toBe('ECONNREFUSED')
  })

  it('mounts on an existing HTTP server at a path and leaves its other requests alone', async () => {
    const http: Server = createServer((_req, res) => res.end('gateway'))
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()))
    track({ close: () => new Promise<void>((r) => http.close(() => r())) })
    const sip = await createSipServer({
      domain: SIP_DOMAIN,
      // A static account: still served, for SIP phones and tests without a gateway session.
      accounts: [{ username: 'agent1', password: STATIC_PASSWORD }],
      logger: silent,
      server: http,
      path: '/sip',
    })
    track(sip)
    const { port } = http.address() as { port: number }

    const agent = track(
      await SipTestClient.connect({
        url: sip.url,
        domain: SIP_DOMAIN,
        user: 'agent1',
        password: STATIC_PASSWORD,
      }),
    )
    const registration = await agent.register()
    const page = await (await fetch(`http://127.0.0.1:${port}/`)).text()
    const elsewhere = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/other`, 'sip')
      ws.once('open', () => resolve('open'))
      ws.once('error', () => resolve('refused'))
    })

    expect(sip.url).toBe(`ws://127.0.0.1:${port}/sip`)
    expect(registration.status).toBe(200)
    expect(page).toBe('gateway')
    expect(elsewhere).toBe('refused')
  })

  it('refuses a WebSocket that does not speak the sip subprotocol', async () => {
    const server = await start()

    const result = await new Promise<string>((resolve) => {
      const ws = new WebSocket(server.url, 'chat')
      ws.once('open', () => resolve('open'))
      ws.once('unexpected-response', (_req, res) => resolve(String(res.statusCode)))
      ws.once('error', () => resolve('error'))
    })

    expect(result).toBe('400')
  })

  it('refuses a WebSocket from an origin outside allowedOrigins', async () => {
    const server = track(await startEmbedded(embeddedFixture, { allowedOrigins: ['http://127.0.0.1:8480'] }))
    const open = (origin: string): Promise<string> =>
      new Promise((resolve) => {
        const ws = new WebSocket(server.url, 'sip', { origin })
        ws.once('open', () => {
          ws.close()
          resolve('open')
        })
        ws.once('unexpected-response', (_req, res) => resolve(String(res.statusCode)))
        ws.once('error', () => resolve('error'))
      })

    expect(await open('https://evil.example')).toBe('403')
    expect(await open('http://127.0.0.1:8480')).toBe('open')
  })
})
