import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { startKccServer, type KccServer } from '../../server/compose/kcc-server'
import { loadGatewayConfig } from '../../server/gateway/config/load'
import { createRootLogger } from '../../server/lib/logger'
import { startNginx, type RunningNginx } from '../support/nginx'
import { freePort } from '../support/sip-servers'
import { makeTestCa, type TestCa } from '../support/test-ca'
import { CALLER_ROOT, DEMO_CONFIG, demoPassword, WEB_ROOT } from './support/kcc-rig'
import { expectReady } from './support/pages'
import { phone } from './support/transfer-flow'
import { expectAudioBothWays, trackPeerConnections } from './support/webrtc-stats'

/**
 * The agent app as a municipality serves it: behind Debian's nginx with deploy/nginx/kcc.conf,
 * terminating TLS with a certificate from a CA this test made. The agent signs in at the proxy's
 * https origin; the app's API calls, its live socket and its softphone's SIP WebSocket all go
 * through nginx to a gateway on plain loopback HTTP that trusts nginx's forwarding headers. A
 * citizen then calls the KCC (the demo caller page, straight to the gateway as a phone line would
 * reach the PBX) and the agent answers; audio flows both ways.
 *
 * Chromium trusts the test's certificate by its public key only
 * (`--ignore-certificate-errors-spki-list`), so a proxy serving another certificate fails the test.
 */
interface Deployment {
  ca: TestCa
  server: KccServer
  nginx: RunningNginx
  browser: Browser
  close(): Promise<void>
}

async function deploy(launch: (args: string[]) => Promise<Browser>): Promise<Deployment> {
  const ca = makeTestCa()
  const dir = mkdtempSync(join(tmpdir(), 'kcc-e2e-proxy-'))
  const cleanups: Array<() => Promise<unknown>> = [
    async () => rmSync(dir, { recursive: true, force: true }),
    async () => ca.remove(),
  ]
  const close = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch(() => undefined)
    }
  }
  try {
    const httpsPort = await freePort()
    const config = await loadGatewayConfig(DEMO_CONFIG, {})
    const server = await startKccServer({
      config: {
        ...config,
        port: 0,
        dataDir: join(dir, 'data'),
        trustedProxies: ['127.0.0.1'],
        // The public SIP URL, on nginx: the gateway hands it to the softphones as it is.
        sip: { ...config.sip, websocketUrl: `wss://127.0.0.1:${httpsPort}/sip` },
      },
      logger: createRootLogger({ level: process.env['LOG_LEVEL'] ?? 'silent' }),
      providerToken: 'reverse-proxy-e2e-token-0123456789',
      webRoot: WEB_ROOT,
      callerRoot: CALLER_ROOT,
    })
    cleanups.push(() => server.close())
    const nginx = await startNginx({ upstream: new URL(server.url).host, ca, httpsPort })
    cleanups.push(() => nginx.close())
    const browser = await launch([`--ignore-certificate-errors-spki-list=${ca.spkiSha256}`])
    cleanups.push(() => browser.close())
    return { ca, server, nginx, browser, close }
  } catch (error) {
    await close()
    throw error
  }
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext()
  await trackPeerConnections(context)
  return context.newPage()
}

test('an agent signs in through nginx over TLS and answers a call', async ({ playwright, launchOptions }) => {
  for (const build of [WEB_ROOT, CALLER_ROOT]) {
    expect(
      existsSync(join(build, 'index.html')),
      `${build} is built (npm run build, npm run build:caller)`,
    ).toBe(true)
  }
  // A browser of its own: the project's Chromium with one more flag, trusting the test's key.
  const deployment = await deploy((args) =>
    playwright.chromium.launch({ ...launchOptions, args: [...(launchOptions.args ?? []), ...args] }),
  )
  try {
    const { browser, nginx, server } = deployment
    const agent = await newPage(browser)
    const sockets: string[] = []
    agent.on('websocket', (socket) => sockets.push(socket.url()))

    const answer = await agent.goto(`${nginx.url}/`)
    expect(answer?.headers()['strict-transport-security']).toBe('max-age=31536000')
    expect(await answer?.securityDetails()).toMatchObject({ subjectName: '127.0.0.1', issuer: 'KCC test CA' })
    await agent.getByLabel('Gebruikersnaam').fill('medewerker1')
    await agent.getByLabel('Wachtwoord').fill(demoPassword('medewerker1'))
    await agent.getByRole('button', { name: 'Inloggen' }).click()
    await expectReady(agent)
    const publicWs = nginx.url.replace('https:', 'wss:')
    expect(sockets).toEqual(expect.arrayContaining([`${publicWs}/api/live`, `${publicWs}/sip`]))

    const caller = await newPage(browser)
    // The citizen's phone reaches the SIP server directly, as a phone line reaches the PBX.
    const query = new URLSearchParams({
      server: `${server.url.replace('http:', 'ws:')}/sip`,
      target: 'kcc',
      user: 'burger',
    })
    await caller.goto(`${server.url}/caller/?${query.toString()}`)
    await caller.getByRole('button', { name: 'Bellen' }).click()

    await expect(
      agent.getByTestId('ringing-call').getByRole('heading', { name: 'Inkomend gesprek' }),
    ).toBeVisible()
    await phone(agent).getByRole('button', { name: 'Opnemen' }).click()
    await expect(caller.getByRole('status')).toHaveText(/In gesprek/)
    await expectAudioBothWays(agent, caller)
  } finally {
    await deployment.close()
  }
})
