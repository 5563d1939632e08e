/**
 * What a caller held in an afdeling's queue hears from either SIP server: the provisional response
 * while waiting, and the reason phrase of the final 480 when the queue gives up. The caller page
 * turns the phrase into Dutch for the citizen, the embedded server sends it, and Kamailio's
 * deploy/kamailio/queue.cfg repeats it (test/unit/sip/kamailio-cfg.test.ts holds the copy to this).
 */

/** RFC 3261 §21.1.4: the call is queued; sent at once and again while the caller waits. */
export const QUEUED_STATUS = 182
export const QUEUED_PHRASE = 'Queued'

export const QUEUE_REJECT_REASONS = ['no_agent', 'timeout', 'terugbelverzoek'] as const
/** Why the queue gives up on a caller. */
export type QueueRejectReason = (typeof QUEUE_REJECT_REASONS)[number]

/** The final response is always 480 Temporarily Unavailable; the phrase says why. */
export const QUEUE_REJECT_STATUS = 480
export const QUEUE_REJECT_PHRASES: Readonly<Record<QueueRejectReason, string>> = {
  no_agent: 'No Agent Available',
  timeout: 'Queue Timeout',
  terugbelverzoek: 'Callback Registered',
}
