import { missingCaseError } from '../lib/missing-case'
import type { TransferTarget } from './target'

/**
 * The agent's "Doorverbinden" from the click until the softphone takes over: the
 * softphone's own transfer state (softphone/transfer/transfer-states.ts) starts only once the consult is
 * dialled or the blind REFER sent. Before that the klantcontact is saved if it is not yet, and the
 * gateway records the transfer (the receiving client resolves the nummer through that record,
 * never on the SIP header alone).
 *
 * | from \ event | saved      | announced | handed | refuse  |
 * | ------------ | ---------- | --------- | ------ | ------- |
 * | saving       | announcing | –         | –      | refused |
 * | announcing   | –          | dialling  | –      | refused |
 * | dialling     | –          | –         | handed | refused |
 * | handed       | –          | –         | –      | refused |
 * | refused      | –          | –         | –      | –       |
 *
 * A transfer without a klantcontact (a call nobody registered) goes straight to dialling. `refuse`
 * after `handed`: the softphone refused a blind REFER it had been handed (no established call any
 * more). `refused` ends it, as `handed` does once the softphone's transfer ends; the next
 * "Doorverbinden" starts a new one.
 */
export type TransferPhase = 'saving' | 'announcing' | 'dialling' | 'handed' | 'refused'

export type TransferPhaseEvent = 'saved' | 'announced' | 'handed' | 'refuse'

/**
 * Why "Doorverbinden" stopped before the colleague's phone rang (the UI words it, messages.ts):
 * the klantcontact has invalid fields (focus went to the first), it could not be saved, the
 * gateway refused the transfer record (4xx), failed on it (5xx, 429) or did not answer, the
 * softphone refused to dial, or the agent cancelled it.
 */
export type TransferRefusal =
  | 'klantcontact_invalid'
  | 'klantcontact_not_saved'
  | 'announce_refused'
  | 'announce_failed'
  | 'unreachable'
  | 'dial_failed'
  /** The agent pressed Annuleren before the colleague's phone was called. */
  | 'cancelled'

/** The klantcontact that travels with the call (its nummer goes into the SIP headers). */
export interface TransferredKlantcontact {
  readonly uuid: string
  readonly nummer: string
  /** Null when the agent may not see it (vertrouwelijk, not involved). */
  readonly onderwerp: string | null
}

export interface TransferIntent {
  /** The softphone's id of the customer's call being transferred. */
  readonly callId: string
  readonly kind: 'warm' | 'blind'
  readonly target: TransferTarget
  readonly phase: TransferPhase
  /** Epoch ms the agent pressed Doorverbinden (the softphone's transfer starts after it). */
  readonly startedAt: number
  readonly klantcontact?: TransferredKlantcontact
  /** The gateway's transfer record, once announced: its outcome is reported to close the offer. */
  readonly transferId?: string
  readonly refusal?: TransferRefusal
  /** The gateway's own Dutch reason, when it gave one. */
  readonly detail?: string
  /** Set when the agent cancelled it before the softphone had it (slice.ts, abort). */
  readonly aborted?: boolean
}

/** The next phase, or undefined when `event` is not allowed in `from` (the table above). */
export function nextTransferPhase(from: TransferPhase, event: TransferPhaseEvent): TransferPhase | undefined {
  switch (from) {
    case 'saving':
      return event === 'saved' ? 'announcing' : event === 'refuse' ? 'refused' : undefined
    case 'announcing':
      return event === 'announced' ? 'dialling' : event === 'refuse' ? 'refused' : undefined
    case 'dialling':
      return event === 'handed' ? 'handed' : event === 'refuse' ? 'refused' : undefined
    case 'handed':
      return event === 'refuse' ? 'refused' : undefined
    case 'refused':
      return undefined
    default:
      throw missingCaseError(from)
  }
}

/** Whether the intent is still before the softphone (so a second "Doorverbinden" must wait). */
export function isPreparing(phase: TransferPhase): boolean {
  switch (phase) {
    case 'saving':
    case 'announcing':
    case 'dialling':
      return true
    case 'handed':
    case 'refused':
      return false
    default:
      throw missingCaseError(phase)
  }
}
