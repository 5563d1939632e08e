import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { capturedLogger } from '../../support/logs'
import { SipTestClient } from '../../support/sip-client'
import { SIP_DOMAIN, sipFixture, type SipFixture } from '../../support/sip-servers'
import { bothSipServers, sipServerForSuite } from '../../support/sip-suite'
import { fuzzSettings } from '../fuzz/settings'
import { fuzzFrame, type FuzzFrame } from './fuzz-frames'

// Random and mutated frames on the SIP socket, from a connection that never authenticates and from
// one that calls as the guest, against both servers: whatever arrives, the server keeps running,
// logs no error, and two registered agents can still call each other and register again.
const fixture: SipFixture = sipFixture(['agent1', 'agent2'], {}, ['burger'])
const settings = fuzzSettings(200)
const aor = (user: string): string => `sip:${user}@${SIP_DOMAIN}`

/** A raw connection that opens again whenever the server closed it (junk closes it). */
class Sender {
  private ws: WebSocket | undefined
  constructor(
    private readonly url: string,
    private readonly localAddress: string,
  ) {}

  async send(frame: FuzzFrame): Promise<void> {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) {
      this.ws?.terminate()
      this.ws = await this.open()
    }
    if (this.ws) {
      this.ws.send(frame.data, { binary: frame.binary })
    }
  }

  private open(): Promise<WebSocket | undefined> {
    const ws = new WebSocket(this.url, 'sip', { localAddress: this.localAddress })
    return new Promise((resolve) => {
      ws.once('open', () => resolve(ws))
      // Refused (too many unauthenticated connections from this address): skip this frame.
      ws.once('unexpected-response', () => resolve(undefined))
      ws.once('error', () => resolve(undefined))
    })
  }

  close(): void {
    this.ws?.terminate()
  }
}

describe.each(bothSipServers)('SIP socket fuzz on the $name', ({ kind }) => {
  const { logger, lines: logs } = capturedLogger('warn')
  const server = sipServerForSuite(kind, fixture, { embedded: { guests: ['burger'], logger } })
  const clients: SipTestClient[] = []
  const connect = async (user: string): Promise<SipTestClient> => {
    const client = await SipTestClient.connect({
      url: server().url,
      domain: SIP_DOMAIN,
      user,
      ...fixture.credentials[user],
    })
    clients.push(client)
    return client
  }

  // Registered after the server's afterAll, so it runs first (vitest runs after-hooks as a stack).
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()))
  })

  const healthy = (): boolean =>
    (server().alive?.() ?? true) && !logs.some((line) => (JSON.parse(line) as { level: number }).level >= 50)

  it(
    'stays up without errors, and registered agents can still call each other and register again',
    async () => {
      const caller = await connect('agent1')
      const callee = await connect('agent2')
      expect((await caller.register()).status).toBe(200)
      expect((await callee.register()).status).toBe(200)
      const outsider = new Sender(server().url, '127.0.0.2')
      const guest = new Sender(server().url, '127.0.0.3')

      try {
        await fc.assert(
          fc.asyncProperty(fuzzFrame, fc.boolean(), async (frame, asGuest) => {
            await (asGuest ? guest : outsider).send(frame)
            await new Promise((resolve) => setTimeout(resolve, 2))
            return healthy()
          }),
          { seed: settings.seed, numRuns: settings.runs },
        )
      } finally {
        outsider.close()
        guest.close()
      }

      const calling = caller.invite(aor('agent2'))
      const incoming = await callee.nextRequest('INVITE', {
        match: (r) => String(r.headers.from.uri).startsWith(aor('agent1')),
      })
      callee.answer(incoming.message)
      const call = await calling
      const again = await callee.register()

      expect(call.final.status).toBe(200)
      expect(again.status).toBe(200)
      expect(healthy()).toBe(true)
    },
    settings.timeoutMs,
  )
})
