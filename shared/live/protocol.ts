/**
 * The live socket's wire protocol (`GET /api/live`), shared by the gateway and the agent app.
 * Pure TypeScript: the renderer imports it as is.
 *
 * Flow: the client opens the socket and sends `auth` first (the token travels in a message, not in
 * the URL or a header, so it never lands in an access log); the server answers `welcome`. The
 * client then sends `snapshot` (no state yet) or `resume` (it has state up to `lastSeq` of hub
 * `epoch`); the server answers `snapshot` or `resumed` and from then on streams `event`s in `seq`
 * order. Events the client already has (seq ≤ its last seq) can be ignored. A `snapshot` may also
 * arrive unasked (the server had to rebuild its state): it replaces everything the client holds.
 *
 * On close: 4401 means log in again; every other code (or a lost connection) means reconnect with
 * backoff and `resume` from the last seq applied. An agent's state survives a reconnect within the
 * server's grace period (10 s by default); after that the agent is `offline` and its calls ended.
 */

import type { DayCounters } from './counters'
import type { Afhandeling } from '../klantcontact/afhandeling'
import type { InboxStatus } from './inbox'
import type { QueueOutcome, QueueStatus } from './queue'

export const AGENT_STATES = [
  'offline',
  'beschikbaar',
  'pauze',
  'ringing',
  'in_gesprek',
  'on_hold',
  'consulting',
  'nawerk',
] as const
export type AgentState = (typeof AGENT_STATES)[number]

const KNOWN_AGENT_STATES: ReadonlySet<string> = new Set<string>(AGENT_STATES)

/** Whether a state read from elsewhere (the directory, a stored value) is one the app knows. */
export function isAgentState(value: string): value is AgentState {
  return KNOWN_AGENT_STATES.has(value)
}

export type LiveRole = 'agent' | 'supervisor'

export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const
export type CallDirection = (typeof CALL_DIRECTIONS)[number]

/**
 * `agent_offline`: the server ended the call because the agent's last connection went away.
 * `answered_elsewhere`: one agent's ringing leg of a group call that a colleague answered (the
 * proxy's CANCEL said so, RFC 3326 `Reason: SIP;cause=200`): neither answered nor abandoned.
 */
export const CALL_END_REASONS = [
  'completed',
  'abandoned',
  'answered_elsewhere',
  'transferred',
  'failed',
  'agent_offline',
] as const
export type CallEndReason = (typeof CALL_END_REASONS)[number]

export const TRANSFER_OUTCOMES = ['accepted', 'declined', 'cancelled', 'expired'] as const
export type TransferOutcome = (typeof TRANSFER_OUTCOMES)[number]

/** One agent's current state; `since` is the ISO time of the event that set it. */
export interface AgentStatus {
  login: string
  afdeling: string
  state: AgentState
  since: string
  /** On pauze: the reason the agent chose (one of the gateway's `pauzeRedenen`). */
  pauzeReden?: string
  /** In nawerk with a limit: ISO time the gateway makes the agent Beschikbaar again. */
  nawerkTot?: string
}

/** What a call event says about a call; every call event carries the whole of it. */
export interface CallInfo {
  /**
   * Unique per call leg: the agent app uses its call record's id, not the SIP Call-ID, because a
   * group call forked to several agents rings each of them with the same Call-ID (RFC 3261 §16.6).
   */
  callId: string
  /** Login of the agent handling the call. */
  agent: string
  afdeling: string
  direction: CallDirection
  /** The customer's number: the caller on an inbound call, the called party on an outbound one. */
  callerNumber: string
  klantcontactnummer?: string
  /** Never present when `vertrouwelijk`: that content is for the agents involved only (docs/gateway.md). */
  onderwerp?: string
  vertrouwelijk: boolean
  /** A call between colleagues (a consult), not a customer's: today's counters leave it out. */
  internal?: boolean
  /**
   * When the agent answered, by the gateway's clock: stamped by the hub the first time the agent's
   * app says `answered`, then kept on every later event of the call. Absent while it rings. Every
   * screen counts a call's duration from it (renderer/src/live/gateway-clock.ts), so the agent's
   * own timer and the supervisor's row show the same time.
   */
  answeredAt?: string
}

/** A call in a snapshot: the last CallInfo plus when it started and last changed. */
export interface LiveCall extends CallInfo {
  startedAt: string
  updatedAt: string
}

export type TransferTarget = { kind: 'agent'; login: string } | { kind: 'afdeling'; afdeling: string }

export interface TransferInfo {
  transferId: string
  klantcontactnummer: string
  /** Login of the offering agent. */
  from: string
  /** The offering agent's afdeling (today's counters count the transfer there). */
  afdeling?: string
  to: TransferTarget
  callId?: string
}

export interface TransferOffer extends TransferInfo {
  offeredAt: string
}

export const MONITOR_MODES = ['listen', 'whisper', 'barge'] as const
/** Listen in (silent), whisper (only the agent hears the supervisor), barge (three-way). */
export type MonitorMode = (typeof MONITOR_MODES)[number]

/**
 * A monitoring session the gateway authorised (`POST /api/monitor-sessions`, docs/supervisor.md):
 * what the monitored agent's app needs to call the supervisor with both legs of its call.
 */
export interface MonitorInfo {
  /** The session's uuid: the monitor call carries it in `X-KCC-Monitor` (shared/sip/monitor-header.ts). */
  id: string
  supervisor: string
  /** Shown to the agent ("meegeluisterd door …"). */
  supervisorName: string
  /** Where the agent's app sends the monitor call. */
  supervisorExtension: string
  agent: string
  mode: MonitorMode
  /** The monitored call (its `CallInfo.callId`). */
  callId: string
}

/** Event bodies as publishers hand them to the hub (no seq, no time yet). */
export type LiveEventBody =
  | {
      type: 'agent.state'
      login: string
      afdeling: string
      state: AgentState
      /** On pauze: the reason chosen. */
      pauzeReden?: string
      /** In nawerk with a limit: when the gateway ends it (ISO). */
      nawerkTot?: string
    }
  | { type: 'call.started'; call: CallInfo }
  | { type: 'call.updated'; call: CallInfo }
  | {
      type: 'call.ended'
      callId: string
      agent: string
      afdeling: string
      reason: CallEndReason
      /** Answer to end, ms, as the agent's app measured it (for the average handling time). */
      handledMs?: number
      /** Copied from the call: a call between colleagues. */
      internal?: boolean
      /**
       * Copied by the hub from the call as `call.started` told it (never taken from the app's
       * `call.ended`): only an inbound call can be answered or abandoned (shared/live/counters.ts).
       * Absent on events from before it was carried.
       */
      direction?: CallDirection
    }
  | { type: 'transfer.offered'; transfer: TransferInfo }
  | {
      type: 'transfer.closed'
      transferId: string
      klantcontactnummer: string
      from: string
      to: TransferTarget
      outcome: TransferOutcome
    }
  /** The gateway made a contactverzoek (interne taak); `afdeling` is the requesting agent's. */
  | { type: 'contactverzoek.created'; from: string; afdeling: string }
  /** A supervisor started monitoring `monitor.agent`'s call: that agent's app calls the supervisor. */
  | { type: 'monitor.started'; monitor: MonitorInfo }
  /** The supervisor ended the session; the agent's app hangs up the monitor call if it still runs. */
  | { type: 'monitor.ended'; id: string; supervisor: string; agent: string }
  /** An afdeling's queue changed (a caller joined or left): its whole status, so the latest wins. */
  | { type: 'queue.changed'; queue: QueueStatus }
  /**
   * A caller left an afdeling's queue. `queueCallId` is the gateway's id for the waiting call (not
   * the SIP Call-ID). `withinServiceLevel`: answered within the afdeling's service-level time.
   */
  | {
      type: 'queue.left'
      queueCallId: string
      afdeling: string
      outcome: QueueOutcome
      waitedMs: number
      withinServiceLevel: boolean
    }
  /** The gateway registered a terugbelverzoek (a caller who waited and was not answered) for `afdeling`. */
  | { type: 'terugbelverzoek.created'; afdeling: string }
  /**
   * An agent recorded how a klantcontact ended; `afdeling` is the agent's (for the counters).
   * `vervangt`: the afhandeling this recording replaces, when the same afdeling recorded it earlier
   * the same day (the counters then move the klantcontact instead of counting it twice).
   */
  | {
      type: 'klantcontact.afgehandeld'
      login: string
      afdeling: string
      afhandeling: Afhandeling
      vervangt?: Afhandeling
    }
  /** An afdeling's open contactverzoeken changed: its whole status, so the latest wins. */
  | { type: 'inbox.changed'; inbox: InboxStatus }

export type LiveEventType = LiveEventBody['type']

/**
 * Every event as the hub delivers it: `seq` is one global, gap-free, increasing order per hub
 * (shared by all gateway instances on one PostgreSQL), `at` the ISO time it was published.
 */
export type LiveEvent = LiveEventBody & { seq: number; at: string }

export interface LiveSnapshot {
  /** Identifies the hub's sequence; a resume against a different epoch gets a snapshot instead. */
  epoch: string
  /** The last event the snapshot includes. */
  seq: number
  agents: AgentStatus[]
  calls: LiveCall[]
  transfers: TransferOffer[]
  /** Today's counters per afdeling (shared/live/counters.ts); absent from a hub that keeps none. */
  counters?: DayCounters
  /** Each afdeling's queue as the last `queue.changed` left it; absent from a hub that keeps none. */
  queues?: QueueStatus[]
  /** Each afdeling's open contactverzoeken as the last `inbox.changed` left them. */
  inboxes?: InboxStatus[]
}

/**
 * What an agent app may say about its own call (agent and afdeling come from its session).
 * `answered`: the agent has answered; the hub stamps `answeredAt` with its own clock, never the app's.
 */
export type ClientCallInfo = Omit<CallInfo, 'agent' | 'afdeling' | 'vertrouwelijk' | 'answeredAt'> & {
  vertrouwelijk?: boolean
  answered?: boolean
}

export type ClientMessage =
  | { type: 'auth'; token: string }
  | { type: 'snapshot' }
  | { type: 'resume'; epoch: string; lastSeq: number }
  /**
   * `from`: apply only if the hub still has the agent in this state. The app sends it with the
   * changes it derives from its calls (ringing, in gesprek, back to beschikbaar), so such a change
   * never overrules a state the gateway set meanwhile (the queue puts an agent whose phone rang out
   * on pauze); the agent's own choices carry none. `pauzeReden`: with pauze, one of the gateway's
   * `pauzeRedenen` (anything else is refused).
   */
  | { type: 'state'; state: AgentState; from?: AgentState; pauzeReden?: string }
  | { type: 'call.started'; call: ClientCallInfo }
  | { type: 'call.updated'; call: ClientCallInfo }
  | { type: 'call.ended'; callId: string; reason: CallEndReason; handledMs?: number }
  | { type: 'ping' }

export type LiveErrorCode =
  'invalid_message' | 'invalid_transition' | 'forbidden' | 'unknown_call' | 'call_exists' | 'unavailable'

export type ServerMessage =
  | {
      type: 'welcome'
      login: string
      role: LiveRole
      afdeling: string
      epoch: string
      /** The server pings this often; the app may send `ping` to check the connection itself. */
      heartbeatMs: number
      /**
       * The gateway's clock (ISO) as it sent this; with `pong`'s, the app estimates how far its own
       * clock is off, to count durations from the gateway's times. Absent from an older gateway.
       */
      serverTime?: string
    }
  | ({ type: 'snapshot' } & LiveSnapshot)
  | { type: 'resumed'; epoch: string; lastSeq: number }
  | { type: 'event'; event: LiveEvent }
  | { type: 'error'; code: LiveErrorCode; message: string }
  | { type: 'pong'; serverTime?: string }

/** Close codes the server uses (4000–4999 is the application range of RFC 6455). */
export const LiveCloseCode = {
  /** No valid `auth` as the first message within the time allowed. */
  unauthenticated: 4401,
  /** Not JSON, or too large. */
  badMessage: 4400,
  /** The client fell behind (send queue full) or sent faster than it could be served; resume. */
  tooSlow: 4429,
  /** The server is shutting down; reconnect (to another instance) and resume. */
  goingAway: 1001,
  /** The session could not be checked (authentication backend down); retry. */
  internalError: 1011,
} as const
