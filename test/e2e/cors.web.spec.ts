import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { startKccServer, type KccServer } from '../../server/compose/kcc-server'
import { loadGatewayConfig } from '../../server/gateway/config/load'
import { createRootLogger } from '../../server/lib/logger'

/**
 * Cross-origin access as Chromium enforces it (docs/gateway.md, "Cross-origin access"): a page of
 * an origin in `appOrigins` signs in and reads the API across origins, preflights included; a page
 * of any other origin cannot read an answer. The real composed server; two small pages of their
 * own origins (two loopback ports).
 */
const DEMO_CONFIG = new URL('../../config/kcc.demo.json', import.meta.url).pathname

async function pageServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    response.end('<!doctype html><title>Andere herkomst</title>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

/** In the page: signs in as medewerker1 and asks who that is; the error's name when it fails. */
function signInFrom(page: Page, gatewayUrl: string): Promise<{ login?: string; error?: string }> {
  return page.evaluate(async (gateway) => {
    try {
      const session = await fetch(`${gateway}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'medewerker1', password: 'welkom-medewerker1' }),
      })
      const { token } = (await session.json()) as { token: string }
      const me = await fetch(`${gateway}/api/me`, { headers: { authorization: `Bearer ${token}` } })
      return { login: ((await me.json()) as { login: string }).login }
    } catch (error) {
      return { error: (error as Error).name }
    }
  }, gatewayUrl)
}

test.describe('the API across origins', () => {
  let kcc: KccServer
  let allowed: { server: Server; origin: string }
  let other: { server: Server; origin: string }
  let dataDir: string

  test.beforeAll(async () => {
    allowed = await pageServer()
    other = await pageServer()
    dataDir = mkdtempSync(join(tmpdir(), 'kcc-cors-'))
    const config = await loadGatewayConfig(DEMO_CONFIG, { KCC_APP_ORIGINS: allowed.origin })
    kcc = await startKccServer({
      config: { ...config, port: 0, dataDir },
      logger: createRootLogger({ level: 'warn', destination: { write: () => undefined } }),
      providerToken: 'cors-spec-provider-token-0123456789',
    })
  })

  test.afterAll(async () => {
    await kcc.close()
    allowed.server.close()
    other.server.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  test('a page of a configured app origin signs in and reads the API', async ({ page }) => {
    await page.goto(`${allowed.origin}/`)
    expect(await signInFrom(page, kcc.url)).toEqual({ login: 'medewerker1' })
  })

  test('a page of another origin cannot read the API', async ({ page }) => {
    await page.goto(`${other.origin}/`)
    expect(await signInFrom(page, kcc.url)).toEqual({ error: 'TypeError' })
  })
})
