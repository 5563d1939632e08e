import {
  Invitation,
  Inviter,
  Registerer,
  SessionState,
  SIPExtension,
  UserAgent,
  UserAgentState,
  Web,
  type Session,
  type SessionDescriptionHandlerFactory,
} from 'sip.js'
import { klantcontactHeaders, klantcontactnummerFromHeaders } from '../../../shared/sip/klantcontactnummer'
import { createLogger, type Logger } from '../log'
import { DEFAULT_BACKOFF, reconnectDelay, type BackoffOptions } from './backoff'
import { missingCaseError } from './missing-case'
import {
  assertDtmfTone,
  DEFAULT_REINVITE_RETRY,
  sendDtmfInfo,
  sendHoldReinvite,
  type ReinviteRetry,
} from './session-requests'
import { SnapshotStore } from './snapshot-store'
import type { CallSnapshot, SoftphoneListener, SoftphoneSnapshot } from './types'

export interface SoftphoneOptions {
  /** The SIP server's WebSocket, e.g. `wss://sip.example/ws`. */
  websocketUrl: string
  domain: string
  extension: string
  password: string
  displayName?: string
  /** Never the sip.js default (Google STUN, telephony notes §10.1): empty unless we run our own. */
  iceServers?: RTCIceServer[]
  /** Media for sessions; tests inject a fake, the browser uses sip.js' WebRTC handler. */
  sessionDescriptionHandlerFactory?: SessionDescriptionHandlerFactory
  backoff?: Partial<BackoffOptions>
  /** Resends of a hold/resume re-INVITE after 491 or 500 (RFC 3261 §14.1). */
  reinviteRetry?: ReinviteRetry
  logger?: Logger
  now?: () => number
}

const TARGET = /^[A-Za-z0-9_.+-]{1,64}$/

/**
 * The agent's phone: sip.js UserAgent + Registerer behind plain verbs, with its state published as
 * {@link SoftphoneSnapshot}s (issue 4 §4, conventions §7). One call at a time; a second INVITE gets
 * 486 Busy Here. sip.js does not reconnect or re-register by itself (telephony notes §10), so this
 * service does, with backoff, for as long as the agent wants to be registered.
 */
export class Softphone {
  private readonly log: Logger
  private readonly backoff: BackoffOptions
  private readonly reinviteRetry: ReinviteRetry
  private readonly state: SnapshotStore
  /** Desired state, apart from the actual one in `snapshot.registration`. */
  private wantRegistered = false
  private ua: UserAgent | undefined
  private registerer: Registerer | undefined
  private session: Session | undefined
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  private attempt = 0

  constructor(private readonly options: SoftphoneOptions) {
    this.log = options.logger ?? createLogger('softphone')
    this.state = new SnapshotStore(this.log, options.now ?? Date.now)
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff }
    this.reinviteRetry = options.reinviteRetry ?? DEFAULT_REINVITE_RETRY
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
  async start(): Promise<void> {
    // Idempotent, except after a refused REGISTER: then start() is the way to try again.
    if (this.wantRegistered && this.state.get().registration !== 'failed') {
      return
    }
    this.wantRegistered = true
    this.attempt = 0
    this.state.registration('start')
    this.ua ??= this.createUserAgent()
    await this.connect()
  }

  /** Stops reconnecting, ends a call, unregisters and disconnects. Resolves when done. */
  async stop(): Promise<void> {
    this.wantRegistered = false
    clearTimeout(this.retryTimer)
    this.retryTimer = undefined
    const ua = this.ua
    this.ua = undefined
    this.registerer = undefined
    this.state.registration('stop')
    if (ua) {
      // UserAgent.stop() ends sessions and unregisters (sip.js user-agent.ts, "graceful shutdown").
      await ua.stop().catch((error: unknown) => this.log.warn('stop failed', { error: String(error) }))
    }
  }

  /**
   * Dials `target`: an extension or number on our domain, or a `sip:` URI. With a
   * `klantcontactnummer` the INVITE carries it (a consult call, C0534 §3). Resolves when the INVITE
   * is sent; rejects if there is already a call, the target is invalid, or the phone is not started.
   */
  async call(target: string, options: { klantcontactnummer?: string } = {}): Promise<void> {
    const ua = this.requireUserAgent()
    this.requireNoCall()
    const uri = target.startsWith('sip:')
      ? UserAgent.makeURI(target)
      : TARGET.test(target)
        ? UserAgent.makeURI(`sip:${target}@${this.options.domain}`)
        : undefined
    if (!uri) {
      throw new RangeError('not a number, extension or sip: URI')
    }
    const extraHeaders = options.klantcontactnummer ? klantcontactHeaders(options.klantcontactnummer) : []
    const inviter = new Inviter(ua, uri, { extraHeaders })
    this.track(inviter, 'outbound', uri.user ?? target, options.klantcontactnummer)
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
    await invitation.accept()
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
    this.applyMute(on)
    this.state.updateCall({ muted: on })
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

  private createUserAgent(): UserAgent {
    const { extension, domain, password, displayName } = this.options
    const uri = UserAgent.makeURI(`sip:${extension}@${domain}`)
    if (!uri) {
      throw new RangeError('extension and domain do not make a SIP URI')
    }
    return new UserAgent({
      uri,
      displayName,
      authorizationUsername: extension,
      authorizationPassword: password,
      transportOptions: { server: this.options.websocketUrl },
      // Needed to be the target of an attended transfer (telephony notes §10.2).
      sipExtensionReplaces: SIPExtension.Supported,
      // We reconnect ourselves, with backoff and re-registration.
      reconnectionAttempts: 0,
      // sip.js' own log goes through our scoped logger, never straight to the console.
      logBuiltinEnabled: false,
      logLevel: 'warn',
      logConnector: (level, category, _label, content) => {
        const fields = { category, content }
        if (level === 'error' || level === 'warn') {
          this.log.warn('sip.js', fields)
        } else {
          this.log.debug('sip.js', fields)
        }
      },
      sessionDescriptionHandlerFactory: this.options.sessionDescriptionHandlerFactory,
      sessionDescriptionHandlerFactoryOptions: {
        peerConnectionConfiguration: { iceServers: this.options.iceServers ?? [] },
        iceGatheringTimeout: 500,
      },
      delegate: {
        onInvite: (invitation) => this.onInvite(invitation),
        onDisconnect: (error) => this.onDisconnect(error),
      },
    })
  }

  private async connect(): Promise<void> {
    const ua = this.ua
    if (!ua || !this.wantRegistered) {
      return
    }
    try {
      await (ua.state === UserAgentState.Stopped ? ua.start() : ua.reconnect())
    } catch (error) {
      this.log.warn('connect failed', { attempt: this.attempt, error: String(error) })
      this.onDisconnect(error instanceof Error ? error : new Error(String(error)))
      return
    }
    if (ua !== this.ua || !this.wantRegistered) {
      return
    }
    this.attempt = 0
    this.register(ua)
  }

  private register(ua: UserAgent): void {
    // One Registerer per connection (the previous one is dropped in onDisconnect): it carries no
    // Authorization from the old connection, whose nonce a restarted registrar refuses.
    this.registerer ??= new Registerer(ua, { expires: 600 })
    const registerer = this.registerer
    registerer
      .register({
        requestDelegate: {
          // The 2xx, not the Registerer's state: that stays Registered across a dropped socket.
          onAccept: () => this.state.registration('accepted'),
          onReject: (response) => {
            this.log.warn('registration rejected', { status: response.message.statusCode })
            this.state.registration('rejected')
          },
        },
      })
      .catch((error: unknown) => this.log.warn('register failed', { error: String(error) }))
  }

  private onDisconnect(error?: Error): void {
    // After a refused REGISTER, retrying with the same credentials cannot help: wait for start().
    if (!this.wantRegistered || this.state.get().registration === 'failed') {
      return
    }
    this.log.info('disconnected', { error: error ? String(error) : undefined })
    // Disposed while the socket is down, its un-REGISTER cannot go out, so it can never remove the
    // binding the next connection makes for the same Contact.
    const stale = this.registerer
    this.registerer = undefined
    void stale?.dispose().catch(() => undefined)
    this.state.registration('disconnected')
    if (this.retryTimer !== undefined) {
      return
    }
    const delay = reconnectDelay(this.attempt++, this.backoff)
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined
      void this.connect()
    }, delay)
  }

  private onInvite(invitation: Invitation): void {
    if (this.session) {
      void invitation.reject({ statusCode: 486 }).catch(() => undefined)
      return
    }
    const nummer = klantcontactnummerFromHeaders((name) => invitation.request.getHeader(name))
    this.track(invitation, 'inbound', invitation.remoteIdentity.uri.user ?? 'onbekend', nummer)
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

  private track(session: Session, direction: CallSnapshot['direction'], remote: string, kcc?: string): void {
    this.session = session
    this.state.newCall({
      id: crypto.randomUUID(),
      direction,
      remoteNumber: remote,
      ...(kcc ? { klantcontactnummer: kcc } : {}),
    })
    session.stateChange.addListener((state) => {
      if (session !== this.session) {
        return
      }
      if (state === SessionState.Established && session instanceof Inviter) {
        this.state.callEvent('established')
      } else if (state === SessionState.Terminated) {
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
      this.applyMute(this.state.get().call?.muted ?? false)
    }
  }

  private applyMute(on: boolean): void {
    const sdh = this.session?.sessionDescriptionHandler
    if (sdh instanceof Web.SessionDescriptionHandler) {
      sdh.enableSenderTracks(!on && !(this.state.get().call?.held ?? false))
    }
  }

  private ringing(): Invitation {
    const session = this.session
    if (!(session instanceof Invitation) || this.state.get().call?.state !== 'ringing') {
      throw new Error('no ringing call')
    }
    return session
  }

  private requireUserAgent(): UserAgent {
    if (!this.ua) {
      throw new Error('softphone not started')
    }
    return this.ua
  }

  private requireNoCall(): void {
    if (this.session) {
      throw new Error('already in a call')
    }
  }

  private requireSession(): Session {
    if (!this.session) {
      throw new Error('no call')
    }
    return this.session
  }
}
