/**
 * The afdelingen's call queues as the live socket shows them: the supervisor's team overview and
 * wallboard, and the waiting count in an agent's own panel. The gateway's queue
 * (server/gateway/queue/) is the only publisher. No caller's number travels here: a wall screen
 * is not a place for personal data.
 */

/** How a call left its afdeling's queue. */
export const QUEUE_OUTCOMES = [
  /** An agent of this afdeling answered. */
  'answered',
  /** The caller hung up while waiting or while an agent's phone rang. */
  'abandoned',
  /** Nobody of the afdeling could take calls (no member Beschikbaar or registered, and no overflow). */
  'no_agent',
  /** The afdeling's maximum wait passed. */
  'timeout',
  /** Moved on to the overflow afdeling's queue (counted there again when it leaves). */
  'overflowed',
] as const
export type QueueOutcome = (typeof QUEUE_OUTCOMES)[number]

/** One afdeling's queue right now. */
export interface QueueStatus {
  afdeling: string
  /** Callers waiting, including the one whose offer is ringing at an agent. */
  waiting: number
  /** ISO time the longest-waiting caller joined (absent when nobody waits): the app counts up from it. */
  oldestSince?: string
}
