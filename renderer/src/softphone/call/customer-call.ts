import { Inviter, SessionState, type Invitation, type Session } from 'sip.js'
import { ASSERTED_IDENTITY_HEADER, assertedIdentityOf } from '../../../../shared/sip/asserted-identity'
import { klantcontactnummerFromHeaders } from '../../../../shared/sip/klantcontactnummer'
import type { Logger } from '../../log'
import type { CallAudio } from '../media/call-audio'
import { completedElsewhere } from './cancel-reason'
import type { ReferGate } from '../transfer/incoming-refer'
import { followReferral } from '../transfer/referred-call'
import { endSession, sendHoldReinvite, type ReinviteRetry } from './session-requests'
import { guardRefer, type ReferHandler } from '../sessions'
import type { SnapshotStore } from '../snapshot-store'
import type { CallSnapshot } from '../types'

export type NewCall = Omit<CallSnapshot, 'id' | 'state' | 'startedAt' | 'muted' | 'held'>

export interface CustomerCallHost {
  readonly log: Logger
  readonly domain: string
  readonly gate: ReferGate
  readonly state: SnapshotStore
  readonly audio: CallAudio
  readonly reinviteRetry: ReinviteRetry
  /** Whether a transfer of ours is under way (transfer-states.ts). */
  transferring(): boolean
  /** The customer's session terminated (after the snapshot says `ended`). */
  ended(): void
}

/**
 * Which sip.js session is the snapshot's `call`, the customer's call, from the INVITE that starts it
 * (sent or received) to its end: one at a time, a second INVITE gets 486 Busy Here. Also the
 * receiving end of a warm transfer: an INVITE with Replaces for our call takes its place.
 */
export class CustomerCall {
  private current: Session | undefined
  /** Per call, the colleague it is with, as far as we know for certain (incoming-refer.ts). */
  private readonly peers = new WeakMap<Session, string>()

  constructor(private readonly host: CustomerCallHost) {}

  get session(): Session | undefined {
    return this.current
  }

  /**
   * The REFER handler for a customer call (sessions.ts): a colleague on this very call may pass the
   * agent on (incoming-refer.ts); anything else is refused.
   */
  referHandler(session: Session): ReferHandler {
    return this.host.gate.forCustomer({
      peer: () => this.peers.get(session),
      followable: () => session === this.current && !this.host.transferring(),
      follow: (referral, target, colleague) => {
        // The call the agent saw ends, and the new one is the agent's call, on screen like any other.
        this.endRecord()
        const inviter = followReferral(this.host, { referred: session, referral, target, colleague })
        this.track(
          inviter,
          { sipCallId: inviter.request.callId, direction: 'outbound', remoteNumber: target.user },
          target.user,
        )
        this.host.state.callEvent('dial')
      },
    })
  }

  /**
   * `session` is the customer's call from now on: publish it and follow it to its end. `peer` is
   * the colleague it is with when that is certain (asserted, or the one we dialled).
   */
  track(session: Session, call: NewCall, peer?: string): void {
    const { state, audio } = this.host
    this.current = session
    if (peer !== undefined) {
      this.peers.set(session, peer)
    }
    guardRefer(session, this.referHandler(session))
    state.newCall({ id: crypto.randomUUID(), ...call })
    session.stateChange.addListener((sessionState) => {
      if (session !== this.current) {
        return
      }
      if (sessionState === SessionState.Established) {
        // Media is up once the 2xx is in (caller) or sent (callee): play the other party from here.
        audio.listenTo(session)
        if (session instanceof Inviter) {
          state.callEvent('established')
        }
      } else if (sessionState === SessionState.Terminated) {
        audio.callEnded()
        state.callEvent('end')
        this.current = undefined
        this.host.ended()
      }
    })
  }

  /**
   * Holds (re-INVITE, sendonly; RFC 6337 §5.3) or resumes (sendrecv) the active call. Resolves when
   * accepted: the state never claims a hold the other side has not agreed to. `signal` gives up a
   * re-INVITE that gets no final answer (sendHoldReinvite).
   */
  async setHold(hold: boolean, signal?: AbortSignal): Promise<void> {
    const { state, audio } = this.host
    const session = this.current
    const expected = hold ? 'active' : 'on_hold'
    if (!session || state.get().call?.state !== expected) {
      throw new Error(
        `cannot ${hold ? 'hold' : 'resume'} a call that is ${state.get().call?.state ?? 'absent'}`,
      )
    }
    await sendHoldReinvite(session, hold, this.host.reinviteRetry, signal)
    if (session === this.current) {
      state.callEvent(hold ? 'held' : 'resumed')
      // sip.js' web handler re-enables the microphone on resume; keep a mute in place.
      audio.applyMute()
    }
  }

  /** Our INVITE was never sent: no session will terminate, so the record ends here. */
  notSent(session: Session): void {
    if (this.current === session) {
      this.current = undefined
      this.host.state.callEvent('end')
    }
  }

  /** sip.js' `onInvite`: a new inbound call, a transfer replacing ours, or busy. */
  onInvite(invitation: Invitation): void {
    if (invitation.replacee) {
      this.onReplacingInvite(invitation, invitation.replacee)
      return
    }
    if (this.current) {
      void invitation.reject({ statusCode: 486 }).catch(() => undefined)
      return
    }
    this.trackInbound(invitation)
    this.confirmOnAck(invitation)
    this.host.state.callEvent('incoming')
  }

  /**
   * An INVITE with Replaces (RFC 3891) that sip.js matched to one of our dialogs (it answers 481
   * itself when none matches): the end of a warm transfer to us, the customer replacing the consult
   * call. Accepted at once, without ringing; it becomes `call`, keeping the consult's
   * klantcontactnummer when it brings none. sip.js BYEs the replaced call after the 200
   * (invitation.ts, "automagic" BYE to the replacee).
   */
  private onReplacingInvite(invitation: Invitation, replaced: Session): void {
    const { state, audio, log } = this.host
    const call = state.get().call
    const transferring = this.host.transferring()
    if (replaced !== this.current || replaced.state !== SessionState.Established || !call || transferring) {
      // RFC 3891 §3: only a confirmed dialog of our call may be replaced (an early dialog we did not
      // start gets 481); with a transfer of our own under way we are busy for this one.
      void invitation.reject({ statusCode: transferring ? 486 : 481 }).catch(() => undefined)
      return
    }
    log.info({ replaced: call.sipCallId }, 'call replaced by a transfer')
    // From here on `call` is the new call; the replaced one ends now, in the snapshot and the audio.
    audio.callEnded()
    state.callEvent('end')
    this.trackInbound(invitation, {
      // A Replaces INVITE brings no nummer when a PBX stripped it: the consult call's stays.
      ...(call.klantcontactnummer ? { klantcontactnummer: call.klantcontactnummer } : {}),
      replacedSipCallId: call.sipCallId,
    })
    this.confirmOnAck(invitation)
    state.callEvent('replace')
    invitation
      .accept({ sessionDescriptionHandlerOptions: audio.sessionDescriptionHandlerOptions() })
      .catch((error: unknown) => {
        // Not accepted, so sip.js keeps the replaced call up: end it, nothing shows it any more.
        log.warn({ error: String(error) }, 'accepting the transfer failed')
        void endSession(replaced).catch(() => undefined)
      })
  }

  /**
   * Starts the record of an inbound call: who the INVITE says it is from, the colleague it is
   * asserted to come from, and its klantcontactnummer (the INVITE's own before one `carried` over).
   */
  private trackInbound(
    invitation: Invitation,
    carried: Pick<NewCall, 'klantcontactnummer' | 'replacedSipCallId'> = {},
  ): void {
    const asserted = this.assertedCaller(invitation)
    this.track(
      invitation,
      {
        sipCallId: invitation.request.callId,
        direction: 'inbound',
        remoteNumber: invitation.remoteIdentity.uri.user ?? 'onbekend',
        ...(invitation.request.to.uri.user ? { calledAddress: invitation.request.to.uri.user } : {}),
        ...(asserted ? { assertedCaller: asserted } : {}),
        ...carried,
        ...nummerOf(invitation),
      },
      asserted,
    )
  }

  /** The colleague an INVITE is asserted to come from (shared/sip/asserted-identity.ts), if any. */
  private assertedCaller(invitation: Invitation): string | undefined {
    return assertedIdentityOf(invitation.request.getHeaders(ASSERTED_IDENTITY_HEADER), this.host.domain)
  }

  /** The current call's record ends here, while its session may linger (a REFER followed). */
  private endRecord(): void {
    this.current = undefined
    this.host.audio.callEnded()
    this.host.state.callEvent('end')
    this.host.ended()
  }

  private confirmOnAck(invitation: Invitation): void {
    // The callee's dialog is confirmed by the ACK, not by sending 200 (RFC 3261 §13.3.1.4). A
    // re-INVITE before the ACK is processed gets 500 (RFC 6337 §4.3), so "active" waits for it.
    invitation.delegate = {
      onAck: () => {
        if (invitation === this.current) {
          this.host.state.callEvent('established')
        }
      },
      // Before sip.js terminates the session, so the record says why before it says `ended`.
      onCancel: (cancel) => {
        if (invitation === this.current && completedElsewhere(cancel.request.getHeader('reason'))) {
          this.host.state.updateCall({ answeredElsewhere: true })
        }
      },
    }
  }
}

/** The klantcontactnummer an INVITE carries (checked by the codec), as a snapshot field. */
function nummerOf(invitation: Invitation): Pick<NewCall, 'klantcontactnummer'> {
  const nummer = klantcontactnummerFromHeaders((name) => invitation.request.getHeader(name))
  return nummer ? { klantcontactnummer: nummer } : {}
}
