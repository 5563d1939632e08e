import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { buildGatewayApp, type GatewayApp } from '../../../server/gateway/app'
import { loadGatewayConfig } from '../../../server/gateway/config/load'
import { buildProviderApp, type ProviderApp } from '../../../server/klantinteracties/app'
import { DEMO_CONFIG, demoPassword } from '../../support/gateway'
import { capturedLogger } from '../../support/logs'
import { ENGINE, PG_URL, TEST_TOKEN } from '../../support/provider'
import { BASE } from '../../support/provider-client'

/**
 * The real provider (listening on a loopback port) and, for the gateway's fuzz, the real gateway
 * in front of it, on the engine `KCC_DB_ENGINE` selects; every log line at warn and above of
 * either is kept, so a property can check that nothing was logged at error level.
 */
export interface FuzzServers {
  provider: ProviderApp
  gateway?: GatewayApp
  /** Log lines at warn and above, both servers. */
  logs: string[]
  close(): Promise<void>
}

export async function startFuzzServers(options: { gateway: boolean }): Promise<FuzzServers> {
  const { logger, lines: logs } = capturedLogger('warn')
  const dir = mkdtempSync(join(tmpdir(), 'kcc-fuzz-'))
  const schema = `f_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`
  const provider = await buildProviderApp(
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
  let gateway: GatewayApp | undefined
  if (options.gateway) {
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
      // The fuzz logs in again after it logged itself out; the limit has its own tests.
      loginRateLimit: { perAddressAndLogin: 1_000_000, perAddress: 1_000_000 },
    })
  }
  return {
    provider,
    ...(gateway ? { gateway } : {}),
    logs,
    async close() {
      if (gateway) {
        await gateway.storage.dropSchema()
        await gateway.app.close()
      }
      if (ENGINE === 'postgres') {
        await sql`drop schema if exists ${sql.id(`${schema}_p`)} cascade`.execute(provider.storage.db)
      }
      await provider.app.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Logs `login` in with its demo password; answers the session token. */
export async function sessionOf(app: FastifyInstance, login: string): Promise<string> {
  const answer = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { login, password: demoPassword(login) },
  })
  if (answer.statusCode !== 201) {
    throw new Error(`login ${login}: ${answer.statusCode} ${answer.body}`)
  }
  return (answer.json() as { token: string }).token
}
