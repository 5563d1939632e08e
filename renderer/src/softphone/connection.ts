import {
  Registerer,
  SIPExtension,
  UserAgent,
  UserAgentState,
  type Invitation,
  type SessionDescriptionHandlerFactory,
  type UserAgentOptions,
} from 'sip.js'
import type { Logger } from '../log'
import { DEFAULT_BACKOFF, reconnectDelay, type BackoffOptions } from './backoff'
import { guardRefer, type ReferHandler } from './sessions'
import type { SnapshotStore } from './snapshot-store'

export interface ConnectionOptions {
  /** The SIP server's WebSocket, e.g. `wss://sip.example/ws`. */
  websocketUrl: string
  domain: string
  extension: string
  /**
   * The digest username: the gateway's ephemeral `<expiry>:<extension>` (GET /api/softphone);
   * left out, the extension (a static account).
   */
  authorizationUsername?: string
  password: string
  displayName?: string
  /**
   * Never the sip.js default (Google STUN, which would tell a third party of every call): empty
   * unless we run our own.
   */
  iceServers?: RTCIceServer[]
  /** Media for sessions; tests inject a fake, the browser uses sip.js' WebRTC handler. */
  sessionDescriptionHandlerFactory?: SessionDescriptionHandlerFactory
  backoff?: Partial<BackoffOptions>
  /** The SIP transport; sip.js' WebSocket transport unless a unit test brings its own. */
  transportConstructor?: UserAgentOptions['transportConstructor']
  /**
   * Fetches and applies ({@link SipConnection.setCredentials}) new credentials at once; true when it
   * did. Asked once when the registrar refuses the current ones: a restarted embedded SIP server or
   * a re-keyed PBX no longer knows them, and the gateway issues ones it does.
   */
  renewCredentials?: () => Promise<boolean>
}

/** Digest credentials for the registrar; the gateway issues new ones before the old expire. */
export interface SipCredentials {
  authorizationUsername: string
  password: string
}

/**
 * The softphone's link to the registrar: one sip.js UserAgent over one WebSocket (RFC 7118) and a
 * Registerer on it. sip.js does not reconnect or re-register by itself, so
 * this does, with backoff, for as long as the agent wants to be registered. It publishes only the
 * registration state; calls are the {@link Softphone}'s business (`onInvite`).
 */
export class SipConnection {
  private readonly backoff: BackoffOptions
  /** Desired state, apart from the actual one in `snapshot.registration`. */
  private wantRegistered = false
  private ua: UserAgent | undefined
  private registerer: Registerer | undefined
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  private attempt = 0
  private credentials: SipCredentials
  /** Whether the refusal of this connection's REGISTER already led to new credentials. */
  private renewedAfterRefusal = false

  constructor(
    private readonly options: ConnectionOptions,
    private readonly log: Logger,
    private readonly state: SnapshotStore,
    private readonly onInvite: (invitation: Invitation) => void,
    /** Every inbound session's REFER handler until the softphone gives it another (sessions.ts). */
    private readonly refuseRefer: ReferHandler,
  ) {
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff }
    this.credentials = {
      authorizationUsername: options.authorizationUsername ?? options.extension,
      password: options.password,
    }
  }

  /**
   * Takes renewed credentials: the next challenge (a REGISTER refresh, an INVITE's 407) is
   * answered with them, sip.js reading its configuration anew for every challenge, and so is every
   * connection after this one. Nothing is re-sent now: the registration stands until it refreshes.
   */
  setCredentials(credentials: SipCredentials): void {
    this.credentials = { ...credentials }
    if (this.ua) {
      this.ua.configuration.authorizationUsername = credentials.authorizationUsername
      this.ua.configuration.authorizationPassword = credentials.password
    }
  }

  /** The UserAgent between {@link start} and {@link stop}, connected or not. */
  get userAgent(): UserAgent | undefined {
    return this.ua
  }

  /** Connects and registers; resolves once the first attempt is made. See `Softphone.start`. */
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

  /** Stops reconnecting, ends sessions, unregisters and disconnects. */
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
      await ua.stop().catch((error: unknown) => this.log.warn({ error: String(error) }, 'stop failed'))
    }
  }

  private createUserAgent(): UserAgent {
    const { extension, domain, displayName } = this.options
    const uri = UserAgent.makeURI(`sip:${extension}@${domain}`)
    if (!uri) {
      throw new RangeError('extension and domain do not make a SIP URI')
    }
    return new UserAgent({
      uri,
      displayName,
      authorizationUsername: this.credentials.authorizationUsername,
      authorizationPassword: this.credentials.password,
      transportOptions: { server: this.options.websocketUrl },
      ...(this.options.transportConstructor
        ? { transportConstructor: this.options.transportConstructor }
        : {}),
      // Needed to be the target of an attended transfer: without it sip.js neither advertises nor
      // handles an INVITE with Replaces (RFC 3891).
      sipExtensionReplaces: SIPExtension.Supported,
      // We reconnect ourselves, with backoff and re-registration.
      reconnectionAttempts: 0,
      // sip.js' own log goes through our scoped logger, never straight to the console.
      logBuiltinEnabled: false,
      logLevel: 'warn',
      // sip.js hands the connector every line whatever `logLevel` says (LoggerFactory.genericLog),
      // debug included: whole SIP messages with caller numbers, klantcontactnummers and digest
      // responses. Only warnings and errors go on; they cost nothing on the call path either.
      logConnector: (level, category, _label, content) => {
        if (level === 'error' || level === 'warn') {
          this.log.warn({ category, content }, 'sip.js')
        }
      },
      sessionDescriptionHandlerFactory: this.options.sessionDescriptionHandlerFactory,
      sessionDescriptionHandlerFactoryOptions: {
        peerConnectionConfiguration: { iceServers: this.options.iceServers ?? [] },
        iceGatheringTimeout: 500,
      },
      delegate: {
        onInvite: (invitation) => {
          // Before anyone else sees it: no inbound session ever follows a REFER unasked.
          guardRefer(invitation, this.refuseRefer)
          this.onInvite(invitation)
        },
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
      this.log.warn({ attempt: this.attempt, error: String(error) }, 'connect failed')
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
          onAccept: () => {
            this.renewedAfterRefusal = false
            this.state.registration('accepted')
          },
          onReject: (response) => {
            const status = response.message.statusCode
            this.log.warn({ status }, 'registration rejected')
            if (
              status !== undefined &&
              isCredentialRefusal(status) &&
              !this.renewedAfterRefusal &&
              this.options.renewCredentials
            ) {
              this.renewedAfterRefusal = true
              void this.registerWithRenewedCredentials(ua)
              return
            }
            this.state.registration('rejected')
          },
        },
      })
      .catch((error: unknown) => this.log.warn({ error: String(error) }, 'register failed'))
  }

  /** Once per refusal streak: new credentials, a new Registerer, and REGISTER again. */
  private async registerWithRenewedCredentials(ua: UserAgent): Promise<void> {
    const renewed = await this.options.renewCredentials!().catch((error: unknown) => {
      this.log.warn({ error: String(error) }, 'sip credentials not renewed after refusal')
      return false
    })
    if (ua !== this.ua || !this.wantRegistered) {
      return
    }
    if (!renewed) {
      this.state.registration('rejected')
      return
    }
    const refused = this.registerer
    this.registerer = undefined
    void refused?.dispose().catch(() => undefined)
    this.register(ua)
  }

  private onDisconnect(error?: Error): void {
    // After a refused REGISTER, retrying with the same credentials cannot help: wait for start().
    if (!this.wantRegistered || this.state.get().registration === 'failed') {
      return
    }
    this.log.info({ error: error ? String(error) : undefined }, 'disconnected')
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
}

/** A refusal that other credentials may overcome: the challenge failed, or the user is forbidden. */
function isCredentialRefusal(status: number): boolean {
  return status === 401 || status === 403 || status === 407
}
