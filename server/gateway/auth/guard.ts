import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import type { Role } from '../config/types'
import { notAuthenticated, permissionDenied, sessionInvalid } from '../http/problems'
import type { Roster } from '../directory/roster'
import type { Authenticator } from './authenticator'
import type { SessionStore } from './sessions'

/**
 * Every request needs a session (`Authorization: Bearer <token>`, RFC 6750), except on a route
 * that declares `config.public` (the login, the web files). Denied by default: a route someone adds
 * later is protected without anyone remembering to protect it, and so is a request that matched no
 * route (it gets its 404 only with a session).
 *
 * The decision hangs on the route the request matched, never on its URL: the router decodes the
 * path, so `/%61pi/partijen` is the route `/api/partijen`, and a string test on the raw URL would
 * let it through.
 *
 * WebSocket routes (the live socket, live/socket.ts) are the exception: a browser cannot set headers
 * on a WebSocket, so the token comes in the socket's first message and the route checks it with
 * `SessionAuth.authenticate`. They are marked public when registered; a plain GET on such a route
 * gets @fastify/websocket's 404, so nothing is reachable through it without that check.
 */
const TOKEN = /^Bearer ([A-Za-z0-9_-]{20,200})$/

export class SessionAuth {
  constructor(
    readonly sessions: SessionStore,
    readonly authenticator: Authenticator,
    /** Reloaded when a session's login is unknown here: another instance may just have provisioned them. */
    private readonly roster?: Pick<Roster, 'find'>,
  ) {}

  /**
   * The agent a session token belongs to, or null (unknown, expired, or agent removed). `renew:
   * false` checks without counting as the agent's activity (a periodic check of an idle socket).
   */
  async authenticate(
    token: string,
    options: { renew?: boolean } = {},
  ): Promise<ReturnType<Authenticator['identity']>> {
    const session = await this.sessions.verify(token, options)
    if (!session) {
      return null
    }
    let identity = this.authenticator.identity(session.login)
    if (!identity && this.roster && (await this.roster.find(session.login))) {
      identity = this.authenticator.identity(session.login)
    }
    if (!identity) {
      await this.sessions.revoke(token)
    }
    return identity
  }
}

export function registerSessionGuard(app: FastifyInstance, auth: SessionAuth): void {
  app.decorateRequest('agent', null)
  app.decorateRequest('sessionToken', null)
  app.addHook('onRoute', (route) => {
    if ((route as { websocket?: boolean }).websocket) {
      route.config = { ...route.config, public: true }
    }
  })
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (request.routeOptions.config.public) {
      return
    }
    const header = request.headers.authorization
    if (!header) {
      throw notAuthenticated()
    }
    const token = TOKEN.exec(header)?.[1]
    if (!token) {
      throw sessionInvalid()
    }
    const agent = await auth.authenticate(token)
    if (!agent) {
      throw sessionInvalid()
    }
    request.agent = agent
    request.sessionToken = token
  })
}

/**
 * preHandler: the agent must have `role` (403 otherwise, with `detail` when given; the guard has
 * already ensured a session).
 */
export function requireRole(role: Role, detail?: string): preHandlerAsyncHookHandler {
  return async (request) => {
    if (request.agent?.role !== role) {
      throw permissionDenied(detail)
    }
  }
}

/** The authenticated agent of a request behind the guard. */
export function agentOf(request: FastifyRequest): NonNullable<FastifyRequest['agent']> {
  if (!request.agent) {
    throw notAuthenticated()
  }
  return request.agent
}
