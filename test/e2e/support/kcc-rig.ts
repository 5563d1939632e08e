import { randomBytes } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base } from '@playwright/test'
import pg from 'pg'
import { startKccServer, type KccServer, type KccServerOptions } from '../../../server/compose/kcc-server'
import { loadGatewayConfig } from '../../../server/gateway/config/load'
import type { AuthConfig, GatewayConfig } from '../../../server/gateway/config/types'
import { createRootLogger } from '../../../server/lib/logger'
import type { ActorKlantcontact, Klantcontact, List } from '../../support/klantinteracties-types'
import { ENGINE, PG_URL } from '../../support/provider'
import { randomEphemeralSecret } from '../../../server/lib/sip-ephemeral'
import {
  agentCredentials,
  freePort,
  REPO,
  startKamailio,
  type RunningSipServer,
  type SipFixture,
} from '../../support/sip-servers'
import { closeOpenedContexts } from './contexts'

/**
 * A whole contact centre for the browser tests: `startKccServer` (gateway, live socket, embedded
 * Klantinteracties provider, the agent app's web build) on 127.0.0.1 with a random port, a fresh data
 * directory and, with `KCC_DB_ENGINE=postgres`, fresh PostgreSQL schemas for the provider and the
 * gateway (as test/support/provider.ts and gateway.ts make them), all removed again afterwards.
 *
 * The SIP server is either the embedded one, on the same port at /sip, or Debian's Kamailio with
 * deploy/kamailio/kamailio.cfg, started as the telephony suite starts it (test/support/sip-servers.ts)
 * with credentials generated from this very gateway configuration.
 *
 * The web build must exist (`npx electron-vite build`); `npm test` builds before it runs Playwright.
 */
export type SipBackend = 'embedded' | 'kamailio'
export const SIP_BACKENDS: readonly SipBackend[] = ['embedded', 'kamailio']

export const DEMO_CONFIG = join(REPO, 'config/kcc.demo.json')
export const WEB_ROOT = join(REPO, 'out/renderer')
/** The demo caller page's build, served at /caller/ (demo mode) when it exists. */
export const CALLER_ROOT = join(REPO, 'out/caller')
/** The public demo passwords of config/kcc.demo.json (README), as test/support/gateway.ts has them. */
export const demoPassword = (login: string): string => `welkom-${login}`
/** Where playwright.config.ts serves the web build with `vite preview` (specs without the rig). */
const PREVIEW_ORIGIN = 'http://127.0.0.1:4317'

export interface RigOptions {
  sipBackend: SipBackend
  /**
   * Nawerk limits per afdeling id in place of the demo configuration's (null: no limit), e.g.
   * `test.use({ nawerkSeconds: { kcc: 10 } })` for a test that sees Nawerk end by itself.
   */
  nawerkSeconds?: Readonly<Record<string, number | null>>
  /**
   * How agents sign in (`auth`, e.g. single sign-on through test/support/oidc-idp.ts), made from
   * the gateway's URL, which the provider needs for its redirect URIs: the gateway's port is then
   * chosen before it starts.
   */
  auth?: (gatewayUrl: string) => AuthConfig | Promise<AuthConfig>
}

export interface KccRig {
  /** e.g. http://127.0.0.1:41234; the same after `stopGateway()` + `startGateway()`. */
  readonly url: string
  readonly sipBackend: SipBackend
  /** The WebSocket URL the gateway hands the softphones (`GET /api/softphone`). */
  readonly sipUrl: string
  /** The caller page's account as query parameters (`user`, and `password` where the server asks). */
  readonly callerAccount: Readonly<Record<string, string>>
  /** The configuration the server runs with (demo agents, afdelingen, SIP domain, the bound port). */
  readonly config: GatewayConfig
  /** The embedded provider, with its token: for checking what the app registered. */
  readonly providerApi: ProviderApi
  /** Whether the gateway is up (false between `stopGateway()` and `startGateway()`). */
  readonly running: boolean
  /** Logs in to the gateway's task API with the demo password, as the app does. */
  login(login: string): Promise<GatewaySession>
  /**
   * Makes the gateway unreachable: the whole KCC server stops (gateway, live socket, embedded
   * provider and embedded SIP server; Kamailio keeps running), its port closed until `startGateway()`.
   */
  stopGateway(): Promise<void>
  /** Starts it again on the same port with the same data directory and schemas. */
  startGateway(): Promise<void>
  close(): Promise<void>
}

export interface GatewaySession {
  readonly token: string
  get<T>(path: string): Promise<T>
  post<T>(path: string, body: unknown): Promise<T>
}

export interface ProviderApi {
  /** `${rig.url}/klantinteracties/api/v1` */
  readonly baseUrl: string
  /** GET on the provider; throws with the problem text unless the answer is 2xx. */
  get<T>(path: string): Promise<T>
  /** POST on the provider (a test's own data, e.g. a known partij); throws unless the answer is 2xx. */
  post<T>(path: string, body: unknown): Promise<T>
  /** The klantcontacten with this nummer (zero or one), their betrokkenen expanded. */
  klantcontactenByNummer(nummer: string): Promise<Klantcontact[]>
  /** The actor links of one klantcontact. */
  actorKlantcontacten(klantcontactUuid: string): Promise<ActorKlantcontact[]>
}

/** Kamailio as the rig runs it; with `evapi` (-A KCC_QUEUE) the gateway's queue holds its group calls. */
export type RigSipServer = RunningSipServer & { evapi?: { host: string; port: number } }

/**
 * `startSip`: how Kamailio starts with the rig's accounts (e.g. with the trunk, support/trunk-rig.ts);
 * only for the `kamailio` backend.
 */
export async function startRig(
  options: RigOptions,
  startSip: (fixture: SipFixture) => Promise<RigSipServer> = (fixture) => startKamailio(fixture),
): Promise<KccRig> {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error(`no web build in ${WEB_ROOT}: run \`npx electron-vite build\` first`)
  }
  const cleanups: Array<() => Promise<void>> = []
  const cleanUp = async (): Promise<void> => {
    const failures: unknown[] = []
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) => failures.push(error))
    }
    cleanups.length = 0
    if (failures.length > 0) {
      throw new AggregateError(failures, 'the KCC rig did not clean up completely')
    }
  }

  try {
    const dir = mkdtempSync(join(tmpdir(), 'kcc-e2e-'))
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }))
    const dataDir = join(dir, 'data')
    mkdirSync(dataDir)
    const databases = freshDatabases()
    if (databases) {
      cleanups.push(() => dropSchemas([databases.providerSchema, databases.gatewaySchema]))
    }

    // The gateway's own database through the same environment variables production uses.
    const loaded = await loadGatewayConfig(
      DEMO_CONFIG,
      databases ? { KCC_DATABASE_URL: PG_URL, KCC_DATABASE_SCHEMA: databases.gatewaySchema } : {},
    )
    // Both SIP servers refuse browser pages from other origins: the app's pages come from the
    // gateway (its own origin) and from the preview server.
    let config: GatewayConfig = {
      ...loaded,
      afdelingen: withNawerkLimits(loaded.afdelingen, options.nawerkSeconds ?? {}),
      port: 0,
      dataDir,
      sip: { ...loaded.sip, allowedOrigins: [PREVIEW_ORIGIN] },
    }
    let webRoot = WEB_ROOT
    let callerAccount: Record<string, string> = { user: config.sip.guests[0] ?? 'burger' }
    if (options.sipBackend === 'kamailio') {
      // Kamailio starts first and must know the gateway's origin: the gateway gets a port named now.
      config = { ...config, port: await freePort() }
      const fixture: SipFixture = {
        ...sipFixtureOf(config),
        allowedOrigins: [`http://${config.host}:${config.port}`, PREVIEW_ORIGIN],
      }
      const [user, password] = Object.entries(fixture.guests ?? {})[0] ?? []
      if (user && password) {
        callerAccount = { user, password }
      }
      const kamailio = await startSip(fixture)
      cleanups.push(() => kamailio.close())
      config = {
        ...config,
        sip: {
          ...config.sip,
          embedded: false,
          credentials: { ...config.sip.credentials, secret: fixture.secret },
          websocketUrl: kamailio.url,
          ...(kamailio.evapi ? { evapi: kamailio.evapi } : {}),
        },
      }
      webRoot = webBuildAllowing(new URL(kamailio.url).origin, join(dir, 'web'))
    }

    if (options.auth) {
      config = config.port === 0 ? { ...config, port: await freePort() } : config
      config = { ...config, auth: await options.auth(`http://${config.host}:${config.port}`) }
    }

    const providerToken = randomBytes(20).toString('hex')
    const logger = createRootLogger({ level: process.env['LOG_LEVEL'] ?? 'silent' })
    const start = (startConfig: GatewayConfig): Promise<KccServer> => {
      const serverOptions: KccServerOptions = {
        config: startConfig,
        logger,
        providerToken,
        webRoot,
        // Only once the demo caller page is built (served at /caller/ in demo mode).
        ...(existsSync(join(CALLER_ROOT, 'index.html')) ? { callerRoot: CALLER_ROOT } : {}),
      }
      // The embedded provider reads its database from the environment (server/compose/kcc-server.ts).
      return withEnv(
        databases
          ? {
              KLANTINTERACTIES_DATABASE_URL: PG_URL,
              KLANTINTERACTIES_DATABASE_SCHEMA: databases.providerSchema,
            }
          : {},
        () => startKccServer(serverOptions),
      )
    }

    let server: KccServer | undefined = await start(config)
    cleanups.push(async () => {
      await server?.close()
      server = undefined
    })
    const url = server.url
    // A restart must come back where the app expects it: the bound port, and the SIP URL on it.
    const sipUrl = server.sipUrl ?? config.sip.websocketUrl
    const restartConfig: GatewayConfig = {
      ...config,
      port: Number(new URL(url).port),
      sip: { ...config.sip, websocketUrl: sipUrl },
    }

    const rig: KccRig = {
      url,
      sipBackend: options.sipBackend,
      sipUrl,
      callerAccount,
      config: restartConfig,
      providerApi: providerApi(`${url}/klantinteracties/api/v1`, providerToken),
      get running() {
        return server !== undefined
      },
      login: (login) => gatewaySession(url, login),
      async stopGateway() {
        const running = server
        server = undefined
        await running?.close()
      },
      async startGateway() {
        if (server) {
          throw new Error('the gateway is already running')
        }
        server = await start(restartConfig)
      },
      close: cleanUp,
    }
    return rig
  } catch (error) {
    await cleanUp().catch(() => undefined)
    throw error
  }
}

/**
 * `rig`: a fresh contact centre for every test, on the SIP server named by the `sipBackend` option
 * (default embedded). Run scenarios against both with
 *
 *     for (const backend of SIP_BACKENDS) {
 *       test.describe(backend, () => {
 *         test.use({ sipBackend: backend })
 *         test('…', async ({ rig, page }) => { … })
 *       })
 *     }
 *
 * `startRig` is the same for a rig of one's own (a second contact centre, or one per file).
 */
export const test = base.extend<RigOptions & { rig: KccRig; closeContexts: void }>({
  sipBackend: ['embedded', { option: true }],
  // The pages a test opened (openPage) go when it ends: support/contexts.ts says why.
  closeContexts: [
    // Playwright reads a fixture's dependencies from this pattern: this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      await use()
      await closeOpenedContexts()
    },
    { auto: true },
  ],
  nawerkSeconds: [{}, { option: true }],
  rig: async ({ sipBackend, nawerkSeconds }, use) => {
    const rig = await startRig({ sipBackend, nawerkSeconds })
    try {
      await use(rig)
    } finally {
      await rig.close()
    }
  },
})

export { expect } from '@playwright/test'

function withNawerkLimits(
  afdelingen: GatewayConfig['afdelingen'],
  limits: Readonly<Record<string, number | null>>,
): GatewayConfig['afdelingen'] {
  return afdelingen.map((afdeling) => {
    const limit = limits[afdeling.id]
    if (limit === undefined) {
      return afdeling
    }
    const { nawerkSeconds: _demo, ...rest } = afdeling
    return limit === null ? rest : { ...rest, nawerkSeconds: limit }
  })
}

/**
 * Kamailio's secret, agents and groups for the agents and afdelingen of `config`, in the shape
 * sip-servers.ts hands to deploy/kamailio/generate-credentials.ts. The same mapping as
 * deploy/kamailio/from-gateway-config.ts, which the test project cannot import (tsconfig.test.json
 * does not include deploy/). Guests get a random password: Kamailio knows callers only with one.
 */
function sipFixtureOf(config: GatewayConfig): SipFixture {
  const secret = randomEphemeralSecret()
  return {
    domain: config.sip.domain,
    // Kamailio checks the agents' ephemeral credentials with the gateway's secret (startRig gives
    // the gateway this one); the fixture's own are for clients that are not the app.
    secret,
    credentials: Object.fromEntries(
      config.agents.map((agent) => [agent.sipExtension, agentCredentials(secret, agent.sipExtension)]),
    ),
    groups: Object.fromEntries(
      config.afdelingen.map((afdeling) => [
        afdeling.groupAddress,
        config.agents.filter((agent) => agent.afdeling === afdeling.id).map((agent) => agent.sipExtension),
      ]),
    ),
    // The demo caller page's account (`burger`): Kamailio knows callers only with a password.
    guests: Object.fromEntries(config.sip.guests.map((guest) => [guest, randomBytes(12).toString('hex')])),
  }
}

/**
 * The web build as a municipality builds it for its own PBX (`KCC_SIP_URL`, electron.vite.config.ts):
 * the same files, with Kamailio's origin in the CSP's connect-src. Its port is random here, so it is
 * only known once Kamailio runs; the rest of the policy stays as built and is enforced.
 */
function webBuildAllowing(sipOrigin: string, root: string): string {
  cpSync(WEB_ROOT, root, { recursive: true })
  const index = join(root, 'index.html')
  const html = readFileSync(index, 'utf8')
  const allowed = html.replace(
    /(<meta http-equiv="Content-Security-Policy" content="[^"]*\bconnect-src )/,
    `$1${sipOrigin} `,
  )
  if (allowed === html) {
    throw new Error(
      `${index} has no Content-Security-Policy meta tag with connect-src to add ${sipOrigin} to`,
    )
  }
  writeFileSync(index, allowed)
  return root
}

function freshDatabases(): { providerSchema: string; gatewaySchema: string } | undefined {
  if (ENGINE !== 'postgres') {
    return undefined
  }
  // Named like the integration suites' schemas, with an e2e_ prefix so a leftover is recognisable.
  const stem = `e2e_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`
  return { providerSchema: `${stem}_ki`, gatewaySchema: `${stem}_gw` }
}

async function dropSchemas(schemas: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL })
  await client.connect()
  try {
    for (const schema of schemas) {
      await client.query(`drop schema if exists ${client.escapeIdentifier(schema)} cascade`)
    }
  } finally {
    await client.end()
  }
}

/** Runs `start` with `vars` set in process.env, then puts the previous values back. */
async function withEnv<T>(vars: Record<string, string>, start: () => Promise<T>): Promise<T> {
  const previous = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]))
  Object.assign(process.env, vars)
  try {
    return await start()
  } finally {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) {
        delete process.env[name]
      } else {
        process.env[name] = value
      }
    }
  }
}

async function answerOf<T>(response: Response, what: string): Promise<T> {
  if (!response.ok) {
    throw new Error(`${what}: ${response.status} ${await response.text()}`)
  }
  return (await response.json()) as T
}

async function gatewaySession(url: string, login: string): Promise<GatewaySession> {
  const created = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: demoPassword(login) }),
  })
  const { token } = await answerOf<{ token: string }>(created, `POST /api/session as ${login}`)
  return {
    token,
    async get<T>(path: string): Promise<T> {
      const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } })
      return answerOf<T>(response, `GET ${path} as ${login}`)
    },
    async post<T>(path: string, body: unknown): Promise<T> {
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      return answerOf<T>(response, `POST ${path} as ${login}`)
    },
  }
}

function providerApi(baseUrl: string, token: string): ProviderApi {
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Token ${token}` } })
    return answerOf<T>(response, `GET ${path} on the provider`)
  }
  return {
    baseUrl,
    get,
    async post<T>(path: string, body: unknown): Promise<T> {
      const response = await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Token ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      return answerOf<T>(response, `POST ${path} on the provider`)
    },
    async klantcontactenByNummer(nummer) {
      const query = new URLSearchParams({ nummer, expand: 'hadBetrokkenen' })
      return (await get<List<Klantcontact>>(`/klantcontacten?${query}`)).results
    },
    async actorKlantcontacten(klantcontactUuid) {
      const query = new URLSearchParams({ klantcontact__uuid: klantcontactUuid })
      return (await get<List<ActorKlantcontact>>(`/actorklantcontacten?${query}`)).results
    },
  }
}
