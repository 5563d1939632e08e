import type { Logger } from '../../lib/logger'
import type { AgentTimeRules } from './agent-time'
import type { LiveHub } from './hub'
import type { PresenceTracker } from './presence'
import type { LiveFilter, LiveIdentity, LiveSessionChecks } from './types'

/**
 * A live session as socket.ts sees it (its limits, what it is given, what it can be asked), and the
 * states session.ts takes it through: awaiting its `auth` message, checking it, authenticated
 * (subscribed once it asked for a snapshot or a resume), closed.
 */
export interface SessionLimits {
  authTimeoutMs: number
  /** Bytes queued on the socket beyond which the client counts as unable to keep up. */
  maxBufferedBytes: number
  /** Client messages waiting to be handled beyond which the client counts as flooding. */
  maxQueuedMessages: number
  heartbeatMs: number
}

export interface SessionDeps {
  hub: LiveHub
  checks: LiveSessionChecks
  presence: PresenceTracker
  logger: Logger
  limits: SessionLimits
  /** The client's address and the upgrade request's id, for the audit line. */
  origin: string
  requestId: string
  agentTime?: AgentTimeRules
  now?: () => number
}

export type SessionState =
  // The timer runs until the session is authenticated: a slow or hung session check counts too.
  | { kind: 'awaiting_auth'; timer: NodeJS.Timeout }
  | { kind: 'authenticating'; timer: NodeJS.Timeout }
  | {
      kind: 'authenticated'
      token: string
      identity: LiveIdentity
      filter: LiveFilter
      stop: (() => void) | null
      unwatch: () => void
    }
  | { kind: 'closed' }

export interface LiveSession {
  /** Called every heartbeat interval: pings, or drops a socket that did not answer the last ping. */
  heartbeat(): void
  /** Checks the session again (without renewing it); closes the socket with 4401 if it ended. */
  recheck(): Promise<void>
  close(code: number, reason: string): void
}
