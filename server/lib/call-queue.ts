/**
 * The contract between a SIP server that holds a waiting caller and the gateway's queue that decides
 * where the call goes (server/gateway/queue/). Both SIP servers implement the line side: the embedded
 * server in process (server/sip/), Kamailio through the gateway's evapi adapter, which holds the
 * suspended INVITE's transaction id. The queue never sees SIP: it asks a line to ring one agent at
 * a time and hears how that went.
 *
 * Lives in server/lib/ because server/sip/ and server/gateway/ both build on it and neither may
 * depend on the other.
 */

import type { QueueRejectReason } from '../../shared/sip/queue-responses'

/** A caller the SIP server holds for a group address (an afdeling). */
export interface WaitingCall {
  /** The SIP Call-ID of the caller's INVITE (unique per waiting call on one SIP server). */
  sipCallId: string
  /** User part of the group address called (`AfdelingConfig.groupAddress`). */
  group: string
  /** The caller's number or SIP user as the SIP server saw it (From user part); may be empty. */
  callerNumber: string
  /**
   * When the caller started waiting (ms since the epoch). A call Kamailio re-announces after a
   * gateway restart keeps its original time, and so its place in the queue.
   */
  enteredAt: number
}

/** How one attempt to ring an agent ended. */
export type RingOutcome =
  /** The agent answered: the call is theirs; the queue is done with it. */
  | 'answered'
  /** The ring time passed without an answer. */
  | 'no_answer'
  /** The agent's phone refused (486, 603, or another final failure). */
  | 'declined'
  /** The agent has no registration right now. */
  | 'unreachable'
  /** The caller hung up (CANCEL) while this agent's phone rang. */
  | 'caller_left'

/** Why the queue gives up on a caller; the SIP server sends the final response it maps to. */
export type RejectReason = QueueRejectReason

/** What the queue may do with a call a SIP server holds. One line per waiting call. */
export interface WaitingLine {
  readonly call: WaitingCall
  /**
   * Ring `extension` (an agent's SIP user) for at most `ringSeconds`. Resolves once with the
   * outcome; never rejects. Only one ring at a time per line.
   */
  ring(extension: string, ringSeconds: number): Promise<RingOutcome>
  /** Ends the wait with a final failure response to the caller (480 with a reason phrase). */
  reject(reason: RejectReason): void
  /**
   * Called once when the caller hangs up while waiting (not while ringing an agent: `ring` then
   * resolves `caller_left`), or when the SIP server loses the call.
   */
  onCallerLeft(listener: () => void): void
}

/** The queue as a SIP server sees it: it hands over each caller for a group address. */
export interface CallQueue {
  /** Whether `group` is an afdeling's group address the queue serves. */
  serves(group: string): boolean
  /** A caller waits; the SIP server has already sent 182 Queued. */
  enter(line: WaitingLine): void
}
