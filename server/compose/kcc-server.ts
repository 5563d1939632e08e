import { existsSync } from 'node:fs'
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { buildGatewayApp } from '../gateway/app'
import type { GatewayConfig } from '../gateway/config/types'
import type { Roster } from '../gateway/directory/roster'
import type { LiveHub } from '../gateway/live'
import { buildProviderApp } from '../klantinteracties/app'
import type { RouteEntry } from '../lib/http/route-table'
import { scopedLogger, type Logger } from '../lib/logger'
import { randomEphemeralSecret } from '../lib/sip-ephemeral'
import type { CallQueue } from '../lib/call-queue'
import { createSipServer, type SipServer } from '../sip/server'
import { inProcessFetch } from './in-process-fetch'
import { createSharedPort } from './shared-port'
import { readTlsFiles, type TlsFiles } from './tls'
import { registerWebFiles } from './web-files'

/**
 * The whole contact centre in one process (`npm run server`): the gateway with its live socket, the
 * embedded Klantinteracties provider and the embedded SIP server, and the agent app's web build.
 * That is what a municipality runs next to its own Open Klant and PBX (with those switched off
 * in the configuration), and what `npm start` and the browser tests run on one machine.
 *
 * One HTTP port (default 127.0.0.1:8480):
 *   /                          the agent app (web build), when built
 *   /caller/                   the demo caller page (a citizen's phone), when built and in demo mode
 *   /api, /api/live            the gateway and its live socket
 *   /klantinteracties/api/v1   the embedded provider (token in `providerToken`)
 *   /sip                       the embedded SIP server (SIP over WebSocket), when its URL is on this port
 *
 * With `config.tls` the port speaks HTTPS, its WebSockets WSS, and so does the embedded SIP server
 * on a port of its own (docs/deployment.md).
 */
export interface KccServerOptions {
  config: GatewayConfig
  logger: Logger
  /** Token of the embedded provider; only the gateway (and whoever reads data/provider-token) uses it. */
  providerToken: string
  /** The agent app's web build (`out/renderer`); not served when absent. */
  webRoot?: string
  /** The demo caller page's build (`out/caller`), served at /caller/ in demo mode only; not when absent. */
  callerRoot?: string
  /** Time before a disconnected agent shows as offline (default 10 s). */
  presenceGraceMs?: number
}

export interface KccServer {
  /** e.g. http://127.0.0.1:8480, or https:// with `config.tls` */
  url: string
  sipUrl: string | undefined
  /** The gateway's live hub (tests and benchmarks watch agents' states on it). */
  hub: LiveHub
  /** Every route on the port: the gateway's (its live socket and web files included) and the provider's. */
  routes: ReadonlyArray<RouteEntry & { app: 'gateway' | 'provider' }>
  close(): Promise<void>
}

export async function startKccServer(options: KccServerOptions): Promise<KccServer> {
  const { config, logger } = options
  const log = scopedLogger(logger, 'server')
  const tls = config.tls ? readTlsFiles(config.tls) : undefined
  const port = createSharedPort(tls)
  await new Promise<void>((resolve, reject) => {
    port.server.once('error', reject)
    port.server.listen(config.port, config.host, () => resolve())
  })
  const { port: boundPort } = port.server.address() as AddressInfo
  const url = `${tls ? 'https' : 'http'}://${urlHost(config.host)}:${boundPort}`
  const closers: Array<() => Promise<void>> = []
  const close = async (): Promise<void> => {
    for (const closer of closers.reverse()) {
      await closer().catch((error: unknown) => log.error({ err: error }, 'error while shutting down'))
    }
  }
  // Last: Fastify closes only a server it made listen itself, and this port must be free again after
  // close (the browser tests restart the server on it). Kept-alive connections would hold it open.
  closers.push(
    () =>
      new Promise<void>((resolve, reject) => {
        port.server.close((error) => (error ? reject(error) : resolve()))
        port.server.closeAllConnections()
      }),
  )

  try {
    let provider: { baseUrl: string; token: string } | undefined
    let providerFetch: typeof fetch | undefined
    let providerRoutes: readonly RouteEntry[] = []
    if (config.klantinteracties.mode === 'embedded') {
      const { app, routes } = await buildProviderApp(
        {
          tokens: [options.providerToken],
          sqliteFile: join(config.dataDir, 'klantinteracties.sqlite'),
          databaseUrl: process.env['KLANTINTERACTIES_DATABASE_URL'] || undefined,
          databaseSchema: process.env['KLANTINTERACTIES_DATABASE_SCHEMA'] || undefined,
          generateNummer: true,
          host: config.host,
          port: boundPort,
        },
        scopedLogger(logger, 'klantinteracties'),
        { serverFactory: port.mount('/klantinteracties') },
      )
      closers.push(() => app.close())
      await app.ready()
      providerRoutes = routes
      provider = { baseUrl: `${url}/klantinteracties/api/v1`, token: options.providerToken }
      // Over TLS the certificate names the public host, not this address: in process instead.
      providerFetch = tls ? inProcessFetch(app) : undefined
    }

    // The gateway hands the softphones `sip.websocketUrl`; when the SIP server shares a port chosen at
    // random (tests), only the bound port is one they can reach. A port set by the environment has
    // already moved that URL (config/sip-follows-gateway.ts).
    const sipOnHttpPort = sharesHttpPort(config)
    // Behind a TLS proxy the URL is the public one and stays as given.
    const rewriteSipUrl = sipOnHttpPort && !sipBehindProxy(config)
    const gatewayConfig: GatewayConfig = withSipSecret(
      rewriteSipUrl
        ? {
            ...config,
            sip: { ...config.sip, websocketUrl: withPort(config.sip.websocketUrl, boundPort, port.secure) },
          }
        : config,
    )
    // With its own live hub (in memory) and live socket at /api/live.
    const gateway = await buildGatewayApp({
      config: gatewayConfig,
      logger,
      serverFactory: port.main,
      ...(provider ? { provider } : {}),
      ...(providerFetch ? { upstream: { fetch: providerFetch } } : {}),
      ...(options.presenceGraceMs ? { presenceGraceMs: options.presenceGraceMs } : {}),
    })
    closers.push(() => gateway.app.close())
    if (options.webRoot && existsSync(join(options.webRoot, 'index.html'))) {
      await registerWebFiles(gateway.app, {
        root: resolve(options.webRoot),
        prefix: '/',
        index: 'index.html',
      })
    }
    // A page anyone can open to call the contact centre: for demos and tests only, never in
    // production (`demo: false`). A second root of @fastify/static must not decorate the reply again.
    if (config.demo && options.callerRoot && existsSync(join(options.callerRoot, 'index.html'))) {
      await registerWebFiles(gateway.app, {
        root: resolve(options.callerRoot),
        // Without the trailing slash, so that `redirect` also sends /caller to /caller/.
        prefix: '/caller',
        index: 'index.html',
        redirect: true,
        decorateReply: false,
      })
      log.info({ path: '/caller/' }, 'demo caller page')
    }
    await gateway.app.ready()

    const sipUrl = await startSip(
      gatewayConfig,
      logger,
      gateway.live.presence.availableLogins,
      gateway.services.roster,
      gateway.queue,
      port,
      { httpPort: boundPort, samePort: sipOnHttpPort, tls },
      closers,
    )
    port.routeUpgrades()
    log.info({ url, sipUrl }, 'KCC server ready')
    const routes = [
      ...gateway.routes.map((route) => ({ ...route, app: 'gateway' as const })),
      ...providerRoutes.map((route) => ({ ...route, app: 'provider' as const })),
    ]
    return { url, sipUrl, hub: gateway.live.hub, routes, close }
  } catch (error) {
    await close()
    port.server.close()
    throw error
  }
}

/**
 * The embedded SIP server on the gateway's port (path /sip) or a port of its own, per
 * `sip.websocketUrl`. A caller for an afdeling's group address waits in the gateway's queue, which
 * has the SIP server ring its longest-idle Beschikbaar member, one at a time (docs/queue.md).
 */
async function startSip(
  config: GatewayConfig,
  logger: Logger,
  available: (afdeling?: string) => string[],
  /** Each available login's extension: configured agents and medewerkers provisioned at single sign-on. */
  roster: Pick<Roster, 'byLogin' | 'byExtension'>,
  /** The gateway's call queue: a caller for a group address waits there for one agent at a time. */
  queue: CallQueue,
  port: ReturnType<typeof createSharedPort>,
  /** The gateway's bound port, whether the SIP server shares it, and the certificate if any. */
  { httpPort, samePort, tls }: { httpPort: number; samePort: boolean; tls: TlsFiles | undefined },
  closers: Array<() => Promise<void>>,
): Promise<string | undefined> {
  if (!config.sip.embedded) {
    return undefined
  }
  const target = new URL(config.sip.websocketUrl)
  const path = target.pathname || '/'
  const common = {
    domain: config.sip.domain,
    // No passwords: agents sign in with the ephemeral credentials the gateway issues per session,
    // checked with the secret the gateway issues them with (withSipSecret).
    ephemeral: {
      secret: config.sip.credentials!.secret!,
      isAgent: (extension: string) => roster.byExtension(extension) !== undefined,
    },
    // An afdeling's group address rings its members who are available right now (live state).
    groups: config.afdelingen.map((afdeling) => ({
      user: afdeling.groupAddress,
      members: () => available(afdeling.id).flatMap((login) => roster.byLogin(login)?.sipExtension ?? []),
    })),
    guests: config.sip.guests,
    queue,
    // Pages of the gateway may open the socket (on the shared port that is also the SIP server's own
    // origin), and those the configuration adds; other browser origins are refused.
    allowedOrigins: [
      `${tls ? 'https' : 'http'}://${urlHost(config.host)}:${httpPort}`,
      // Behind a TLS proxy the app's pages come from the proxy's origin, the SIP URL's own.
      ...(sipBehindProxy(config) ? [`https://${target.host}`] : []),
      ...(config.sip.allowedOrigins ?? []),
    ],
    logger,
  }
  let sip: SipServer
  if (samePort) {
    sip = await port.claimUpgrades(path, () => createSipServer({ ...common, server: port.server, path }))
  } else if (tls) {
    // Its own port over TLS: an HTTPS server of ours the SIP server mounts on (it makes plain ones
    // only). Bound where the gateway is, as the shared port would be.
    const own = await listenSecure(tls, Number(target.port), config.host)
    closers.push(() => new Promise<void>((resolve) => own.close(() => resolve())))
    sip = await createSipServer({ ...common, server: own, path })
  } else {
    sip = await createSipServer({ ...common, port: Number(target.port), path })
  }
  closers.push(() => sip.close())
  // On the shared port `config` already names the bound port (see startKccServer).
  return samePort ? config.sip.websocketUrl : sip.url
}

/**
 * The gateway issues the softphones' ephemeral credentials with `sip.credentials.secret` and the
 * embedded SIP server checks them with it: without a configured one, both share a random one made
 * for this process (credentials then end with it, as the registrations do).
 */
function withSipSecret(config: GatewayConfig): GatewayConfig {
  if (!config.sip.embedded || config.sip.credentials?.secret) {
    return config
  }
  const credentials = { ...config.sip.credentials, secret: randomEphemeralSecret() }
  return { ...config, sip: { ...config.sip, credentials } }
}

/**
 * The embedded SIP server goes on the HTTP port when its URL names that port, or when the port is
 * chosen at random (tests), since no other port is known then, or when a TLS reverse proxy in front
 * of this port carries it. Only a URL naming another port gives it a port of its own.
 */
function sharesHttpPort(config: GatewayConfig): boolean {
  return (
    config.sip.embedded &&
    (config.port === 0 ||
      Number(new URL(config.sip.websocketUrl).port) === config.port ||
      sipBehindProxy(config))
  )
}

/**
 * A wss: URL while the gateway itself speaks plain HTTP: softphones reach the embedded SIP server
 * through a TLS reverse proxy that passes the URL's path to this port (deploy/nginx/kcc.conf).
 */
function sipBehindProxy(config: GatewayConfig): boolean {
  return config.sip.embedded && !config.tls && new URL(config.sip.websocketUrl).protocol === 'wss:'
}

/** `url` on `port`; over TLS a ws: URL becomes wss:, as the shared port then speaks only TLS. */
function withPort(url: string, port: number, secure: boolean): string {
  const target = new URL(secure ? url.replace(/^ws:/, 'wss:') : url)
  target.port = String(port)
  return target.toString()
}

/** A host as it goes into a URL (an IPv6 address in brackets). */
function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
}

/** An HTTPS server that answers plain requests with 426 (it is there for WebSocket upgrades). */
async function listenSecure(tls: TlsFiles, port: number, host: string): Promise<HttpsServer> {
  const server = createHttpsServer({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }, (_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain', connection: 'close' })
    res.end('SIP over WebSocket only\n')
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  return server
}
