import fastifyWebsocket from '@fastify/websocket'
import type { FastifyInstance } from 'fastify'
import { MAX_CLIENT_MESSAGE_BYTES } from '../../../shared/live/validate'
import { scopedLogger, type Logger } from '../../lib/logger'
import type { AgentTimeRules } from './agent-time'
import type { LiveHub } from './hub'
import type { PresenceTracker } from './presence'
import { liveSocketErrors } from './socket-errors'
import { startSession } from './session'
import type { LiveSession, SessionLimits } from './session-types'
import { LiveCloseCode, type LiveSessionChecks } from './types'

/**
 * `GET /api/live`: the one WebSocket each agent app keeps open (protocol: shared/live/protocol.ts).
 *
 * The session token comes in the first message, not in the URL or a header, so access logs and
 * proxies never see it, and a page on another origin cannot ride on a cookie. Registers
 * @fastify/websocket itself unless the app already has it; an app with other WebSocket routes
 * must register @fastify/websocket once, before this plugin, because that plugin routes every
 * upgrade on the server (with `errorHandler: liveSocketErrors(logger)`, socket-errors.ts, or a client
 * sending an oversized frame writes an error line).
 *
 * A socket lives as long as its session, not longer: the session checks (types.ts
 * `LiveSessionChecks`) are made again before every request for data or command, every
 * `sessionCheckMs` for every socket, and at once when this process ends a session.
 */
export interface LiveSocketOptions extends LiveSessionChecks {
  hub: LiveHub
  presence: PresenceTracker
  logger: Logger
  /** Default `/api/live`. */
  path?: string
  /** Time a new socket has to authenticate (default 5 s). */
  authTimeoutMs?: number
  /** Ping interval; a socket that missed one ping is dropped (default 30 s). */
  heartbeatMs?: number
  /** Send queue bound per socket in bytes (default 1 MiB). */
  maxBufferedBytes?: number
  /** Client messages waiting to be handled per socket (default 64). */
  maxQueuedMessages?: number
  /**
   * How often every socket's session is checked again (default 60 s): how long a socket may outlive
   * a session ended by another gateway instance, or by expiry.
   */
  sessionCheckMs?: number
  /** Pauze reasons and nawerk limits for the agents' own state changes (default: reasons, no limits). */
  agentTime?: AgentTimeRules
  /** The gateway's clock, for when a nawerk limit ends (default the system clock). */
  now?: () => number
}

export async function liveSocketRoutes(app: FastifyInstance, options: LiveSocketOptions): Promise<void> {
  const logger = scopedLogger(options.logger, 'live.socket')
  const limits: SessionLimits = {
    authTimeoutMs: options.authTimeoutMs ?? 5_000,
    heartbeatMs: options.heartbeatMs ?? 30_000,
    maxBufferedBytes: options.maxBufferedBytes ?? 1024 * 1024,
    maxQueuedMessages: options.maxQueuedMessages ?? 64,
  }
  const sessions = new Set<LiveSession>()
  const heartbeat = setInterval(() => {
    for (const session of sessions) {
      session.heartbeat()
    }
  }, limits.heartbeatMs)
  heartbeat.unref()
  const sessionCheck = setInterval(() => {
    for (const session of sessions) {
      void session.recheck()
    }
  }, options.sessionCheckMs ?? 60_000)
  sessionCheck.unref()

  // Added before @fastify/websocket (when we register it) so it runs before that plugin's own
  // preClose closes every socket without a code.
  app.addHook('preClose', (done) => {
    clearInterval(heartbeat)
    clearInterval(sessionCheck)
    // Tell clients to reconnect (elsewhere) and resume, rather than that the session ended.
    for (const session of [...sessions]) {
      session.close(LiveCloseCode.goingAway, 'server shutting down')
    }
    done()
  })
  if (!app.hasDecorator('websocketServer')) {
    await app.register(fastifyWebsocket, {
      options: { maxPayload: MAX_CLIENT_MESSAGE_BYTES },
      errorHandler: liveSocketErrors(logger),
    })
  }

  app.get(options.path ?? '/api/live', { websocket: true }, (socket, request) => {
    const session = startSession(
      socket,
      {
        hub: options.hub,
        checks: options,
        presence: options.presence,
        logger: logger.child({ remote: request.ip }),
        limits,
        origin: request.ip,
        requestId: request.id,
        ...(options.agentTime ? { agentTime: options.agentTime } : {}),
        ...(options.now ? { now: options.now } : {}),
      },
      () => sessions.delete(session),
    )
    sessions.add(session)
  })
}
