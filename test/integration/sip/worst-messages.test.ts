import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createRootLogger } from '../../../server/lib/logger'
import { aor, embeddedFixture, useEmbeddedHarness } from '../../support/sip-embedded'
import { SIP_DOMAIN, startEmbedded } from '../../support/sip-servers'

// The `sip` package's parser takes time quadratic in some inputs (a third of a second for 64 KiB of
// whitespace); server/sip/frame-guard.ts refuses what cannot be SIP before it gets there.
// docs/benchmarks.md has the times (`npm run bench:sip`).
const { client, registered, track } = useEmbeddedHarness()
const WHITESPACE = Buffer.alloc(64 * 1024, ' ')

async function open(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url, 'sip', { localAddress: '127.0.0.2' })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  return ws
}

/** The close code, or undefined if the server did not close within `ms`. */
function closeCode(ws: WebSocket, ms = 5000): Promise<number | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms)
    ws.once('close', (code) => {
      clearTimeout(timer)
      resolve(code)
    })
  })
}

describe('messages that cannot be SIP', () => {
  it('are refused before parsing, and the third closes the connection with a warning that does not echo it', async () => {
    const logs: string[] = []
    const logger = createRootLogger({
      level: 'warn',
      destination: { write: (line: string) => void logs.push(line) },
    })
    const server = track(await startEmbedded(embeddedFixture, { logger }))
    const ws = await open(server.url)
    const closed = closeCode(ws)

    ws.send(WHITESPACE)
    ws.send(`OPTIONS sip:${SIP_DOMAIN} SIP/2.0\r\nsecret-looking junk without an end`)
    ws.send(WHITESPACE)

    expect(await closed).toBe(1008)
    expect(logs).toHaveLength(1)
    expect(JSON.parse(logs[0]!)).toMatchObject({
      level: 40,
      msg: 'sip websocket closed: messages that are not SIP',
    })
    expect(logs[0]).not.toContain('secret-looking')
  })

  it('do not count a CRLF keep-alive, which leaves the connection open', async () => {
    const server = track(await startEmbedded(embeddedFixture))
    const agent = await registered(server, 'agent1')

    for (let i = 0; i < 5; i++) {
      agent.sendRaw('\r\n\r\n')
    }
    const again = await agent.register()

    expect(again.status).toBe(200)
    expect(agent.isOpen).toBe(true)
  })

  it('leave a registered agent reachable while one connection keeps sending them', async () => {
    const server = track(await startEmbedded(embeddedFixture))
    const callee = await registered(server, 'agent2')
    const caller = await client(server, 'agent1')
    let closedForJunk = 0
    const flood = (async () => {
      for (let sent = 0; sent < 21;) {
        const ws = await open(server.url)
        const closed = closeCode(ws)
        for (let i = 0; i < 3; i++, sent++) {
          ws.send(WHITESPACE)
        }
        if ((await closed) === 1008) {
          closedForJunk++
        }
      }
    })()

    const calling = caller.invite(aor('agent2'))
    const incoming = await callee.nextRequest('INVITE')
    callee.respond(incoming.message, 486, { reason: 'Busy Here' })
    const call = await calling
    await flood

    expect(call.final.status).toBe(486)
    expect(closedForJunk).toBe(7)
  })
})
