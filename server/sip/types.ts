import type { Server as HttpServer } from 'node:http'
import type { CallQueue } from '../lib/call-queue'
import type { Logger } from '../lib/logger'

/**
 * A static SIP account: user and password (tests, and a SIP phone without a gateway session). Only
 * HA1 is kept. Agents of the gateway have none: they use ephemeral credentials (`ephemeral`).
 */
export interface SipAccount {
  username: string
  password: string
}

/** The SIP users the server treats as agents: they may authenticate, register and be called. */
export interface AgentSet {
  has(user: string): boolean
}

/**
 * Ephemeral credentials (Kamailio's autheph format, server/lib/sip-ephemeral.ts): username
 * `<expiry>:<user>`, password base64(HMAC-SHA1(secret, username)), issued by the gateway per session.
 */
export interface SipEphemeralOptions {
  /** The secret shared with the gateway that issues them. */
  secret: string
  /**
   * Whether a user is an agent (the gateway's roster). Ephemeral credentials are accepted for them
   * only; a valid HMAC for anyone else is refused.
   */
  isAgent(user: string): boolean
}

/** A group address (`sip:<user>@<domain>`) that rings every available member at once. */
export interface SipGroup {
  user: string
  /** Usernames available right now; called for every INVITE to the group. */
  members(): string[]
}

export interface SipLimits {
  /** Largest SIP message (one WebSocket message) accepted; bigger closes the connection. */
  maxMessageBytes: number
  /** Contacts one account may have registered at the same time. */
  maxRegistrationsPerAccount: number
  /** REGISTER expiry bounds and default, in seconds (below the minimum: 423). */
  minExpires: number
  maxExpires: number
  defaultExpires: number
  /** How often expired registrations and nonces are swept, in milliseconds. */
  sweepIntervalMs: number
  /** How long a digest nonce is accepted, in seconds (then `stale=true`). */
  nonceTtlSeconds: number
  /** How long an INVITE may ring before the proxy cancels it (RFC 3261 timer C), in seconds. */
  ringTimeoutSeconds: number
  /** Failed digest attempts on one connection before it is closed. */
  maxAuthFailuresPerConnection: number
  /**
   * Failed digest attempts over all connections, within `authFailureWindowSeconds`, before one
   * account from one source address (`…PerAccount`) or one source address (`…PerAddress`) is
   * refused for `authBlockSeconds`, doubling with every next block up to `authMaxBlockSeconds`
   * (auth-limits.ts).
   */
  authFailuresPerAccount: number
  authFailuresPerAddress: number
  authFailureWindowSeconds: number
  authBlockSeconds: number
  authMaxBlockSeconds: number
  /** Open connections that have not authenticated, per source address and in total. */
  maxUnauthenticatedPerAddress: number
  maxUnauthenticatedConnections: number
  /** Seconds a connection may stay open without authenticating (a guest: without a call). */
  authTimeoutSeconds: number
  /**
   * How often a queued caller gets another `182 Queued`, in seconds: proxies on the way cancel an
   * INVITE without a provisional response for 3 minutes (RFC 3261 timer C), so once a minute.
   */
  queuedProvisionalSeconds: number
}

interface SipServerBaseOptions {
  /** SIP domain and digest realm, e.g. `kcc.test`. */
  domain: string
  /** Static accounts; left out: none (agents then authenticate with `ephemeral` credentials only). */
  accounts?: SipAccount[]
  ephemeral?: SipEphemeralOptions
  groups?: SipGroup[]
  /**
   * Users that may call without authentication (the demo caller page). They may only send INVITEs
   * to group addresses, registered agents and registered agents' contacts, may not REGISTER, and
   * the proxy strips X-KCC-Klantcontact, User-to-User and X-KCC-Monitor from everything they send.
   */
  guests?: string[]
  /**
   * Browser origins whose pages may open a SIP WebSocket, besides the server's own origin (the
   * http(s) origin of the server it listens on). A handshake with any other Origin is refused with
   * 403; one without Origin (a SIP client that is not a browser) is not a cross-site page and passes.
   */
  allowedOrigins?: string[]
  /**
   * The gateway's queue. An INVITE to a group address it serves is answered `182 Queued` and held
   * until the queue has it ring an agent (one at a time) or rejects it (queued-calls.ts). Without
   * it, or for groups it does not serve, a group call rings every available member at once.
   */
  queue?: CallQueue
  limits?: Partial<SipLimits>
  logger: Logger
}

/** Own HTTP server on 127.0.0.1 (port 0 = any free port); WebSocket upgrades on `path` (default `/`). */
export interface SipServerOwnPortOptions extends SipServerBaseOptions {
  port?: number
  path?: string
  server?: never
}

/** Mounted on an existing HTTP(S) server: WebSocket upgrades on `path` only (e.g. `/sip`). */
export interface SipServerMountedOptions extends SipServerBaseOptions {
  server: HttpServer
  path: string
  port?: never
}

export type SipServerOptions = SipServerOwnPortOptions | SipServerMountedOptions

export interface RegistrationInfo {
  user: string
  /** The registered Contact URI as the client sent it. */
  contact: string
  expiresInSeconds: number
  /** The WebSocket connection it is bound to. */
  connection: string
}

export interface SipServerStats {
  connections: number
  registrations: number
  transactions: number
  calls: number
  /** Dialogs the proxy saw form and still tracks (guests may only act inside these). */
  dialogs: number
  nonces: number
  /** Callers held for the queue (waiting or ringing an agent), not yet answered or gone. */
  waiting: number
}

export interface SipServer {
  /** `ws://127.0.0.1:<port><path>` (or `wss://` when mounted on an HTTPS server). */
  readonly url: string
  registrations(): RegistrationInfo[]
  /** Live state counters, for health checks and leak tests. */
  stats(): SipServerStats
  close(): Promise<void>
}

export const DEFAULT_LIMITS: SipLimits = {
  maxMessageBytes: 64 * 1024,
  maxRegistrationsPerAccount: 5,
  minExpires: 60,
  maxExpires: 3600,
  defaultExpires: 600,
  sweepIntervalMs: 10_000,
  nonceTtlSeconds: 300,
  ringTimeoutSeconds: 120,
  maxAuthFailuresPerConnection: 5,
  authFailuresPerAccount: 5,
  authFailuresPerAddress: 20,
  authFailureWindowSeconds: 300,
  authBlockSeconds: 60,
  authMaxBlockSeconds: 3600,
  maxUnauthenticatedPerAddress: 20,
  maxUnauthenticatedConnections: 500,
  authTimeoutSeconds: 30,
  queuedProvisionalSeconds: 60,
}
