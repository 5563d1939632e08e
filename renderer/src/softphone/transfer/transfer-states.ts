import { missingCaseError } from '../../lib/missing-case'
import type { Transition } from '../states'

/**
 * A transfer of the customer's call. `null` is "no transfer yet" (the snapshot's
 * `transfer` is null); the three end states stay visible until the next transfer or the next call.
 *
 * | from \ event | consult    | blind_refer | refer      | succeed   | fail   | cancel    |
 * | ------------ | ---------- | ----------- | ---------- | --------- | ------ | --------- |
 * | (none)       | consulting | completing  | –          | –         | –      | –         |
 * | consulting   | –          | –           | completing | –         | failed | cancelled |
 * | completing   | –          | –           | –          | completed | failed | cancelled |
 * | completed    | consulting | completing  | –          | –         | –      | –         |
 * | failed       | consulting | completing  | –          | –         | –      | –         |
 * | cancelled    | consulting | completing  | –          | –         | –      | –         |
 *
 * - `consulting`: warm only. The customer is on hold and the consult call rings or is up
 *   (`snapshot.consult` says which). It fails when the colleague does not take the consult (busy,
 *   declined, no answer) or hangs up before the transfer, and when the customer hangs up.
 * - `completing`: the REFER is out (RFC 3515 §2.4.1): Replaces for warm (RFC 3891), a plain
 *   Refer-To for blind. `succeed` is, warm, the NOTIFY whose sipfrag is a 2xx (RFC 3515 §2.4.5);
 *   blind, the REFER's 202: the customer's phone took the job over (RFC 5589 §6), the agent ends
 *   the customer leg and is free, and whether the colleague answers is the customer's phone's
 *   business from there. `fail` is a rejected REFER or, warm, a final non-2xx sipfrag.
 * - `cancelled`: the agent gave up the transfer in one of its steps (below), or hung up the
 *   customer's call before the outcome was known (the transferee may still reach the colleague; we
 *   no longer hear about it, since sip.js drops NOTIFYs on a session that is no longer established).
 *
 * `–` is refused and keeps the state (a late NOTIFY or a duplicate sip.js callback).
 */
export type TransferState = 'consulting' | 'completing' | 'completed' | 'failed' | 'cancelled'

export type TransferEvent =
  /** startConsult: the customer goes on hold and the consult call is dialled. */
  | 'consult'
  /** blindTransfer: REFER without a consult. */
  | 'blind_refer'
  /** completeTransfer: REFER with Replaces on the customer's call. */
  | 'refer'
  /** The transferee reached the colleague. */
  | 'succeed'
  /** The consult or the REFER did not work out; the agent is back with the customer. */
  | 'fail'
  /** The agent gave up the consult, or hung up the customer during the transfer. */
  | 'cancel'

/**
 * The steps of a transfer under way, each with a way out and a limit, so that no transfer waits
 * forever on a message that never comes:
 *
 * | step      | state      | what it waits for                     | next      | limit (default)      | on limit    | cancel (the agent's "Annuleren")                 |
 * | --------- | ---------- | ------------------------------------- | --------- | -------------------- | ----------- | ------------------------------------------------ |
 * | holding   | consulting | the hold re-INVITE's answer           | dialling  | holdMs (10 s)        | failed      | CANCEL the re-INVITE; resume if the hold landed   |
 * | dialling  | consulting | the colleague to answer the consult   | talking   | consultRingMs (25 s) | no_answer   | CANCEL the consult; resume the customer          |
 * | talking   | consulting | the agent (complete or cancel)        | referring | none                 | –           | BYE the consult; resume the customer             |
 * | referring | completing | the REFER's outcome (202 / NOTIFY)    | –         | referMs (30 s)       | failed      | stop following; hang up the consult; resume      |
 *
 * `talking` has no limit: the agent and the colleague are both on the line and either can end it,
 * as on any call. Every other step waits on the network or on the colleague's phone. A limit that
 * passes fails the transfer with its reason and takes the agent back to the customer, like any
 * other failure. `referring` ends in `completed`, `failed` or `cancelled`.
 */
export type TransferStep = 'holding' | 'dialling' | 'talking' | 'referring'

/** The time limits of the steps, keys of the transfer's timeouts (transfer.ts). */
export type TransferLimit = 'holdMs' | 'consultRingMs' | 'referMs'

export interface TransferStepRule {
  readonly state: 'consulting' | 'completing'
  readonly next: readonly TransferStep[]
  readonly limit: TransferLimit | null
  readonly onLimit: TransferFailureReason | null
}

export const TRANSFER_STEPS: Readonly<Record<TransferStep, TransferStepRule>> = {
  holding: { state: 'consulting', next: ['dialling'], limit: 'holdMs', onLimit: 'failed' },
  dialling: { state: 'consulting', next: ['talking'], limit: 'consultRingMs', onLimit: 'no_answer' },
  talking: { state: 'consulting', next: ['referring'], limit: null, onLimit: null },
  referring: { state: 'completing', next: [], limit: 'referMs', onLimit: 'failed' },
}

/** The first step of a transfer started by `event`: warm holds the customer, blind REFERs. */
export function firstStep(event: 'consult' | 'blind_refer'): TransferStep {
  return event === 'consult' ? 'holding' : 'referring'
}

/** Whether a transfer in `from` may move on to `to` (TRANSFER_STEPS). Pure. */
export function canStep(from: TransferStep | undefined, to: TransferStep): boolean {
  return from !== undefined && TRANSFER_STEPS[from].next.includes(to)
}

/** Why a transfer failed, for the agent (the SIP status behind it is logged, not shown). */
export type TransferFailureReason =
  | 'busy'
  | 'declined'
  | 'no_answer'
  | 'unavailable'
  /** The colleague hung up the consult call before the agent transferred. */
  | 'target_hung_up'
  /** The customer hung up while the agent was consulting or transferring. */
  | 'customer_hung_up'
  /** Anything else: a rejected REFER, no response, a transport error. */
  | 'failed'

const to = (state: TransferState): Transition<TransferState | null> => ({ ok: true, state })
const refuse = (state: TransferState | null, event: TransferEvent): Transition<TransferState | null> => ({
  ok: false,
  state,
  reason: `${event} is impossible in ${state ?? 'none'}`,
})

/** The next transfer state, or a refusal that keeps `state` unchanged. Pure. */
export function transitionTransfer(
  state: TransferState | null,
  event: TransferEvent,
): Transition<TransferState | null> {
  switch (event) {
    case 'consult':
      return isTransferInProgress(state) ? refuse(state, event) : to('consulting')
    case 'blind_refer':
      return isTransferInProgress(state) ? refuse(state, event) : to('completing')
    case 'refer':
      return state === 'consulting' ? to('completing') : refuse(state, event)
    case 'succeed':
      return state === 'completing' ? to('completed') : refuse(state, event)
    case 'fail':
      return isTransferInProgress(state) ? to('failed') : refuse(state, event)
    case 'cancel':
      return isTransferInProgress(state) ? to('cancelled') : refuse(state, event)
    default:
      throw missingCaseError(event)
  }
}

/** Whether a transfer in `state` is still under way (so no second one may start). */
export function isTransferInProgress(state: TransferState | null): boolean {
  switch (state) {
    case 'consulting':
    case 'completing':
      return true
    case null:
    case 'completed':
    case 'failed':
    case 'cancelled':
      return false
    default:
      throw missingCaseError(state)
  }
}

/**
 * The reason for a final SIP status: the consult INVITE's final response, or the status line of the
 * transferee's final sipfrag NOTIFY (RFC 3515 §2.4.5). RFC 3261 §21: 486 Busy Here and 600 Busy
 * Everywhere; 603 Decline; 408 Request Timeout, 480 Temporarily Unavailable (what our SIP servers
 * answer after the ring timeout or without a registration) and 487 Request Terminated (the ringing
 * was cancelled upstream) mean nobody answered; 404, 410, 484, 503 and 604 mean the target cannot be
 * reached at all. Anything else, or no status, is a plain failure.
 */
export function failureReasonForStatus(status: number | undefined): TransferFailureReason {
  switch (status) {
    case 486:
    case 600:
      return 'busy'
    case 603:
      return 'declined'
    case 408:
    case 480:
    case 487:
      return 'no_answer'
    case 404:
    case 410:
    case 484:
    case 503:
    case 604:
      return 'unavailable'
    default:
      return 'failed'
  }
}
