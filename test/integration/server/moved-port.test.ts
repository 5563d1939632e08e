import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SipTestClient } from '../../support/sip-client'
import { DEMO_CONFIG, demoPassword } from '../../support/gateway'
import { freePort, startServerProcess, type ServerProcess } from './server-process'

/**
 * `KCC_PORT=… npm run server` moves everything: the gateway, the embedded SIP server on its /sip
 * path, and the SIP WebSocket URL the gateway hands to softphones, even while the port the
 * configuration file names is taken by something else.
 */
describe('the server moved to another port by KCC_PORT', () => {
  let dir: string
  let occupier: Server
  let configuredPort: number
  let port: number
  let server: ServerProcess | undefined

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kcc-moved-'))
    // The demo configuration as shipped, but naming a port this test holds (as if another program
    // had it), instead of 8480 that a developer's own server may be using.
    occupier = createServer()
    await new Promise<void>((resolve) => occupier.listen(0, '127.0.0.1', resolve))
    configuredPort = (occupier.address() as { port: number }).port
    const demo = JSON.parse(readFileSync(DEMO_CONFIG, 'utf8')) as { sip: Record<string, unknown> }
    const config = join(dir, 'kcc.json')
    writeFileSync(
      config,
      JSON.stringify({
        ...demo,
        port: configuredPort,
        sip: { ...demo.sip, websocketUrl: `ws://127.0.0.1:${configuredPort}/sip` },
      }),
    )
    port = await freePort()
    server = await startServerProcess({
      KCC_CONFIG: config,
      KCC_PORT: String(port),
      KCC_DATA_DIR: join(dir, 'data'),
    })
  })
  afterAll(async () => {
    await server?.stop()
    await new Promise<void>((resolve) => occupier.close(() => resolve()))
    rmSync(dir, { recursive: true, force: true })
  })

  it('hands softphones the SIP WebSocket URL on the new port, and a SIP client registers there', async () => {
    expect(server!.url).toBe(`http://127.0.0.1:${port}`)
    const login = await fetch(`${server!.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'medewerker1', password: demoPassword('medewerker1') }),
    })
    expect(login.status).toBe(201)
    const { token } = (await login.json()) as { token: string }
    const softphone = await fetch(`${server!.url}/api/softphone`, {
      headers: { authorization: `Bearer ${token}` },
    })
    const account = (await softphone.json()) as {
      websocketUrl: string
      domain: string
      extension: string
      authorizationUsername: string
      password: string
    }
    expect(account.websocketUrl).toBe(`ws://127.0.0.1:${port}/sip`)

    const phone = await SipTestClient.connect({
      url: account.websocketUrl,
      domain: account.domain,
      user: account.extension,
      authUser: account.authorizationUsername,
      password: account.password,
    })
    try {
      expect((await phone.register()).status).toBe(200)
    } finally {
      await phone.close()
    }
  })

  it('says where the SIP server is when it starts', () => {
    expect(server!.sipLine).toContain(`ws://127.0.0.1:${port}/sip`)
  })
})
