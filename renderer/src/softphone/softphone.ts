import { Invitation, SessionState, type Session } from 'sip.js'
import { assertKlantcontactnummer } from '../../../shared/klantcontact/klantcontactnummer'
import { klantcontactHeaders } from '../../../shared/sip/klantcontactnummer'
import { createLogger, type Logger } from '../log'
import { domAudioOutput, type AudioOutput } from './media/audio-output'
import { CallAudio, type CallAudioOptions } from './media/call-audio'
import { callTargetUri, targetLabel } from './call/call-target'
import { SipConnection, type ConnectionOptions, type SipCredentials } from './connection'
import { CustomerCall } from './call/customer-call'
import { ReferGate, type ReferDirectory } from './transfer/incoming-refer'
import type { MixContext } from './monitor/monitor-mix'
import { Monitoring } from './monitor/monitoring'
import {
  assertDtmfTone,
  DEFAULT_REINVITE_RETRY,
  endSession,
  sendDtmfInfo,
  type ReinviteRetry,
} from './call/session-requests'
import { newInviter } from './sessions'
import { classifyCallFailure, failureOfResponse } from './call/call-failure'
import { SnapshotStore } from './snapshot-store'
import {
  DEFAULT_TRANSFER_TIMEOUTS,
  TransferControl,
  type TransferOptions,
  type TransferTimeouts,
} from './transfer/transfer'
import { isTransferInProgress } from './transfer/transfer-states'
import type {
  CallFailure,
  DeviceChoice,
  DeviceList,
  SoftphoneListener,
  SoftphoneSecurityEvent,
  SoftphoneSnapshot,
  TransferSnapshot,
} from './types'

export interface SoftphoneOptions extends ConnectionOptions, CallAudioOptions {
  /** Resends of a hold/resume re-INVITE after 491 or 500 (RFC 3261 §14.1). */
  reinviteRetry?: ReinviteRetry
  /**
   * The limits of a transfer's steps (transfer-states.ts): the consult ring time is the gateway's
   * setting (`GET /api/softphone`); tests shorten the others.
   */
  transferTimeouts?: Partial<TransferTimeouts>
  /** Monitoring's audio (monitoring.ts): by default `<audio>` elements and an AudioContext. */
  monitorAudio?: { newOutput: () => AudioOutput | undefined; mixContext: () => MixContext }
  /**
   * The agent directory as far as loaded: who may pass this phone on by REFER, and to whom
   * (incoming-refer.ts). Without it every incoming REFER is refused.
   */
  referDirectory?: () => ReferDirectory | undefined
  /** Told of what the phone refused for security reasons (a REFER), for the gateway's audit log. */
  onSecurityEvent?: (event: SoftphoneSecurityEvent) => void
  logger?: Logger
  now?: () => number
}

/**
 * The agent's phone: sip.js UserAgent + Registerer (connection.ts) behind plain verbs, with its
 * state published as plain {@link SoftphoneSnapshot}s (no sip.js object leaves it). One customer call at
 * a time (customer-call.ts); during a warm transfer a consult call runs beside it (transfer.ts). It
 * also drives the call's audio: the remote voice on the audio output, the ringtone while an inbound
 * call rings, and the agent's microphone and speaker choice.
 */
export class Softphone {
  private readonly log: Logger
  private readonly domain: string
  private readonly extension: string
  private readonly state: SnapshotStore
  private readonly connection: SipConnection
  private readonly audio: CallAudio
  private readonly customer: CustomerCall
  private readonly transfer: TransferControl
  private readonly gate: ReferGate
  /** Calls the agent hung up before an answer: their 487 is no failure. */
  private readonly agentEnded = new WeakSet<Session>()
  /** Listen in, whisper and barge, at the agent's and at the supervisor's end (docs/supervisor.md). */
  readonly monitoring: Monitoring

  constructor(options: SoftphoneOptions) {
    this.log = options.logger ?? createLogger('softphone')
    this.domain = options.domain
    this.extension = options.extension
    const now = options.now ?? Date.now
    this.state = new SnapshotStore(this.log, now)
    const directory = options.referDirectory ?? (() => undefined)
    this.gate = new ReferGate({
      log: this.log,
      state: this.state,
      place: () => ({ domain: this.domain, extension: this.extension, directory: directory() }),
      report: (event) => options.onSecurityEvent?.(event),
    })
    this.connection = new SipConnection(
      options,
      this.log,
      this.state,
      (invitation) => {
        if (!this.monitoring.onInvite(invitation)) {
          this.customer.onInvite(invitation)
        }
      },
      this.gate.refuseAll,
    )
    this.audio = new CallAudio(options, this.log, this.state, () => ({
      call: this.customer.session,
      consult: this.transfer.consultSession(),
    }))
    this.customer = new CustomerCall({
      log: this.log,
      domain: this.domain,
      gate: this.gate,
      state: this.state,
      audio: this.audio,
      reinviteRetry: options.reinviteRetry ?? DEFAULT_REINVITE_RETRY,
      transferring: () => isTransferInProgress(this.state.get().transfer?.state ?? null),
      ended: () => {
        this.transfer.customerEnded()
        this.monitoring.customerEnded()
      },
    })
    const log = this.log
    this.monitoring = new Monitoring({
      log,
      state: this.state,
      domain: this.domain,
      gate: this.gate,
      userAgent: () => this.connection.userAgent,
      customer: () => this.customer.session,
      ...(options.monitorAudio ?? {
        newOutput: () => domAudioOutput(log),
        mixContext: () => new AudioContext(),
      }),
    })
    this.transfer = new TransferControl(
      {
        log: this.log,
        state: this.state,
        audio: this.audio,
        domain: this.domain,
        gate: this.gate,
        now,
        userAgent: () => this.connection.userAgent,
        customer: () => this.customer.session,
        reinvite: (hold, signal) => this.customer.setHold(hold, signal),
      },
      { ...DEFAULT_TRANSFER_TIMEOUTS, ...options.transferTimeouts },
    )
  }

  /** The current state; the same object until something changes (fits `useSyncExternalStore`). */
  getSnapshot(): SoftphoneSnapshot {
    return this.state.get()
  }

  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: SoftphoneListener): () => void {
    return this.state.subscribe(listener)
  }

  /**
   * Connects and registers, and keeps doing so after network loss until {@link stop}. Resolves once
   * the first attempt is made (registered or not: watch `registration`); never rejects.
   */
  start(): Promise<void> {
    return this.connection.start()
  }

  /** Renewed SIP credentials (credential-renewal.ts): used from the next digest challenge on. */
  setCredentials(credentials: SipCredentials): void {
    this.connection.setCredentials(credentials)
  }

  /** Stops reconnecting, ends a call, unregisters and disconnects. Resolves when done. */
  stop(): Promise<void> {
    this.transfer.agentHangsUp()
    return this.connection.stop()
  }

  /**
   * Dials `target`: an extension or number on our domain, or a `sip:` URI. With a
   * `klantcontactnummer` the INVITE carries it (a consult call in a transfer). Resolves when the
   * INVITE is sent; rejects if there is already a call, the target is invalid, or the phone is not
   * started.
   */
  async call(target: string, options: { klantcontactnummer?: string } = {}): Promise<void> {
    const ua = this.connection.userAgent
    if (!ua) {
      throw new Error('softphone not started')
    }
    if (this.customer.session) {
      throw new Error('already in a call')
    }
    const uri = callTargetUri(target, this.domain)
    const nummer = options.klantcontactnummer
      ? assertKlantcontactnummer(options.klantcontactnummer)
      : undefined
    const inviter = newInviter(
      ua,
      uri,
      {
        extraHeaders: nummer ? klantcontactHeaders(nummer) : [],
        sessionDescriptionHandlerOptions: this.audio.sessionDescriptionHandlerOptions(),
      },
      this.gate.refuseAll,
    )
    // The Call-ID is fixed when the Inviter builds its INVITE, before anything is sent. The party
    // dialled on our own domain is who a REFER on this call may come from (incoming-refer.ts).
    this.customer.track(
      inviter,
      {
        sipCallId: inviter.request.callId,
        direction: 'outbound',
        remoteNumber: targetLabel(uri, target),
        ...(nummer ? { klantcontactnummer: nummer } : {}),
      },
      uri.host.toLowerCase() === this.domain.toLowerCase() ? uri.user : undefined,
    )
    this.state.callEvent('dial')
    const callId = inviter.request.callId
    try {
      await inviter.invite({
        requestDelegate: {
          // sip.js ends the session before it calls onReject, so this lands on the ended record.
          onReject: (response) => {
            if (!this.agentEnded.has(inviter)) {
              this.recordFailure(callId, failureOfResponse(response.message))
            }
          },
        },
      })
    } catch (error) {
      // Not sent (e.g. the socket is down): no session will ever terminate, so end the record here.
      this.customer.notSent(inviter)
      this.recordFailure(callId, classifyCallFailure(undefined))
      void inviter.dispose().catch(() => undefined)
      throw error
    }
  }

  /** Answers the ringing call (200 OK). Rejects if nothing rings. */
  async answer(): Promise<void> {
    const invitation = this.ringing()
    this.state.callEvent('answer')
    await invitation.accept({
      sessionDescriptionHandlerOptions: this.audio.sessionDescriptionHandlerOptions(),
    })
  }

  /**
   * Declines the ringing call. A call to a group address gets 486 Busy Here, so it moves on to the
   * other members; a call to the agent personally (the To user is our extension, RFC 3261 §8.1.1.2),
   * such as a colleague's consult, gets 603 Decline (§21.6.2), which the caller shows as declined.
   * Rejects if nothing rings.
   */
  async decline(): Promise<void> {
    const invitation = this.ringing()
    const personal = invitation.request.to.uri.user === this.extension
    // Before the reject: the record ends on it, and a declined call is not a missed one.
    this.state.updateCall({ declined: true })
    await invitation.reject({ statusCode: personal ? 603 : 486 })
  }

  /**
   * Ends the customer's call (the snapshot's `call`) in whatever phase: CANCEL, reject or BYE.
   * During a transfer it also hangs up the consult and cancels the transfer: the customer is gone.
   * For the consult alone use {@link hangupConsult}; the app asks the agent to confirm before it
   * calls this during a consult. Resolves at once without a call.
   */
  async hangup(): Promise<void> {
    const session = this.customer.session
    if (!session) {
      return
    }
    this.agentEnded.add(session)
    this.transfer.agentHangsUp()
    await endSession(session)
  }

  /**
   * Puts the active call on hold (re-INVITE, sendonly; RFC 6337 §5.3). Resolves when accepted.
   * Refused during a transfer, which holds and resumes the customer itself.
   */
  hold(): Promise<void> {
    return this.guardedReinvite(true)
  }

  /** Takes the call off hold (re-INVITE, sendrecv). Resolves when accepted. Refused during a transfer. */
  resume(): Promise<void> {
    return this.guardedReinvite(false)
  }

  /**
   * Mutes or unmutes the microphone (local only: the sender tracks, no signalling), on the
   * customer's call and on a consult call alike: it is the agent's one microphone.
   */
  mute(on: boolean): void {
    this.requireSession()
    this.state.updateCall({ muted: on })
    const consult = this.state.get().consult
    if (consult && consult.state !== 'ended') {
      this.state.updateCall({ muted: on }, 'consult')
    }
    this.audio.applyMute()
  }

  /**
   * Warm transfer, step 1: puts the active customer call on hold and dials `target` (as {@link call}
   * does) as the consult call, carrying the klantcontactnummer when given. The snapshot's `consult`
   * shows that call, `transfer` is `consulting`. If the colleague does not take it (busy, declined,
   * no answer, unreachable) or hangs up, the transfer fails with that reason and the customer is
   * resumed. Resolves when the consult INVITE is sent; rejects (with a RangeError for a bad target or
   * nummer, before the hold) without an active call, or during another transfer.
   */
  startConsult(target: string, options: TransferOptions = {}): Promise<void> {
    return this.transfer.startConsult(target, options)
  }

  /**
   * Warm transfer, step 2: REFER with Replaces on the customer's call (RFC 3515, RFC 3891), so the
   * customer's phone calls the colleague and takes the consult call's place. Once the transferee
   * reports the colleague's 2xx (NOTIFY) the customer leg is ended; the colleague ends the consult.
   * A refused REFER or a failed new call: failed, back with the customer, consult hung up. Resolves
   * with the transfer when completed or failed; rejects while the consult still rings (semi-attended
   * transfer is not supported, see transfer.ts) or without a consult.
   */
  completeTransfer(): Promise<TransferSnapshot> {
    return this.transfer.completeTransfer()
  }

  /**
   * Gives up the transfer under way, in whatever step (transfer-states.ts): ends the consult call
   * only (CANCEL while it rings, BYE once up; the snapshot's `consult`), never the customer's call,
   * and takes the agent back to the customer, resumed. While the REFER is out it stops waiting for
   * its outcome. Rejects without a transfer under way, or when the customer cannot be resumed (the
   * call then stays on hold for the agent to resume).
   */
  cancelConsult(): Promise<void> {
    return this.transfer.cancel()
  }

  /** The consult's "Ophangen": the same as {@link cancelConsult}; the customer's call stays. */
  hangupConsult(): Promise<void> {
    return this.cancelConsult()
  }

  /**
   * Blind transfer: REFER on the customer's call to `target` (RFC 5589 §6), the nummer embedded in
   * the Refer-To (refer-to.ts) for a transferee that copies it. Completed as soon as the customer's
   * phone accepts the REFER (202): the customer leg is ended and the agent is free; whether the
   * colleague answers is between the customer's phone and theirs. Resolves with the transfer when
   * completed or failed (a refused REFER, or none accepted within the limit: back with the
   * customer); rejects for a bad target or nummer, without an established call, or during another
   * transfer.
   */
  blindTransfer(target: string, options: TransferOptions = {}): Promise<TransferSnapshot> {
    return this.transfer.blindTransfer(target, options)
  }

  /**
   * Sends one DTMF tone on the established call (SIP INFO, see session-requests.ts). Rejects with a
   * RangeError for anything but 0-9, * or #, and when there is no established call.
   */
  async sendDtmf(tone: string): Promise<void> {
    assertDtmfTone(tone)
    const session = this.customer.session
    if (!session || session.state !== SessionState.Established) {
      throw new Error('no established call')
    }
    await sendDtmfInfo(session, tone)
  }

  /**
   * The microphones and speakers to choose from (labels are empty until the agent has allowed the
   * microphone once). Empty lists where the platform has no media devices.
   */
  listDevices(): Promise<DeviceList> {
    return this.audio.listDevices()
  }

  /**
   * Chooses devices; a key that is present but undefined goes back to the system default, an
   * absent key keeps the current choice. The speaker applies at once to the call audio and the
   * ringtone; the microphone to the next call and, during a call, at once (call-media.ts). Changes
   * apply in order. Rejects, leaving that choice unchanged, when the device cannot be used.
   */
  setDevices(choice: DeviceChoice): Promise<void> {
    return this.audio.setDevices(choice)
  }

  /** The failure of outbound call `sipCallId`, if its record is still the snapshot's `call`. */
  private recordFailure(sipCallId: string, failure: CallFailure): void {
    const call = this.state.get().call
    if (call?.sipCallId === sipCallId && call.answeredAt === undefined) {
      this.log.info({ status: failure.statusCode, reason: failure.reason }, 'call not answered')
      this.state.updateCall({ failure })
    }
  }

  private guardedReinvite(hold: boolean): Promise<void> {
    if (isTransferInProgress(this.state.get().transfer?.state ?? null)) {
      return Promise.reject(new Error('the transfer holds and resumes the customer itself'))
    }
    return this.customer.setHold(hold)
  }

  private ringing(): Invitation {
    const session = this.customer.session
    if (!(session instanceof Invitation) || this.state.get().call?.state !== 'ringing') {
      throw new Error('no ringing call')
    }
    return session
  }

  private requireSession(): Session {
    const session = this.customer.session
    if (!session) {
      throw new Error('no call')
    }
    return session
  }
}
