import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PartijLookupView } from '../../../shared/gateway/api'
import { buildGatewayApp, type GatewayApp } from '../../../server/gateway/app'
import { loadGatewayConfig } from '../../../server/gateway/config/load'
import { buildProviderApp, type ProviderApp } from '../../../server/klantinteracties/app'
import { createDigitaalAdres, createPartij, persoon } from '../../support/builders'
import { DEMO_CONFIG, demoPassword } from '../../support/gateway'
import { capturedLogger } from '../../support/logs'
import { BASE, ProviderClient } from '../../support/provider-client'
import { ENGINE, PG_URL, TEST_TOKEN } from '../../support/provider'

/**
 * A citizen's phone number travels in query strings: the agent app's `GET /api/partijen?telefoonnummer=`
 * and the gateway's `GET /digitaleadressen?adres=` to the register. Neither the gateway's nor the
 * provider's operational log may hold it (AVG art. 5(1)(c); NL API Design Rules API-58), at any
 * level, in request lines, upstream call lines or error lines.
 */
const NUMBER = '0612345678'
/** The national significant digits: in the log in any spelling (0…, +31…, 0031…) they would show. */
const DIGITS = '612345678'

describe('the operational log of a partij search through gateway and provider', () => {
  const { logger, lines } = capturedLogger('trace')
  const dir = mkdtempSync(join(tmpdir(), 'kcc-logs-'))
  const schema = `l_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`
  let provider: ProviderApp
  let gateway: GatewayApp

  beforeAll(async () => {
    provider = await buildProviderApp(
      {
        tokens: [TEST_TOKEN],
        sqliteFile: join(dir, 'klantinteracties.sqlite'),
        databaseUrl: ENGINE === 'postgres' ? PG_URL : undefined,
        databaseSchema: ENGINE === 'postgres' ? `${schema}_p` : undefined,
        generateNummer: true,
        host: '127.0.0.1',
        port: 0,
      },
      logger.child({ scope: 'provider' }),
    )
    await provider.app.listen({ host: '127.0.0.1', port: 0 })
    const port = (provider.app.server.address() as AddressInfo).port
    gateway = await buildGatewayApp({
      config: {
        ...(await loadGatewayConfig(DEMO_CONFIG, {})),
        dataDir: dir,
        ...(ENGINE === 'postgres' ? { database: { url: PG_URL, schema: `${schema}_g` } } : {}),
        klantinteracties: { mode: 'embedded' },
      },
      logger,
      provider: { baseUrl: `http://127.0.0.1:${port}${BASE}`, token: TEST_TOKEN },
    })
    const register = new ProviderClient(provider.app)
    const jan = await createPartij(register, persoon('Jan'))
    await createDigitaalAdres(register, {
      soortDigitaalAdres: 'telefoonnummer',
      adres: NUMBER,
      verstrektDoorPartij: { uuid: jan.uuid },
    })
  })

  afterAll(async () => {
    await gateway.storage.dropSchema()
    await gateway.app.close()
    if (ENGINE === 'postgres') {
      await sql`drop schema if exists ${sql.id(`${schema}_p`)} cascade`.execute(provider.storage.db)
    }
    await provider.app.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('holds the caller’s number nowhere, though the search found the partij', async () => {
    const login = await gateway.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { login: 'medewerker1', password: demoPassword('medewerker1') },
    })
    const token = (login.json() as { token: string }).token
    lines.length = 0
    const search = await gateway.app.inject({
      method: 'GET',
      url: `/api/partijen?telefoonnummer=${NUMBER}`,
      headers: { authorization: `Bearer ${token}` },
    })
    expect(search.statusCode).toBe(200)
    expect((search.json() as PartijLookupView).results).toEqual([
      { uuid: expect.any(String), naam: 'Jan de Vries' },
    ])
    // The log did see the requests: the provider's request lines are there, by path.
    expect(lines.some((line) => line.includes('/digitaleadressen'))).toBe(true)
    expect(lines.some((line) => line.includes('/api/partijen'))).toBe(true)
    expect(lines.filter((line) => line.includes(DIGITS))).toEqual([])
  })

  it('holds no query string of a request the provider refuses or does not know', async () => {
    lines.length = 0
    const unknown = await provider.app.inject({
      method: 'GET',
      url: `/nergens?adres=${NUMBER}`,
    })
    expect(unknown.statusCode).toBe(404)
    const refused = await provider.app.inject({
      method: 'GET',
      url: `${BASE}/digitaleadressen?adres=${NUMBER}`,
    })
    expect(refused.statusCode).toBe(401)
    expect(lines.length).toBeGreaterThan(0)
    expect(lines.filter((line) => line.includes(DIGITS))).toEqual([])
  })
})
