import type { LiveEvent, LiveEventType, LiveRole } from '../../../shared/live/protocol'

/**
 * Types of the live hub. What crosses the wire lives in shared/live/protocol.ts (the agent app
 * imports it); this file re-exports those and adds what only the gateway uses.
 */
export type {
  AgentState,
  AgentStatus,
  CallDirection,
  CallEndReason,
  CallInfo,
  ClientCallInfo,
  ClientMessage,
  LiveCall,
  LiveErrorCode,
  LiveEvent,
  LiveEventBody,
  LiveEventType,
  LiveRole,
  LiveSnapshot,
  ServerMessage,
  TransferInfo,
  TransferOffer,
  TransferOutcome,
  TransferTarget,
} from '../../../shared/live/protocol'
export { AGENT_STATES, LiveCloseCode } from '../../../shared/live/protocol'

/** Who is on the other end of a live socket, as the gateway's session check says. */
export interface LiveIdentity {
  login: string
  role: LiveRole
  afdeling: string
}

/**
 * Which events a subscriber gets. `everything` is the supervisor's feed; `agent` is what one agent
 * may see (its own state and calls, transfers addressed to it or its afdeling, transfers it
 * offered); `types` is for server-side consumers that need only some kinds of event.
 */
export type LiveFilter =
  | { kind: 'everything' }
  | { kind: 'agent'; login: string; afdeling: string }
  | { kind: 'types'; types: readonly LiveEventType[] }

export type LiveListener = (event: LiveEvent) => void

/** Called when a hub had to rebuild its state and cannot account for every event in between. */
export type ResetListener = () => void

/**
 * The gateway's session checks, as the live socket uses them (auth/live-sessions.ts supplies them
 * from the gateway's session store and audit log). A socket lives for hours, so one check at its
 * first message is not enough: it ends with 4401 when its session ends (logout, expiry, the agent
 * removed or changed), heard of through `watch` in this process and found by `recheck` otherwise.
 */
export interface LiveSessionChecks {
  /** Who holds this token, or null. Counts as the session's activity (the agent did something). */
  authenticate(token: string): Promise<LiveIdentity | null>
  /** The same without renewing the session's idle window (default `authenticate`). */
  recheck?(token: string): Promise<LiveIdentity | null>
  /** Calls `ended` when this process ends the session; answers the unsubscribe. */
  watch?(token: string, ended: () => void): () => void
  /** Stores an audit line; a socket whose line cannot be stored gets nothing (closed, 1011). */
  audit?(entry: LiveAuditEntry): Promise<void>
}

/** A socket's authentication and what it subscribed to, for the gateway's audit log. */
export interface LiveAuditEntry {
  /** The session's agent; null when the token opened no session. */
  actor: string | null
  result: 'ok' | 'denied'
  /** Which events it gets: `everything` (the supervisor's feed) or `agent` (its own); null if none. */
  subscription: LiveFilter['kind'] | null
  /** 101 (Switching Protocols, subscribed) or the close code it was refused with. */
  status: number
  /** The client's network address and the upgrade request's id. */
  origin: string
  requestId: string
}
