import { randomUUID } from 'node:crypto'
import rateLimit from '@fastify/rate-limit'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerFactory } from 'fastify'
import { problemOnClientError } from '../lib/http/client-error'
import { recordRoutes, type RouteEntry } from '../lib/http/route-table'
import type { Logger } from '../lib/logger'
import { registerAuditHooks } from './audit/hooks'
import { PasswordAuthenticator, type Authenticator } from './auth/authenticator'
import { registerSessionGuard, type SessionAuth } from './auth/guard'
import { liveSessionChecks } from './auth/live-sessions'
import { DEFAULT_LOGIN_RATE_LIMIT, type LoginRateLimit } from './auth/login-rate-limit'
import { registerAuthRoutes } from './auth/routes'
import type { GatewayConfig } from './config/types'
import { openGatewayStorage, type GatewayStorage } from './db/storage'
import { MedewerkerStore } from './directory/medewerker-store'
import { openRoster } from './directory/stored-roster'
import './http/context'
import { gatewayErrorHandler, gatewayNotFound } from './http/error-handler'
import { registerCors } from './http/cors'
import { registerTimeBudget } from './http/time-budget'
import { registerSecurityHeaders, SECURITY_HEADERS, withSecurityHeaders } from './http/security-headers'
import type { UpstreamSettings } from './register-client/client'
import { systemClock, type Clock } from './lib/clock'
import { liveSocketRoutes, type LiveHub, type LiveSocketOptions, type PresenceView } from './live'
import { gatewayCounterStore, loadStoredCounters } from './live/counter-store'
import { createGatewayLive } from './live-wiring'
import { registerAfhandelingRoutes } from './routes/afhandeling'
import { registerAuditRoutes } from './routes/audit'
import { registerContactverzoekRoutes } from './routes/contactverzoeken'
import { registerDirectoryRoutes } from './routes/directory'
import { registerInboxRoutes } from './routes/inbox'
import { registerKlantbeeldRoutes } from './routes/klantbeeld'
import { registerKlantcontactRoutes } from './routes/klantcontacten'
import { registerKlantcontactSearchRoutes } from './routes/klantcontacten-search'
import { registerMonitorRoutes } from './routes/monitor-sessions'
import { registerPartijRoutes } from './routes/partijen'
import { registerSecurityEventRoutes } from './routes/security-events'
import { registerTransferRoutes } from './routes/transfers'
import { createGatewayQueue, type GatewayCallQueue, type GatewayQueue, type QueueTuning } from './queue'
import { createServices, type GatewayServices } from './services'
import { registerUpdateFeed } from './updates/feed'

/**
 * The gateway: the one server the agent app talks to. It authenticates agents, holds the
 * register's token (never handed out: an Open Klant token opens every record), turns agents'
 * actions into Klantinteracties calls, audits every access to personal data (BIO2 8.15), and runs
 * the live hub behind its live socket `/api/live` (live-wiring.ts: transfer offers, monitoring,
 * counters, presence). It does not listen; the caller does (npm run server, tests use `inject`).
 *
 * The register is reached over HTTP either way: our embedded provider (the caller passes where it
 * listens and its token) or a remote Open Klant (`config.klantinteracties.mode: 'remote'`).
 */
export interface EmbeddedProvider {
  /** e.g. http://127.0.0.1:8480/klantinteracties/api/v1 */
  baseUrl: string
  token: string
  /** Our provider fills in `nummer` unless started with generation off (default true). */
  generatesNummer?: boolean
}

export interface GatewayAppOptions {
  config: GatewayConfig
  logger: Logger
  /** Required in embedded mode. */
  provider?: EmbeddedProvider
  /**
   * The live hub, when the caller makes it (the PostgreSQL hub that several instances share) and
   * closes it. Default: an in-memory hub of the gateway's own.
   */
  hub?: LiveHub
  /** Time before a disconnected agent shows as offline (default 10 s). */
  presenceGraceMs?: number
  /** The live socket's timings and bounds (defaults in live/socket.ts). */
  liveSocket?: LiveSocketSettings
  /** Default: passwords of the configured agents. */
  authenticator?: Authenticator
  clock?: Clock
  loginRateLimit?: Partial<LoginRateLimit>
  /**
   * How long a transfer record lets the receiving agent open the klantcontact, and its transfer
   * offer stays on the live hub (default 10 min).
   */
  transferTtlMs?: number
  upstream?: Pick<UpstreamSettings, 'timeoutMs' | 'fetch'>
  /** Serve through a server of the caller's (one port for gateway and provider: server/compose). */
  serverFactory?: FastifyServerFactory
  /** The call queue's timings (docs/queue.md). */
  queue?: QueueTuning
}

export type LiveSocketSettings = Partial<
  Pick<
    LiveSocketOptions,
    'authTimeoutMs' | 'heartbeatMs' | 'maxBufferedBytes' | 'maxQueuedMessages' | 'sessionCheckMs'
  >
>

export interface GatewayApp {
  app: FastifyInstance
  storage: GatewayStorage
  services: GatewayServices
  /** Who a session token belongs to. */
  auth: SessionAuth
  /** The live hub behind `/api/live`, and the agents' live states (the SIP server's group routing). */
  live: { hub: LiveHub; presence: PresenceView }
  /** Every route it serves, those registered on it later (the live socket, web files) included. */
  routes: readonly RouteEntry[]
  /**
   * The afdelingen's call queue (docs/queue.md): the SIP servers hand it callers for a group
   * address. Closed with the app (before its database).
   */
  queue: GatewayCallQueue
  /** Terugbelverzoeken waiting to be registered (tests and operators look at `pending()`). */
  terugbelverzoeken: GatewayQueue['terugbelverzoeken']
  /** Whether the gateway is connected to Kamailio's evapi socket (absent without `sip.evapi`). */
  kamailio: { readonly connected: boolean } | undefined
}

export const TRANSFER_TTL_MS = 10 * 60_000

export async function buildGatewayApp(options: GatewayAppOptions): Promise<GatewayApp> {
  const { config, logger } = options
  const register = upstreamOf(options)
  const clock = options.clock ?? systemClock
  const storage = await openGatewayStorage(config)
  const transferTtlMs = options.transferTtlMs ?? TRANSFER_TTL_MS
  // Who works here: the configured agents and those provisioned at single sign-on (directory/).
  const roster = await openRoster({
    config,
    store: new MedewerkerStore(storage.db, clock),
    log: logger.child({ scope: 'roster' }),
  }).catch(async (error: unknown) => {
    await storage.close()
    throw error
  })
  // The gateway's own hub keeps today's counters in its database; a hub of the caller's keeps its own.
  const counters = options.hub
    ? undefined
    : await loadStoredCounters(gatewayCounterStore(storage.db), clock).catch(async (error: unknown) => {
        roster.close()
        await storage.close()
        throw error
      })
  const live = createGatewayLive({
    config,
    roster,
    logger,
    hub: options.hub,
    counters,
    now: clock,
    transferTtlMs,
    presenceGraceMs: options.presenceGraceMs,
  })
  let queue: GatewayQueue | undefined
  try {
    const services = createServices({
      config,
      log: logger,
      db: storage.db,
      clock,
      roster,
      upstream: { ...register.upstream, ...options.upstream },
      registerGeneratesNummer: register.generatesNummer,
      authenticator: options.authenticator ?? new PasswordAuthenticator(config.agents, roster),
      presence: live.presence,
      loginRateLimit: { ...DEFAULT_LOGIN_RATE_LIMIT, ...options.loginRateLimit },
      transferTtlMs,
      // The receiving agent's app hears of the transfer over its live socket; supervisors see it.
      transferAnnounced: (transfer) => live.offers.announced(transfer),
      transferClosed: (transfer, outcome) => live.offers.closed(transfer, outcome),
      // Counted on the supervisor's view.
      contactverzoekCreated: live.contactverzoekCreated,
      klantcontactAfgehandeld: live.klantcontactAfgehandeld,
      // Each afdeling's open contactverzoeken on the live hub.
      inboxChanged: live.inboxes.changed,
      // Monitoring needs the monitored agent's live call, and that agent's app makes the monitor
      // call to the supervisor once the hub tells it (docs/supervisor.md).
      liveCalls: live.liveCalls,
      monitorStarted: live.monitors.started,
      monitorEnded: live.monitors.ended,
    })
    queue = createGatewayQueue({
      ...options.queue,
      config,
      roster,
      logger,
      db: storage.db,
      engine: storage.engine,
      hub: live.hub,
      client: services.client,
      actors: services.actors,
      audit: services.audit,
      clock,
      registerGeneratesNummer: register.generatesNummer,
      inboxChanged: live.inboxes.changed,
    })
    const gatewayQueue = queue
    live.inboxes.start(services.inbox.status)
    const app = Fastify({
      loggerInstance: logger.child({ scope: 'http' }) as FastifyBaseLogger,
      // Request ids go into audit lines; they must be unique across restarts and instances.
      genReqId: () => randomUUID(),
      // Task API bodies are a few kilobytes at most (inhoud ≤ 1000, reactie ≤ 4000 characters).
      bodyLimit: 64 * 1024,
      // A path the router cannot decode, a parameter over its length, a request the HTTP parser
      // cannot read: answered before any hook runs, so with the security headers set here.
      frameworkErrors: (error, request, reply) =>
        gatewayErrorHandler(error, request, withSecurityHeaders(reply)),
      clientErrorHandler: problemOnClientError(SECURITY_HEADERS),
      // Forwarding headers count only from the configured reverse proxies; anyone else could claim
      // any address in them and slip past the per-address login limit.
      ...(config.trustedProxies ? { trustProxy: config.trustedProxies } : {}),
      ...(options.serverFactory ? { serverFactory: options.serverFactory } : {}),
    })
    const routes = recordRoutes(app)
    app.setErrorHandler(gatewayErrorHandler)
    app.setNotFoundHandler(gatewayNotFound)
    registerSecurityHeaders(app)
    // Before the session guard: a refused request from the desktop app must be readable to it.
    registerCors(app, config.appOrigins)
    // Before the session guard: a request refused at the door is audited too.
    registerAuditHooks(app, services.audit, clock)
    await app.register(rateLimit, { global: false })
    registerSessionGuard(app, services.auth)
    registerTimeBudget(app, services.client)

    registerAuthRoutes(app, services)
    registerKlantcontactRoutes(app, services)
    registerKlantcontactSearchRoutes(app, services)
    registerAfhandelingRoutes(app, services)
    registerContactverzoekRoutes(app, services)
    registerInboxRoutes(app, services)
    registerTransferRoutes(app, services)
    registerMonitorRoutes(app, services)
    registerDirectoryRoutes(app, services)
    registerPartijRoutes(app, services)
    registerKlantbeeldRoutes(app, services)
    registerAuditRoutes(app, services)
    registerSecurityEventRoutes(app)
    if (config.updates) {
      await registerUpdateFeed(app, config.updates.directory)
    }
    await app.register(liveSocketRoutes, {
      ...options.liveSocket,
      hub: live.hub,
      // The socket closes with its session (logout, expiry, the agent removed or changed).
      ...liveSessionChecks(services),
      presence: live.tracker,
      agentTime: live.agentTime,
      now: clock,
      logger,
    })

    // Before the database closes: the queue's timers stop and nothing more is written.
    app.addHook('preClose', () => gatewayQueue.close())
    app.addHook('onClose', () => roster.close())
    app.addHook('onClose', () => storage.close())
    // Idle keep-alive connections to the register would otherwise hold until their idle timeout.
    app.addHook('onClose', async () => services.client.close())
    // By now the live socket's preClose hook has closed every socket: stop the grace and offer
    // timers (agents are not marked offline because this instance stops) and the hub if ours.
    app.addHook('onClose', () => live.close())
    return {
      app,
      storage,
      services,
      auth: services.auth,
      live: { hub: live.hub, presence: live.presence },
      routes,
      queue: gatewayQueue.queue,
      terugbelverzoeken: gatewayQueue.terugbelverzoeken,
      kamailio: gatewayQueue.kamailio,
    }
  } catch (error) {
    await queue?.close()
    await live.close()
    roster.close()
    await storage.close()
    throw error
  }
}

function upstreamOf(options: GatewayAppOptions): {
  upstream: UpstreamSettings
  generatesNummer: boolean
} {
  const upstream = options.config.klantinteracties
  if (upstream.mode === 'remote') {
    return {
      upstream: { baseUrl: upstream.baseUrl, token: upstream.token },
      generatesNummer: upstream.providerGeneratesNummer,
    }
  }
  if (!options.provider) {
    throw new Error('embedded mode: pass the embedded provider (its base URL and token) to buildGatewayApp')
  }
  return {
    upstream: { baseUrl: options.provider.baseUrl, token: options.provider.token },
    generatesNummer: options.provider.generatesNummer ?? true,
  }
}
