import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect } from 'vitest'
import { buildGatewayApp, type GatewayApp, type GatewayAppOptions } from '../../server/gateway/app'
import { loadGatewayConfig } from '../../server/gateway/config/load'
import type { GatewayConfig } from '../../server/gateway/config/types'
import type { ProviderConfig } from '../../server/klantinteracties/config'
import { createRootLogger } from '../../server/lib/logger'
import { BASE, ProviderClient } from './provider-client'
import { ENGINE, PG_URL, startProvider, TEST_TOKEN, type TestProvider } from './provider'

/**
 * Starts our real provider (listening on a loopback port, as the gateway reaches any register over
 * HTTP) and the real gateway (buildGatewayApp, used through `inject`), both on the engine chosen by
 * `KCC_DB_ENGINE`: the gateway's own database is SQLite in a temporary directory or a fresh
 * PostgreSQL schema, dropped at close. Configuration: config/kcc.demo.json with its demo passwords.
 *
 * `mode: 'open-klant'` points the gateway at the provider as a remote Open Klant 2.16+ that does not
 * generate nummers (the provider is started with generation off), so the gateway supplies them.
 *
 * Every pino line of the gateway is captured in `logs`, to check what it did and did not log.
 */
export const DEMO_CONFIG = new URL('../../config/kcc.demo.json', import.meta.url).pathname

export const demoPassword = (login: string): string => `welkom-${login}`

export interface GatewayFixtureOptions {
  mode?: 'embedded' | 'open-klant'
  provider?: Partial<ProviderConfig>
  config?: Partial<GatewayConfig>
  app?: Partial<Omit<GatewayAppOptions, 'config' | 'logger'>>
}

export interface Reply<T = Record<string, unknown>> {
  status: number
  body: T
  headers: Record<string, unknown>
}

/** A client of the gateway's task API over `inject`, as one agent (or nobody, without a token). */
export class GatewayClient {
  constructor(
    private readonly app: () => FastifyInstance,
    readonly token: string | null = null,
  ) {}

  async request<T = Record<string, unknown>>(
    method: 'GET' | 'POST' | 'DELETE' | 'PATCH',
    url: string,
    options: { body?: unknown; headers?: Record<string, string>; remoteAddress?: string } = {},
  ): Promise<Reply<T>> {
    const response = await this.app().inject({
      method,
      url,
      headers: {
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...options.headers,
      },
      ...(options.body !== undefined ? { payload: options.body as Record<string, unknown> } : {}),
      ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
    })
    const body = (response.body ? JSON.parse(response.body) : undefined) as T
    if (response.statusCode >= 400) {
      // RFC 9457 in the provider's style, on every error of the gateway.
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(body).toMatchObject({ status: response.statusCode, code: expect.any(String) })
    }
    return { status: response.statusCode, body, headers: response.headers }
  }

  get<T = Record<string, unknown>>(url: string): Promise<Reply<T>> {
    return this.request<T>('GET', url)
  }

  post<T = Record<string, unknown>>(
    url: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    return this.request<T>('POST', url, { body, headers })
  }

  delete<T = Record<string, unknown>>(url: string): Promise<Reply<T>> {
    return this.request<T>('DELETE', url)
  }
}

export interface TestGateway {
  gateway: GatewayApp
  app: FastifyInstance
  config: GatewayConfig
  provider: TestProvider
  /** The provider as the gateway's token sees it, for checking what the gateway wrote. */
  register: ProviderClient
  /** Every line the gateway logged, raw. */
  logs: string[]
  /** A client without a session. */
  anonymous: GatewayClient
  /** Logs in with the demo password; answers a client bound to the session. */
  login(login: string): Promise<GatewayClient>
  /** A second gateway instance on the same database and register (as after a restart, or beside it). */
  startInstance(options?: Partial<Omit<GatewayAppOptions, 'config' | 'logger'>>): Promise<GatewayApp>
  close(): Promise<void>
}

export async function startGateway(options: GatewayFixtureOptions = {}): Promise<TestGateway> {
  const openKlant = options.mode === 'open-klant'
  const provider = await startProvider({
    ...(openKlant ? { generateNummer: false } : {}),
    ...options.provider,
  })
  await provider.app.listen({ host: '127.0.0.1', port: 0 })
  const baseUrl = `http://127.0.0.1:${(provider.app.server.address() as AddressInfo).port}${BASE}`

  const dir = mkdtempSync(join(tmpdir(), 'kcc-gateway-'))
  const schema = `g_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`
  const config: GatewayConfig = {
    ...(await loadGatewayConfig(DEMO_CONFIG, {})),
    dataDir: dir,
    ...(ENGINE === 'postgres' ? { database: { url: PG_URL, schema } } : {}),
    klantinteracties: openKlant
      ? { mode: 'remote', baseUrl, token: TEST_TOKEN, providerGeneratesNummer: false }
      : { mode: 'embedded' },
    ...options.config,
  }
  const logs: string[] = []
  const logger = createRootLogger({
    level: 'debug',
    name: 'gateway',
    destination: { write: (line: string) => void logs.push(line) },
  })
  const instanceOptions = (extra: Partial<Omit<GatewayAppOptions, 'config' | 'logger'>> = {}) => ({
    config,
    logger,
    ...(openKlant ? {} : { provider: { baseUrl, token: TEST_TOKEN, generatesNummer: true } }),
    ...options.app,
    ...extra,
  })
  const gateway = await buildGatewayApp(instanceOptions())
  const instances: GatewayApp[] = []
  const app = (): FastifyInstance => gateway.app

  return {
    gateway,
    app: gateway.app,
    config,
    provider,
    register: new ProviderClient(provider.app),
    logs,
    anonymous: new GatewayClient(app),
    async login(login) {
      const r = await new GatewayClient(app).post<{ token: string }>('/api/session', {
        login,
        password: demoPassword(login),
      })
      expect(r.status, JSON.stringify(r.body)).toBe(201)
      return new GatewayClient(app, r.body.token)
    },
    async startInstance(extra) {
      const instance = await buildGatewayApp(instanceOptions(extra))
      instances.push(instance)
      return instance
    },
    async close() {
      for (const instance of instances) {
        await instance.app.close()
      }
      await gateway.storage.dropSchema()
      await gateway.app.close()
      await provider.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** `startGateway` for the enclosing suite: started in `beforeAll`, closed in `afterAll`. */
export function useGateway(options: GatewayFixtureOptions = {}): () => TestGateway {
  let current: TestGateway | undefined
  beforeAll(async () => {
    current = await startGateway(options)
  })
  afterAll(async () => {
    await current?.close()
    current = undefined
  })
  return () => {
    if (!current) {
      throw new Error('useGateway: the gateway starts in beforeAll; use it from a hook or a test')
    }
    return current
  }
}

/** A C0534 registration body (the case's dakkapel question), with overrides. */
export function registration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kanaal: 'Telefoon',
    onderwerp: 'Voorwaarden vergunningsvrije dakkapel',
    inhoud: 'Vraag: mag een dakkapel aan de achterkant van de woning vergunningsvrij geplaatst worden?',
    taal: 'nld',
    vertrouwelijk: false,
    indicatieContactGelukt: true,
    plaatsgevondenOp: '2026-03-02T09:30:00Z',
    contactnaam: { voornaam: 'Jan', voorvoegselAchternaam: 'de', achternaam: 'Vries' },
    ...overrides,
  }
}
