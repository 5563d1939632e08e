import { Inviter, SessionState, UserAgent, Web, type Core, type Referral, type SessionDelegate } from 'sip.js'
import {
  QUEUE_REJECT_PHRASES,
  QUEUE_REJECT_REASONS,
  QUEUE_REJECT_STATUS,
  QUEUED_STATUS,
  type QueueRejectReason,
} from '../../shared/sip/queue-responses'
import type { Logger } from './log'
import { endCall, followReferral } from './referral'
import type { CallerSettings } from './settings'

export type CallStatus =
  | { state: 'verbinden' }
  /** The SIP server holds the call in an afdeling's queue (182 Queued) until an agent is free. */
  | { state: 'in-wachtrij' }
  | { state: 'gaat-over' }
  | { state: 'in-gesprek' }
  | { state: 'beeindigd' }
  | { state: 'mislukt'; reason: string }

export interface CallEnvironment {
  /** Plays the other side (the agent). */
  audio: HTMLAudioElement
  onStatus(status: CallStatus): void
  /** The call now goes on with whom a REFER sent us to (the agent transferred us). */
  onTransferred?(): void
  log: Logger
}

/** Dutch for the final responses a caller meets (RFC 3261 §21); others keep the server's phrase. */
const REASONS: Readonly<Record<number, string>> = {
  403: 'geweigerd',
  404: 'onbekend adres',
  407: 'de SIP-server vraagt een wachtwoord',
  408: 'geen antwoord',
  480: 'niemand beschikbaar',
  486: 'bezet',
  488: 'geen geschikte verbinding voor geluid',
  503: 'de SIP-server is niet beschikbaar',
  603: 'geweigerd',
}

/**
 * One call from the caller page, with a UserAgent of its own: it connects, sends one INVITE and
 * disconnects when the call ends. It never REGISTERs: the embedded server refuses a guest's
 * REGISTER and Kamailio's caller account may only call (deploy/kamailio/README.md), and a caller
 * needs no incoming calls. Media is WebRTC (DTLS-SRTP, RFC 8827) with no ICE servers: the sip.js
 * default is a public Google STUN server, and the demo runs on one machine or one network.
 *
 * Like a desk phone it follows a REFER from the agent (RFC 3515, RFC 5589): it calls the Refer-To
 * target (with Replaces for an attended transfer, RFC 3891; with the headers a blind transfer
 * embedded in the Refer-To), sip.js NOTIFYs the agent of that call's progress, and once it is
 * answered the page goes on with it. The agent then ends the old call, which the page lets go
 * quietly. If the new call fails, the page stays on the old call while it lasts.
 */
export class CallerCall {
  private readonly env: CallEnvironment
  private readonly ua: UserAgent
  private readonly target: string
  /** The call the page shows: the first one, or the one a REFER made once it was answered. */
  private inviter: Inviter | undefined
  /** A call a REFER made that is not answered yet. */
  private referred: Inviter | undefined
  private failure: string | undefined
  private hangingUp = false
  private isEnded = false

  private constructor(settings: CallerSettings, env: CallEnvironment) {
    this.env = env
    this.target = `sip:${settings.target}@${settings.domain}`
    this.ua = new UserAgent({
      uri: UserAgent.makeURI(`sip:${settings.user}@${settings.domain}`),
      ...(settings.password !== undefined
        ? { authorizationUsername: settings.user, authorizationPassword: settings.password }
        : {}),
      transportOptions: { server: settings.server },
      // sip.js' own log goes through our logger, and only its warnings: its connector also gets
      // every debug line, whatever `logLevel` says.
      logBuiltinEnabled: false,
      logConfiguration: false,
      logLevel: 'warn',
      logConnector: (level, category, _label, content) => {
        if (level === 'error' || level === 'warn') {
          env.log.warn('sip.js', { category, content })
        }
      },
      sessionDescriptionHandlerFactoryOptions: {
        peerConnectionConfiguration: { iceServers: [] },
        iceGatheringTimeout: 500,
      },
      delegate: {
        onDisconnect: (error) => {
          if (error) {
            this.fail('de verbinding met de SIP-server is verbroken')
          }
        },
      },
    })
  }

  static start(settings: CallerSettings, env: CallEnvironment): CallerCall {
    const call = new CallerCall(settings, env)
    void call.run()
    return call
  }

  get ended(): boolean {
    return this.isEnded
  }

  hangUp(): void {
    if (this.isEnded) {
      return
    }
    this.hangingUp = true
    const referred = this.referred
    if (referred) {
      endCall(referred, this.env.log)
    }
    const inviter = this.inviter
    if (!inviter && referred) {
      return
    }
    if (inviter?.state === SessionState.Established) {
      void inviter.bye().catch((error: unknown) => this.fail(String(error)))
    } else if (inviter?.state === SessionState.Initial || inviter?.state === SessionState.Establishing) {
      // Answered with 487 Request Terminated, then Terminated (RFC 3261 §9).
      void inviter.cancel().catch((error: unknown) => this.fail(String(error)))
    } else {
      this.finish({ state: 'beeindigd' })
    }
  }

  /** A key of the keypad, as RTP telephone-events (RFC 4733) through WebRTC's DTMF sender. */
  sendDtmf(tone: string): boolean {
    const inviter = this.inviter
    if (inviter?.state !== SessionState.Established || !inviter.sessionDescriptionHandler) {
      return false
    }
    return inviter.sessionDescriptionHandler.sendDtmf(tone)
  }

  private async run(): Promise<void> {
    this.env.onStatus({ state: 'verbinden' })
    try {
      await this.ua.start()
    } catch (error) {
      this.env.log.warn('connect failed', { error: String(error) })
      this.fail('geen verbinding met de SIP-server')
      return
    }
    const target = UserAgent.makeURI(this.target)
    if (this.isEnded || !target) {
      this.finish({ state: 'beeindigd' })
      return
    }
    const inviter = new Inviter(this.ua, target, {
      sessionDescriptionHandlerOptions: AUDIO_ONLY,
      delegate: this.sessionDelegate,
    })
    this.inviter = inviter
    this.watch(inviter)
    try {
      await inviter.invite({
        requestDelegate: {
          onProgress: (response) => {
            const code = response.message.statusCode ?? 0
            if (this.isEnded) {
              return
            }
            if (code === QUEUED_STATUS) {
              this.env.onStatus({ state: 'in-wachtrij' })
            } else if (code === 180 || code === 183) {
              this.env.onStatus({ state: 'gaat-over' })
            }
          },
          onReject: (response) => {
            if (!this.hangingUp) {
              this.failure = reasonOf(response)
            }
          },
        },
      })
    } catch (error) {
      this.env.log.warn('invite failed', { error: String(error) })
      const name = error instanceof Error ? error.name : ''
      this.fail(
        name === 'NotAllowedError' || name === 'NotFoundError'
          ? 'geen toegang tot een microfoon'
          : 'het gesprek kon niet worden opgezet',
      )
    }
  }

  private readonly sessionDelegate: SessionDelegate = {
    onRefer: (referral) => this.followReferral(referral),
  }

  private watch(inviter: Inviter): void {
    inviter.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        this.established(inviter)
      } else if (state === SessionState.Terminated) {
        // sip.js terminates the session before it tells the request delegate or rejects invite():
        // wait for those, so a refusal shows its reason rather than "Beëindigd".
        setTimeout(() => this.terminated(inviter), 0)
      }
    })
  }

  private established(inviter: Inviter): void {
    if (inviter === this.referred) {
      this.referred = undefined
      this.inviter = inviter
      this.env.log.info('transferred call answered')
      this.env.onTransferred?.()
    }
    if (inviter === this.inviter) {
      this.env.onStatus({ state: 'in-gesprek' })
      this.playRemoteAudio(inviter)
    }
  }

  private terminated(inviter: Inviter): void {
    if (inviter === this.referred) {
      // The transfer did not work out: back on the first call if it is still there.
      this.referred = undefined
      this.env.log.info('transferred call not answered')
      if (this.inviter?.state === SessionState.Established) {
        this.failure = undefined
        return
      }
      this.finish(
        this.hangingUp ? { state: 'beeindigd' } : failed(this.failure ?? 'doorverbinden is mislukt'),
      )
    } else if (inviter === this.inviter) {
      if (this.referred) {
        // The agent ended our first call while the call it sent us to is still being set up.
        this.inviter = undefined
        return
      }
      this.finish(this.failure ? failed(this.failure) : { state: 'beeindigd' })
    }
  }

  /** A REFER on the current call (referral.ts); one at a time. */
  private followReferral(referral: Referral): void {
    const busy = this.isEnded || this.hangingUp || this.referred !== undefined
    const next = followReferral(referral, {
      busy: busy ? (this.referred ? 491 : 603) : undefined,
      sessionDescriptionHandlerOptions: AUDIO_ONLY,
      delegate: this.sessionDelegate,
      log: this.env.log,
      onReject: (reason) => {
        this.failure = reason
      },
      reasonOf,
    })
    if (next) {
      this.referred = next
      this.watch(next)
    }
  }

  private playRemoteAudio(inviter: Inviter): void {
    const sdh = inviter.sessionDescriptionHandler
    if (!(sdh instanceof Web.SessionDescriptionHandler)) {
      return
    }
    const play = (): void => {
      this.env.audio.srcObject = sdh.remoteMediaStream
      void this.env.audio
        .play()
        .catch((error: unknown) => this.env.log.warn('audio does not play', { error: String(error) }))
    }
    play()
    // sip.js swaps tracks inside the one remote stream on `ontrack` (a re-INVITE, hold).
    sdh.peerConnectionDelegate = { ...sdh.peerConnectionDelegate, ontrack: play }
  }

  private fail(reason: string): void {
    this.failure ??= reason
    this.finish(failed(this.failure))
  }

  private finish(status: CallStatus): void {
    if (this.isEnded) {
      return
    }
    this.isEnded = true
    this.env.audio.srcObject = null
    this.env.onStatus(status)
    this.env.log.info('call ended', { state: status.state })
    void this.ua.stop().catch((error: unknown) => this.env.log.warn('stop failed', { error: String(error) }))
  }
}

const failed = (reason: string): CallStatus => ({ state: 'mislukt', reason })

const AUDIO_ONLY = { constraints: { audio: true, video: false } }

/** What a caller who waited in the queue is told when the queue gives up (shared/sip/queue-responses.ts). */
const QUEUE_REASONS: Readonly<Record<QueueRejectReason, string>> = {
  no_agent: 'niemand beschikbaar',
  timeout: 'de wachttijd is voorbij',
  terugbelverzoek: 'niemand beschikbaar; u wordt teruggebeld',
}
const QUEUE_REASON_BY_PHRASE = new Map(
  QUEUE_REJECT_REASONS.map((reason) => [QUEUE_REJECT_PHRASES[reason], QUEUE_REASONS[reason]]),
)

function reasonOf(response: Core.IncomingResponse): string {
  const code = response.message.statusCode ?? 0
  const queued = QUEUE_REASON_BY_PHRASE.get(response.message.reasonPhrase ?? '')
  if (code === QUEUE_REJECT_STATUS && queued !== undefined) {
    return `${code} ${queued}`
  }
  return `${code} ${REASONS[code] ?? response.message.reasonPhrase ?? ''}`.trim()
}
