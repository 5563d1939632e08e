import { SessionState, type Session, type UserAgent } from 'sip.js'
import { klantcontactHeaders } from '../../../../shared/sip/klantcontactnummer'
import {
  assertKlantcontactnummer,
  type Klantcontactnummer,
} from '../../../../shared/klantcontact/klantcontactnummer'
import type { Logger } from '../../log'
import type { CallAudio } from '../media/call-audio'
import { callTargetUri, targetLabel } from '../call/call-target'
import { ConsultCall } from './consult-call'
import type { ReferGate } from './incoming-refer'
import { referAndFollow, type PendingRefer, type ReferOutcome } from './refer-progress'
import { blindReferTo } from './refer-to'
import { endSession } from '../call/session-requests'
import type { SnapshotStore } from '../snapshot-store'
import { failureReasonForStatus, isTransferInProgress, type TransferFailureReason } from './transfer-states'
import type { TransferSnapshot } from '../types'

export interface TransferTimeouts {
  /**
   * Blind: after the REFER's 202, how long to wait for a first NOTIFY. A transferee that sends none
   * (RFC 3515 §2.4.4 requires one, not every PBX does) is taken at its 202 then.
   */
  firstNotifyMs: number
  /**
   * After the REFER, how long to wait for the final NOTIFY before giving up. Longer than our SIP
   * servers' 120 s ring timeout, so the colleague's phone decides, not this backstop.
   */
  outcomeMs: number
  /**
   * Warm: after success, how long the colleague's phone has to end the replaced consult call (RFC
   * 3891 §3; sip.js does it at once) before the agent's phone ends it itself.
   */
  consultByeMs: number
}

export const DEFAULT_TRANSFER_TIMEOUTS: TransferTimeouts = {
  firstNotifyMs: 4_000,
  outcomeMs: 130_000,
  consultByeMs: 2_000,
}

/** What the transfer needs of the Softphone: its store, audio, user agent and the customer's call. */
export interface TransferHost {
  readonly log: Logger
  readonly state: SnapshotStore
  readonly audio: CallAudio
  readonly domain: string
  readonly gate: ReferGate
  readonly now: () => number
  userAgent(): UserAgent | undefined
  /** The customer's session (the snapshot's `call`), if any. */
  customer(): Session | undefined
  /** The hold (true) or resume (false) re-INVITE on the customer's call; rejects if refused. */
  reinvite(hold: boolean): Promise<void>
}

export interface TransferOptions {
  /** Passed on to the colleague: consult INVITE headers (warm) or embedded in the Refer-To (blind). */
  klantcontactnummer?: string
}

/**
 * The transferor's side of a transfer (RFC 5589): the consult call (consult-call.ts), the REFER on
 * the customer's call and its outcome (refer-progress.ts), and getting the agent back to the
 * customer whenever it does not work out. States: transfer-states.ts.
 *
 * Rules that are choices, not RFC:
 * - Completing while the consult still rings is refused. sip.js cannot REFER with Replaces to a
 *   dialog that is not confirmed (it does not do RFC 5589's "semi-attended" transfer), and a
 *   blind fallback would fail anyway: the colleague's phone is busy with our ringing consult and
 *   answers the customer's INVITE 486 (one line per phone).
 * - A consult never outlives the customer's call: when that ends during a transfer (the customer
 *   hung up: failed; the agent hung up: cancelled), the consult is hung up too.
 * - Back with the customer means resumed: after a failed or cancelled transfer the hold re-INVITE
 *   is undone without the agent asking.
 */
export class TransferControl {
  private readonly consult: ConsultCall
  /** Numbers each transfer; callbacks of an earlier one (a late NOTIFY, a timer) are ignored. */
  private attempt = 0
  private refer: PendingRefer | undefined
  private resuming: Promise<void> | undefined

  constructor(
    private readonly host: TransferHost,
    private readonly timeouts: TransferTimeouts,
  ) {
    this.consult = new ConsultCall(host)
  }

  /** The consult call's session while there is one. */
  consultSession(): Session | undefined {
    return this.consult.session
  }

  /** See `Softphone.startConsult`. */
  async startConsult(target: string, options: TransferOptions): Promise<void> {
    const { state } = this.host
    const ua = this.host.userAgent()
    if (!ua) {
      throw new Error('softphone not started')
    }
    const callState = this.requireCustomer().callState
    const uri = callTargetUri(target, this.host.domain)
    // Checked before anything happens: the customer is not put on hold for a typo.
    const nummer = nummerOption(options)
    const extraHeaders = nummer === undefined ? [] : klantcontactHeaders(nummer)
    const label = targetLabel(uri, target)
    if (!state.beginTransfer('consult', { kind: 'warm', target: label, klantcontactnummer: nummer })) {
      throw new Error('a transfer is already under way')
    }
    const attempt = ++this.attempt
    if (callState === 'active') {
      try {
        await this.host.reinvite(true)
      } catch (error) {
        this.fail(attempt, 'failed')
        throw error
      }
    }
    if (attempt !== this.attempt || state.get().transfer?.state !== 'consulting') {
      // Cancelled, or the customer hung up, while the hold was being agreed.
      await this.backToCustomer()
      return
    }
    await this.consult.dial(ua, { uri, label, klantcontactnummer: nummer, extraHeaders }, (end) => {
      // While completing, the colleague ending the consult is the Replaces at work (RFC 3891 §3):
      // the outcome comes from the NOTIFY. Only a consult that ends while consulting fails.
      if (state.get().transfer?.state === 'consulting') {
        this.fail(attempt, end.established ? 'target_hung_up' : failureReasonForStatus(end.status))
      }
    })
  }

  /** See `Softphone.completeTransfer`. */
  async completeTransfer(): Promise<TransferSnapshot> {
    const { state } = this.host
    const consult = this.consult.session
    const customer = this.host.customer()
    if (state.get().transfer?.state !== 'consulting' || !consult || !customer) {
      throw new Error('no consult to complete')
    }
    if (consult.state !== SessionState.Established) {
      throw new Error('the colleague has not answered the consult yet: wait, or cancel it and transfer blind')
    }
    if (customer.state !== SessionState.Established) {
      throw new Error('the customer call is not established')
    }
    state.transferEvent('refer', { referSentAt: this.host.now() })
    // RFC 5589 §7.2: REFER on the customer's dialog, Refer-To the colleague's Contact with Replaces
    // naming the consult dialog (sip.js builds it from the consult session).
    return this.follow(customer, consult, {})
  }

  /** See `Softphone.cancelConsult`. */
  async cancelConsult(): Promise<void> {
    if (this.host.state.get().transfer?.state !== 'consulting') {
      throw new Error('no consult to cancel')
    }
    this.host.state.transferEvent('cancel')
    await this.consult.hangUp()
    await this.backToCustomer(true)
  }

  /** See `Softphone.blindTransfer`. */
  async blindTransfer(target: string, options: TransferOptions): Promise<TransferSnapshot> {
    const { state } = this.host
    const { customer } = this.requireCustomer()
    if (customer.state !== SessionState.Established) {
      throw new Error('the customer call is not established')
    }
    const uri = callTargetUri(target, this.host.domain)
    const nummer = nummerOption(options)
    const referTo = blindReferTo(uri, nummer)
    const label = targetLabel(uri, target)
    const start = { kind: 'blind', target: label, klantcontactnummer: nummer } as const
    if (!state.beginTransfer('blind_refer', start, { referSentAt: this.host.now() })) {
      throw new Error('a transfer is already under way')
    }
    ++this.attempt
    return this.follow(customer, referTo, { firstNotifyMs: this.timeouts.firstNotifyMs })
  }

  /**
   * The agent ends the customer's call (hangup, or the phone stops) during a transfer: the transfer
   * is cancelled and the consult hung up with it.
   */
  agentHangsUp(): void {
    if (this.host.state.transferEvent('cancel')) {
      this.refer?.stop()
      void this.consult.hangUp()
    }
  }

  /** The customer's call ended. Mid-transfer, without the agent: the customer hung up. */
  customerEnded(): void {
    this.fail(this.attempt, 'customer_hung_up')
  }

  private requireCustomer(): { customer: Session; callState: 'active' | 'on_hold' } {
    const customer = this.host.customer()
    const callState = this.host.state.get().call?.state
    if (!customer || (callState !== 'active' && callState !== 'on_hold')) {
      throw new Error('no active call to transfer')
    }
    return { customer, callState }
  }

  /** Sends the REFER and resolves with the transfer once it is completed, failed or cancelled. */
  private follow(
    customer: Session,
    referTo: Parameters<typeof referAndFollow>[1],
    waits: { firstNotifyMs?: number },
  ): Promise<TransferSnapshot> {
    const attempt = this.attempt
    const settled = this.settled()
    const { now, log } = this.host
    const onOutcome = (outcome: ReferOutcome): void => {
      if (outcome.ok) {
        this.succeed(attempt, outcome.notifyOkAt)
      } else {
        log.info({ status: outcome.status }, 'transfer refused')
        this.fail(attempt, outcome.reason)
      }
    }
    this.refer = referAndFollow(
      customer,
      referTo,
      { ...waits, outcomeMs: this.timeouts.outcomeMs },
      now,
      log,
      onOutcome,
    )
    return settled
  }

  private succeed(attempt: number, notifyOkAt: number | undefined): void {
    const patch = notifyOkAt === undefined ? {} : { notifyOkAt }
    if (attempt !== this.attempt || !this.host.state.transferEvent('succeed', patch)) {
      return
    }
    // sip.js ends no leg of the transferor after a REFER (it leaves that to the application); the
    // transfer done, the transferor ends its dialog with the transferee (RFC 5589 §6, §7.2).
    const customer = this.host.customer()
    if (customer) {
      void endSession(customer).catch((error: unknown) =>
        this.host.log.warn({ error: String(error) }, 'ending the customer leg failed'),
      )
    }
    const consult = this.consult.session
    if (consult) {
      setTimeout(() => {
        if (this.consult.session === consult) {
          void this.consult.hangUp()
        }
      }, this.timeouts.consultByeMs)
    }
  }

  private fail(attempt: number, reason: TransferFailureReason): void {
    if (attempt !== this.attempt || !this.host.state.transferEvent('fail', { reason })) {
      return
    }
    this.host.log.info({ reason }, 'transfer failed')
    this.refer?.stop()
    void this.consult.hangUp()
    void this.backToCustomer()
  }

  /**
   * Resumes the customer if the call is on hold. Rejects only when `strict` (the agent asked, so
   * they hear of it); otherwise the call stays on hold and the agent can resume it themselves.
   */
  private async backToCustomer(strict = false): Promise<void> {
    const customer = this.host.customer()
    const onHold = this.host.state.get().call?.state === 'on_hold'
    if (!this.resuming && (customer?.state !== SessionState.Established || !onHold)) {
      return
    }
    // One resume re-INVITE at a time: a second one while the first is pending would glare (491).
    this.resuming ??= this.host.reinvite(false).finally(() => {
      this.resuming = undefined
    })
    try {
      await this.resuming
    } catch (error) {
      this.host.log.warn({ error: String(error) }, 'resuming the customer failed')
      if (strict) {
        throw error
      }
    }
  }

  /** Resolves with the transfer once it is completed, failed or cancelled. */
  private settled(): Promise<TransferSnapshot> {
    return new Promise((resolve) => {
      const off = this.host.state.subscribe((snapshot) => {
        const transfer = snapshot.transfer
        if (transfer && !isTransferInProgress(transfer.state)) {
          off()
          resolve(transfer)
        }
      })
    })
  }
}

/** The nummer to pass on, checked into the brand the call records carry; a RangeError for a bad one. */
function nummerOption(options: TransferOptions): Klantcontactnummer | undefined {
  const nummer = options.klantcontactnummer
  return nummer === undefined ? undefined : assertKlantcontactnummer(nummer)
}
