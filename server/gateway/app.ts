import { randomUUID } from 'node:crypto'
import rateLimit from '@fastify/rate-limit'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerFactory } from 'fastify'
import { problemOnClientError } from '../lib/http/client-error'
import { recordRoutes, type RouteEntry } from '../lib/http/route-table'
import type { Logger } from '../lib/logger'
import { registerAuditHooks } from './audit/hooks'
import { PasswordAuthenticator, type Authenticator } from './auth/authenticator'
import { registerSessionGuard, type SessionAuth } from './auth/guard'
import { DEFAULT_LOGIN_RATE_LIMIT, type LoginRateLimit } from './auth/login-rate-limit'
import { registerAuthRoutes } from './auth/routes'
import type { GatewayConfig } from './config/types'
import { openGatewayStorage, type GatewayStorage } from './db/storage'
import { offlinePresence, type PresenceSource } from './directory/presence'
import './http/context'
import { gatewayErrorHandler, gatewayNotFound } from './http/error-handler'
import { registerTimeBudget } from './http/time-budget'
import { registerSecurityHeaders, SECURITY_HEADERS, withSecurityHeaders } from './http/security-headers'
import type { UpstreamSettings } from './register-client/client'
import { systemClock, type Clock } from './lib/clock'
import { registerAuditRoutes } from './routes/audit'
import { registerContactverzoekRoutes } from './routes/contactverzoeken'
import { registerDirectoryRoutes } from './routes/directory'
import { registerKlantcontactRoutes } from './routes/klantcontacten'
import { registerMonitorRoutes } from './routes/monitor-sessions'
import { registerPartijRoutes } from './routes/partijen'
import { registerSecurityEventRoutes } from './routes/security-events'
import { registerTransferRoutes } from './routes/transfers'
import { createServices, type ContactverzoekCreated, type GatewayServices } from './services'
import type { LiveCalls, MonitorListener } from './monitoring/service'
import type { TransferAnnounced, TransferClosed } from './transfers/service'

/**
 * The gateway: the one server the agent app talks to. It authenticates agents, holds the
 * register's token (never handed out: an Open Klant token opens every record, reliability notes
 * §0.1), turns agents' actions into Klantinteracties calls, and audits every access to personal
 * data (BIO2 8.15). It does not listen; the caller does (npm run server, tests use `inject`).
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
  /** Live state for the directory; the live events hub supplies it (default: everyone offline). */
  presence?: PresenceSource
  /** Default: passwords of the configured agents. */
  authenticator?: Authenticator
  clock?: Clock
  loginRateLimit?: Partial<LoginRateLimit>
  /** How long a transfer record lets the receiving agent open the klantcontact (default 10 min). */
  transferTtlMs?: number
  /** Told of every announced transfer (the live hub turns it into a transfer offer). */
  transferAnnounced?: TransferAnnounced
  /** Told when the announcing agent reports a transfer's outcome (the live hub closes the offer). */
  transferClosed?: TransferClosed
  /** Told of every contactverzoek made (the live hub counts it for the supervisor). */
  contactverzoekCreated?: ContactverzoekCreated
  /** An agent's live calls right now (the live hub's `callsOf`); default none, so monitoring is refused. */
  liveCalls?: LiveCalls
  /** Told when a supervisor starts monitoring a call. Not wired to the live hub yet (next step). */
  monitorStarted?: MonitorListener
  /** Told when a supervisor stops monitoring a call. Not wired to the live hub yet (next step). */
  monitorEnded?: MonitorListener
  upstream?: Pick<UpstreamSettings, 'timeoutMs' | 'fetch'>
  /** Serve through a server of the caller's (one port for gateway and provider: server/compose). */
  serverFactory?: FastifyServerFactory
}

export interface GatewayApp {
  app: FastifyInstance
  storage: GatewayStorage
  services: GatewayServices
  /** For the live socket: who a session token belongs to. */
  auth: SessionAuth
  /** Every route it serves, those registered on it later (the live socket, web files) included. */
  routes: readonly RouteEntry[]
}

export const TRANSFER_TTL_MS = 10 * 60_000

export async function buildGatewayApp(options: GatewayAppOptions): Promise<GatewayApp> {
  const { config, logger } = options
  const register = upstreamOf(options)
  const clock = options.clock ?? systemClock
  const storage = await openGatewayStorage(config)
  try {
    const services = createServices({
      config,
      log: logger,
      db: storage.db,
      clock,
      upstream: { ...register.upstream, ...options.upstream },
      registerGeneratesNummer: register.generatesNummer,
      authenticator: options.authenticator ?? new PasswordAuthenticator(config.agents),
      presence: options.presence ?? offlinePresence,
      loginRateLimit: { ...DEFAULT_LOGIN_RATE_LIMIT, ...options.loginRateLimit },
      transferTtlMs: options.transferTtlMs ?? TRANSFER_TTL_MS,
      transferAnnounced: options.transferAnnounced,
      transferClosed: options.transferClosed,
      contactverzoekCreated: options.contactverzoekCreated,
      liveCalls: options.liveCalls ?? (() => []),
      monitorStarted: options.monitorStarted,
      monitorEnded: options.monitorEnded,
    })
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
      ...(options.serverFactory ? { serverFactory: options.serverFactory } : {}),
    })
    const routes = recordRoutes(app)
    app.setErrorHandler(gatewayErrorHandler)
    app.setNotFoundHandler(gatewayNotFound)
    registerSecurityHeaders(app)
    // Before the session guard: a request refused at the door is audited too.
    registerAuditHooks(app, services.audit, clock)
    await app.register(rateLimit, { global: false })
    registerSessionGuard(app, services.auth)
    registerTimeBudget(app, services.client)

    registerAuthRoutes(app, services)
    registerKlantcontactRoutes(app, services)
    registerContactverzoekRoutes(app, services)
    registerTransferRoutes(app, services)
    registerMonitorRoutes(app, services)
    registerDirectoryRoutes(app, services)
    registerPartijRoutes(app, services)
    registerAuditRoutes(app, services)
    registerSecurityEventRoutes(app)

    app.addHook('onClose', () => storage.close())
    return { app, storage, services, auth: services.auth, routes }
  } catch (error) {
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
