import { SessionState, type Session } from 'sip.js'
import { klantcontactHeaders } from '../../../../shared/sip/klantcontactnummer'
import { callTargetUri, targetLabel } from '../call/call-target'
import { ConsultCall } from './consult-call'
import { referAndFollow, type PendingRefer, type ReferOutcome } from './refer-progress'
import { blindReferTo } from './refer-to'
import { endSession } from '../call/session-requests'
import {
  failureReasonForStatus,
  isTransferInProgress,
  type TransferFailureReason,
  type TransferStep,
} from './transfer-states'
import { CustomerHold } from './customer-hold'
import { StepLimit, type TransferTimeouts } from './transfer-timeouts'
import { nummerOption, type TransferHost, type TransferOptions } from './transfer-host'
import { whenSnapshot } from './snapshot-wait'
import type { CallFailure, TransferSnapshot } from '../types'

export { DEFAULT_TRANSFER_TIMEOUTS, type TransferTimeouts } from './transfer-timeouts'
export type { TransferHost, TransferOptions } from './transfer-host'

/**
 * The transferor's side of a transfer (RFC 5589): the consult call (consult-call.ts), the REFER on
 * the customer's call and its outcome (refer-progress.ts), and getting the agent back to the
 * customer whenever it does not work out. States and steps, with each step's way out and limit:
 * transfer-states.ts.
 *
 * Rules that are choices, not RFC:
 * - Completing while the consult still rings is refused. sip.js cannot REFER with Replaces to a
 *   dialog that is not confirmed (it does not do RFC 5589's "semi-attended" transfer), and a
 *   blind fallback would fail anyway: the colleague's phone is busy with our ringing consult and
 *   answers the customer's INVITE 486 (one line per phone).
 * - A consult never outlives the customer's call: when that ends during a transfer (the customer
 *   hung up: failed; the agent hung up: cancelled), the consult is hung up too.
 * - Back with the customer means resumed: after a failed or cancelled transfer the hold re-INVITE
 *   is undone without the agent asking, also when the hold is agreed only after the transfer ended.
 * - No step waits on the network without a limit (transfer-timeouts.ts); why a consult once hung
 *   before its INVITE was sent: customer-hold.ts.
 */
export class TransferControl {
  private readonly consult: ConsultCall
  /** Numbers each transfer; callbacks of an earlier one (a late NOTIFY, a timer) are ignored. */
  private attempt = 0
  private refer: PendingRefer | undefined
  /** The running step's limit (TRANSFER_STEPS). */
  private readonly limit: StepLimit
  private readonly customerHold: CustomerHold

  constructor(
    private readonly host: TransferHost,
    private readonly timeouts: TransferTimeouts,
  ) {
    this.consult = new ConsultCall(host)
    this.limit = new StepLimit(host.state, host.log, timeouts)
    this.customerHold = new CustomerHold(host, timeouts.holdMs)
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
    this.armLimit(attempt)
    if (callState === 'active') {
      await this.holdCustomer(attempt)
    }
    if (!this.inStep(attempt, 'holding') || !state.transferStep('dialling')) {
      // Cancelled, or the customer hung up, while the hold was being agreed.
      await this.backToCustomer()
      return
    }
    this.armLimit(attempt)
    await this.consult.dial(
      ua,
      { uri, label, klantcontactnummer: nummer, extraHeaders },
      {
        answered: () => {
          if (attempt === this.attempt && state.transferStep('talking')) {
            this.armLimit(attempt)
          }
        },
        ended: (end) => {
          // While completing, the colleague ending the consult is the Replaces at work (RFC 3891
          // §3): the outcome comes from the NOTIFY. Only a consult that ends while consulting fails.
          if (state.get().transfer?.state === 'consulting') {
            this.fail(attempt, end.established ? 'target_hung_up' : failureReasonForStatus(end.status))
          }
        },
      },
    )
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
    this.armLimit(this.attempt)
    // RFC 5589 §7.2: REFER on the customer's dialog, Refer-To the colleague's Contact with Replaces
    // naming the consult dialog (sip.js builds it from the consult session).
    return this.follow(customer, consult, { doneOnAccept: false })
  }

  /**
   * See `Softphone.cancelConsult`: gives up the transfer in whatever step it is (TRANSFER_STEPS)
   * and takes the agent back to the customer. Rejects without a transfer under way, and when the
   * customer cannot be resumed (the call then stays on hold, for the agent to resume).
   */
  async cancel(): Promise<void> {
    if (!isTransferInProgress(this.host.state.get().transfer?.state ?? null)) {
      throw new Error('no transfer to cancel')
    }
    this.host.state.transferEvent('cancel')
    this.stopWaiting()
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
    this.armLimit(++this.attempt)
    return this.follow(customer, referTo, { doneOnAccept: true })
  }

  /**
   * The agent ends the customer's call (hangup, or the phone stops) during a transfer: the transfer
   * is cancelled and the consult hung up with it.
   */
  agentHangsUp(): void {
    if (this.host.state.transferEvent('cancel')) {
      this.stopWaiting()
      void this.consult.hangUp()
    }
  }

  /** The customer's call ended. Mid-transfer, without the agent: the customer hung up. */
  customerEnded(): void {
    this.fail(this.attempt, 'customer_hung_up')
  }

  /**
   * The `holding` step: the hold re-INVITE, raced against the step's end (its limit, a cancel, the
   * customer hanging up), so the transfer never waits on an answer that does not come
   * (customer-hold.ts). Rejects when the hold is refused or the limit passed.
   */
  private async holdCustomer(attempt: number): Promise<void> {
    const left = this.leaving(attempt, 'holding')
    const outcome = await this.customerHold.hold(left.promise).finally(left.off)
    const failed = (): boolean =>
      attempt === this.attempt && this.host.state.get().transfer?.state === 'failed'
    if (outcome.kind === 'refused') {
      this.fail(attempt, 'failed')
      if (failed()) {
        throw outcome.error
      }
    } else if (outcome.kind === 'left' && failed()) {
      throw new Error('the customer could not be put on hold')
    }
  }

  private requireCustomer(): { customer: Session; callState: 'active' | 'on_hold' } {
    const customer = this.host.customer()
    const callState = this.host.state.get().call?.state
    if (!customer || (callState !== 'active' && callState !== 'on_hold')) {
      throw new Error('no active call to transfer')
    }
    return { customer, callState }
  }

  /** Whether transfer `attempt` is still the current one and in `step`. */
  private inStep(attempt: number, step: TransferStep): boolean {
    return attempt === this.attempt && this.host.state.get().transfer?.step === step
  }

  /** Resolves once transfer `attempt` is no longer in `step`; `off` stops watching. */
  private leaving(attempt: number, step: TransferStep): { promise: Promise<void>; off: () => void } {
    const { promise, off } = whenSnapshot(this.host.state, () =>
      this.inStep(attempt, step) ? undefined : true,
    )
    return { promise: promise.then(() => undefined), off }
  }

  /** Starts the limit of the step transfer `attempt` is in now (transfer-timeouts.ts). */
  private armLimit(attempt: number): void {
    this.limit.arm(
      (step) => this.inStep(attempt, step),
      // A consult that rang out is the colleague's no answer, as their phone would have said.
      (reason, step) => this.fail(attempt, reason, step === 'dialling' ? { reason: 'no_answer' } : undefined),
    )
  }

  /** Stops every wait of the transfer: its limit, the REFER's outcome, a pending hold. */
  private stopWaiting(): void {
    this.limit.stop()
    this.refer?.stop()
    this.customerHold.abort()
  }

  /** Sends the REFER and resolves with the transfer once it is completed, failed or cancelled. */
  private follow(
    customer: Session,
    referTo: Parameters<typeof referAndFollow>[1],
    waits: Parameters<typeof referAndFollow>[2],
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
    this.refer = referAndFollow(customer, referTo, waits, now, log, onOutcome)
    return settled
  }

  private succeed(attempt: number, notifyOkAt: number | undefined): void {
    const patch = notifyOkAt === undefined ? {} : { notifyOkAt }
    if (attempt !== this.attempt || !this.host.state.transferEvent('succeed', patch)) {
      return
    }
    this.stopWaiting()
    // sip.js ends no leg of the transferor after a REFER (it leaves that to the application); the
    // transfer done, the transferor ends its dialog with the transferee (RFC 5589 §6, §7.2). Blind,
    // that is at the 202: the agent is free while the customer's phone calls the colleague.
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

  private fail(attempt: number, reason: TransferFailureReason, consultFailure?: CallFailure): void {
    if (attempt !== this.attempt || !this.host.state.transferEvent('fail', { reason })) {
      return
    }
    this.host.log.info({ reason }, 'transfer failed')
    this.stopWaiting()
    void this.consult.hangUp(consultFailure)
    void this.backToCustomer()
  }

  /** Takes the agent back to the customer: resumed (customer-hold.ts). */
  private backToCustomer(strict = false): Promise<void> {
    return this.customerHold.resume(strict)
  }

  /** Resolves with the transfer once it is completed, failed or cancelled. */
  private settled(): Promise<TransferSnapshot> {
    return whenSnapshot(this.host.state, ({ transfer }) =>
      transfer && !isTransferInProgress(transfer.state) ? transfer : undefined,
    ).promise
  }
}
