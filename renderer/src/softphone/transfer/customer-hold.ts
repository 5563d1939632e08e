import { SessionState, type Session } from 'sip.js'
import type { Logger } from '../../log'
import type { SnapshotStore } from '../snapshot-store'
import { withLimit } from './transfer-timeouts'

export interface CustomerHoldHost {
  readonly log: Logger
  readonly state: SnapshotStore
  customer(): Session | undefined
  reinvite(hold: boolean, signal?: AbortSignal): Promise<void>
}

/** How a hold raced against the end of its step came out. */
export type HoldOutcome =
  | { readonly kind: 'held' }
  | { readonly kind: 'refused'; readonly error: unknown }
  /** The step ended first (its limit, a cancel, the customer hanging up). */
  | { readonly kind: 'left' }

/**
 * The transfer's hold and resume of the customer's call, neither of which may keep the transfer
 * waiting: a hold is raced against the end of its step and cancelled (CANCEL) when that comes
 * first, and a resume is given up after `limitMs`. A hold agreed after its step ended is undone.
 *
 * Why: a consult once stayed on "wordt gebeld" with the customer not on hold, the colleague's
 * phone silent and no way to cancel. The transfer was waiting for the hold re-INVITE's answer,
 * which never came, so the consult INVITE was never sent. sip.js keeps an INVITE client
 * transaction that got a provisional response (a proxy's 100 Trying) in Proceeding with no timer
 * at all (Timer B stops there, and a UAC has no Timer C; invite-client-transaction.js), so a
 * re-INVITE whose final response is lost or never sent (a far end that drops a re-INVITE arriving
 * mid offer/answer, as sip.js itself does while it processes an ACK, RFC 5407 §3.1.4) kept
 * `startConsult` waiting for good, with the transfer in `consulting` and the app's Annuleren not
 * yet offered. A glare 491 (RFC 3261 §14.1) was already resent after a random wait
 * (session-requests.ts) and is now bounded by the same limit.
 */
export class CustomerHold {
  private holding: AbortController | undefined
  private resuming: Promise<void> | undefined

  constructor(
    private readonly host: CustomerHoldHost,
    private readonly limitMs: number,
  ) {}

  /** Sends the hold re-INVITE; settles when it is agreed or refused, or when `left` resolves. */
  async hold(left: Promise<void>): Promise<HoldOutcome> {
    const abort = new AbortController()
    this.holding = abort
    const hold = this.host.reinvite(true, abort.signal)
    const outcome = await Promise.race<HoldOutcome>([
      hold.then(
        () => ({ kind: 'held' }),
        (error: unknown) => ({ kind: 'refused', error }),
      ),
      left.then(() => ({ kind: 'left' })),
    ])
    if (this.holding === abort) {
      this.holding = undefined
    }
    if (outcome.kind === 'left') {
      abort.abort()
      hold.then(
        () => void this.resume(),
        () => undefined,
      )
    }
    return outcome
  }

  /** Gives up a hold re-INVITE still waiting for its answer (CANCEL, RFC 3261 §9.1). */
  abort(): void {
    this.holding?.abort()
  }

  /**
   * Resumes the customer if the call is on hold. Rejects only when `strict` (the agent asked, so
   * they hear of it); otherwise the call stays on hold and the agent can resume it themselves.
   */
  async resume(strict = false): Promise<void> {
    const customer = this.host.customer()
    const onHold = this.host.state.get().call?.state === 'on_hold'
    if (!this.resuming && (customer?.state !== SessionState.Established || !onHold)) {
      return
    }
    // One resume re-INVITE at a time: a second one while the first is pending would glare (491).
    if (!this.resuming) {
      const abort = new AbortController()
      const limit = setTimeout(() => abort.abort(), this.limitMs)
      this.resuming = this.host.reinvite(false, abort.signal).finally(() => {
        clearTimeout(limit)
        this.resuming = undefined
      })
    }
    try {
      await withLimit(this.resuming, this.limitMs)
    } catch (error) {
      this.host.log.warn({ error: String(error) }, 'resuming the customer failed')
      if (strict) {
        throw error
      }
    }
  }
}
