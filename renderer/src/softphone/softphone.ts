import { Invitation, Inviter, SessionState, UserAgent, type Session } from 'sip.js'
import { klantcontactHeaders, klantcontactnummerFromHeaders } from '../../../shared/sip/klantcontactnummer'
import { createLogger, type Logger } from '../log'
import { CallAudio, type CallAudioOptions } from './call-audio'
import { SipConnection, type ConnectionOptions } from './connection'
import { missingCaseError } from './missing-case'
import {
  assertDtmfTone,
  DEFAULT_REINVITE_RETRY,
  sendDtmfInfo,
  sendHoldReinvite,
  type ReinviteRetry,
} from './session-requests'
import { SnapshotStore } from './snapshot-store'
import type { CallSnapshot, DeviceChoice, DeviceList, SoftphoneListener, SoftphoneSnapshot } from './types'

export interface SoftphoneOptions extends ConnectionOptions, CallAudioOptions {
  /** Resends of a hold/resume re-INVITE after 491 or 500 (RFC 3261 §14.1). */
  reinviteRetry?: ReinviteRetry
  logger?: Logger
  now?: () => number
}

const TARGET = /^[A-Za-z0-9_.+-]{1,64}$/

/**
 * The agent's phone: sip.js UserAgent + Registerer (connection.ts) behind plain verbs, with its
 * state published as {@link SoftphoneSnapshot}s (issue 4 §4, conventions §7). One call at a time; a
 * second INVITE gets 486 Busy Here. It also drives the call's audio: the remote voice on the audio
 * output, the ringtone while an inbound call rings, and the agent's microphone and speaker choice.
 */
export class Softphone {
  private readonly log: Logger
  private readonly domain: string
  private readonly reinviteRetry: ReinviteRetry
  private readonly state: SnapshotStore
  private readonly connection: SipConnection
  private readonly audio: CallAudio
  private session: Session | undefined

  constructor(options: SoftphoneOptions) {
    this.log = options.logger ?? createLogger('softphone')
    this.domain = options.domain
    this.state = new SnapshotStore(this.log, options.now ?? Date.now)
    this.reinviteRetry = options.reinviteRetry ?? DEFAULT_REINVITE_RETRY
    this.connection = new SipConnection(options, this.log, this.state, (invitation) =>
      this.onInvite(invitation),
    )
    this.audio = new CallAudio(options, this.log, this.state, () => this.session)
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

  /** Stops reconnecting, ends a call, unregisters and disconnects. Resolves when done. */
  stop(): Promise<void> {
    return this.connection.stop()
  }

  /**
   * Dials `target`: an extension or number on our domain, or a `sip:` URI. With a
   * `klantcontactnummer` the INVITE carries it (a consult call, C0534 §3). Resolves when the INVITE
   * is sent; rejects if there is already a call, the target is invalid, or the phone is not started.
   */
  async call(target: string, options: { klantcontactnummer?: string } = {}): Promise<void> {
    const ua = this.connection.userAgent
    if (!ua) {
      throw new Error('softphone not started')
    }
    if (this.session) {
      throw new Error('already in a call')
    }
    const uri = target.startsWith('sip:')
      ? UserAgent.makeURI(target)
      : TARGET.test(target)
        ? UserAgent.makeURI(`sip:${target}@${this.domain}`)
        : undefined
    if (!uri) {
      throw new RangeError('not a number, extension or sip: URI')
    }
    const nummer = options.klantcontactnummer
    const inviter = new Inviter(ua, uri, {
      extraHeaders: nummer ? klantcontactHeaders(nummer) : [],
      sessionDescriptionHandlerOptions: this.audio.sessionDescriptionHandlerOptions(),
    })
    // The Call-ID is fixed when the Inviter builds its INVITE, before anything is sent.
    this.track(inviter, 'outbound', uri.user ?? target, inviter.request.callId, nummer)
    this.state.callEvent('dial')
    try {
      await inviter.invite()
    } catch (error) {
      // Not sent (e.g. the socket is down): no session will ever terminate, so end the record here.
      if (this.session === inviter) {
        this.session = undefined
        this.state.callEvent('end')
      }
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

  /** Declines the ringing call (486 Busy Here, so a group call moves on). Rejects if nothing rings. */
  async decline(): Promise<void> {
    await this.ringing().reject({ statusCode: 486 })
  }

  /** Ends the call in whatever phase: CANCEL, reject or BYE. Resolves at once without a call. */
  async hangup(): Promise<void> {
    const session = this.session
    if (!session) {
      return
    }
    switch (session.state) {
      case SessionState.Initial:
      case SessionState.Establishing:
        if (session instanceof Inviter) {
          await session.cancel()
        } else if (session instanceof Invitation) {
          await session.reject()
        }
        return
      case SessionState.Established:
        await session.bye()
        return
      case SessionState.Terminating:
      case SessionState.Terminated:
        return
      default:
        throw missingCaseError(session.state)
    }
  }

  /** Puts the active call on hold (re-INVITE, sendonly; RFC 6337 §5.3). Resolves when accepted. */
  hold(): Promise<void> {
    return this.reinvite(true)
  }

  /** Takes the call off hold (re-INVITE, sendrecv). Resolves when accepted. */
  resume(): Promise<void> {
    return this.reinvite(false)
  }

  /** Mutes or unmutes the microphone (local only: the sender track, no signalling). */
  mute(on: boolean): void {
    this.requireSession()
    this.state.updateCall({ muted: on })
    this.audio.applyMute()
  }

  /**
   * Sends one DTMF tone on the established call (SIP INFO, see session-requests.ts). Rejects with a
   * RangeError for anything but 0-9, * or #, and when there is no established call.
   */
  async sendDtmf(tone: string): Promise<void> {
    assertDtmfTone(tone)
    const session = this.session
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

  private onInvite(invitation: Invitation): void {
    if (this.session) {
      void invitation.reject({ statusCode: 486 }).catch(() => undefined)
      return
    }
    const nummer = klantcontactnummerFromHeaders((name) => invitation.request.getHeader(name))
    const remote = invitation.remoteIdentity.uri.user ?? 'onbekend'
    this.track(invitation, 'inbound', remote, invitation.request.callId, nummer)
    // The callee's dialog is confirmed by the ACK, not by sending 200 (RFC 3261 §13.3.1.4). A
    // re-INVITE before the ACK is processed gets 500 (RFC 6337 §4.3), so "active" waits for it.
    invitation.delegate = {
      onAck: () => {
        if (invitation === this.session) {
          this.state.callEvent('established')
        }
      },
    }
    this.state.callEvent('incoming')
  }

  private track(
    session: Session,
    direction: CallSnapshot['direction'],
    remoteNumber: string,
    sipCallId: string,
    klantcontactnummer: string | undefined,
  ): void {
    this.session = session
    this.state.newCall({
      id: crypto.randomUUID(),
      sipCallId,
      direction,
      remoteNumber,
      ...(klantcontactnummer ? { klantcontactnummer } : {}),
    })
    session.stateChange.addListener((state) => {
      if (session !== this.session) {
        return
      }
      if (state === SessionState.Established) {
        // Media is up once the 2xx is in (caller) or sent (callee): play the other party from here.
        this.audio.mediaUp(session)
        if (session instanceof Inviter) {
          this.state.callEvent('established')
        }
      } else if (state === SessionState.Terminated) {
        this.audio.callEnded()
        this.state.callEvent('end')
        this.session = undefined
      }
    })
  }

  private async reinvite(hold: boolean): Promise<void> {
    const session = this.requireSession()
    const expected = hold ? 'active' : 'on_hold'
    if (this.state.get().call?.state !== expected) {
      throw new Error(`cannot ${hold ? 'hold' : 'resume'} a call that is ${this.state.get().call?.state}`)
    }
    await sendHoldReinvite(session, hold, this.reinviteRetry)
    if (session === this.session) {
      this.state.callEvent(hold ? 'held' : 'resumed')
      // sip.js' web handler re-enables the microphone on resume; keep a mute in place.
      this.audio.applyMute()
    }
  }

  private ringing(): Invitation {
    const session = this.session
    if (!(session instanceof Invitation) || this.state.get().call?.state !== 'ringing') {
      throw new Error('no ringing call')
    }
    return session
  }

  private requireSession(): Session {
    if (!this.session) {
      throw new Error('no call')
    }
    return this.session
  }
}
