import { SessionState, type Inviter, type Session, type UserAgent } from 'sip.js'
import type { MonitorMode } from '../../../../shared/live/protocol'
import { monitorHeaders } from '../../../../shared/sip/monitor-header'
import type { Logger } from '../../log'
import type { AudioOutput } from '../media/audio-output'
import { webMedia, type WebMedia } from '../media/call-media'
import { callTargetUri } from '../call/call-target'
import type { ReferGate } from '../transfer/incoming-refer'
import { missingCaseError } from '../../lib/missing-case'
import { MonitorMix, type MixContext } from './monitor-mix'
import { endSession } from '../call/session-requests'
import { newInviter } from '../sessions'
import type { SnapshotStore } from '../snapshot-store'

/** What the gateway told the monitored agent's app (the live event `monitor.started`). */
export interface MonitorRequest {
  id: string
  /** The supervisor's extension: where the monitor call goes. */
  extension: string
  mode: MonitorMode
}

export interface MonitorFeedHost {
  readonly log: Logger
  readonly state: SnapshotStore
  readonly domain: string
  /** A monitor call never follows a REFER. */
  readonly gate: ReferGate
  userAgent(): UserAgent | undefined
  customer(): Session | undefined
  /** A fresh output for the supervisor's voice (whisper, barge); undefined where there is no DOM. */
  newOutput(): AudioOutput | undefined
  /** A fresh AudioContext for the mix. */
  mixContext(): MixContext
}

interface Feed {
  id: string
  inviter: Inviter
  mix: MonitorMix
  output: AudioOutput | undefined
  /** Barge: puts the plain microphone back on the customer's sender. */
  restore: (() => Promise<void>) | undefined
}

/**
 * The monitored agent's side of monitoring (docs/supervisor.md): a monitor call to the supervisor,
 * beside the customer's call, carrying the mix of both legs; the supervisor's voice goes where the
 * mode says (listen: nowhere; whisper: to the agent only; barge: to the agent and the customer).
 * It ends when the gateway says so, when either side hangs up, and with the customer's call.
 */
export class MonitorFeed {
  private current: Feed | undefined

  constructor(private readonly host: MonitorFeedHost) {}

  get session(): Session | undefined {
    return this.current?.inviter
  }

  /**
   * Dials the supervisor. Rejects with a RangeError for a malformed id or extension, and when there
   * is no established customer call; a second request for the running session changes nothing, one
   * for another session replaces it.
   */
  async start(request: MonitorRequest): Promise<void> {
    const { host } = this
    const extraHeaders = monitorHeaders(request.id)
    const uri = callTargetUri(request.extension, host.domain)
    const ua = host.userAgent()
    const customer = host.customer()
    const media = webMedia(customer?.sessionDescriptionHandler)
    const microphone = media?.peerConnection?.getSenders().find((s) => s.track?.kind === 'audio')?.track
    if (!ua || !customer || customer.state !== SessionState.Established || !media || !microphone) {
      throw new Error('no established call to monitor')
    }
    if (this.current?.id === request.id) {
      return
    }
    await this.end()
    const mix = new MonitorMix(host.mixContext(), media.remoteMediaStream, microphone)
    const inviter = newInviter(
      ua,
      uri,
      { extraHeaders, sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } },
      host.gate.refuseAll,
    )
    const feed: Feed = { id: request.id, inviter, mix, output: undefined, restore: undefined }
    this.current = feed
    host.state.newMonitor({
      id: request.id,
      role: 'monitored',
      mode: request.mode,
      sipCallId: inviter.request.callId,
    })
    inviter.stateChange.addListener((state) => {
      switch (state) {
        case SessionState.Established:
          host.state.monitorEvent(request.id, 'established')
          this.connectSupervisor(feed, request.mode, media)
          return
        case SessionState.Terminated:
          this.close(feed)
          host.state.monitorEvent(request.id, 'end')
          return
        case SessionState.Initial:
        case SessionState.Establishing:
        case SessionState.Terminating:
          return
        default:
          throw missingCaseError(state)
      }
    })
    try {
      await inviter.invite()
    } catch (error) {
      this.close(feed)
      host.state.monitorEvent(request.id, 'end')
      void inviter.dispose().catch(() => undefined)
      throw error
    }
    // The offer is made, so sip.js has its sender: the mix replaces the microphone it opened before
    // any media flows (ICE has not even started).
    await sendInstead(webMedia(inviter.sessionDescriptionHandler), mix.toSupervisor)
  }

  /** Hangs up the monitor call `id` (any, without an id) in whatever phase. */
  async end(id?: string): Promise<void> {
    const feed = this.current
    if (!feed || (id !== undefined && feed.id !== id)) {
      return
    }
    await endSession(feed.inviter).catch((error: unknown) =>
      this.host.log.warn({ error: String(error) }, 'ending the monitor call failed'),
    )
  }

  /** The customer's call is over: nothing is left to monitor. */
  customerEnded(): void {
    void this.end()
  }

  private connectSupervisor(feed: Feed, mode: MonitorMode, customer: WebMedia): void {
    const supervisor = webMedia(feed.inviter.sessionDescriptionHandler)
    if (!supervisor || feed !== this.current) {
      return
    }
    switch (mode) {
      case 'listen':
        // The supervisor is heard by no one; their microphone still arrives, and is dropped here.
        return
      case 'whisper':
        feed.output = this.play(supervisor.remoteMediaStream)
        return
      case 'barge': {
        feed.output = this.play(supervisor.remoteMediaStream)
        const sender = customer.peerConnection?.getSenders().find((s) => s.track?.kind === 'audio')
        const microphone = sender?.track
        if (!sender || !microphone) {
          return
        }
        const mixed = feed.mix.bargeTrack(supervisor.remoteMediaStream)
        // A muted agent stays muted to the customer (the mixed track inherits the state).
        mixed.enabled = microphone.enabled
        void sender.replaceTrack(mixed).catch((error: unknown) => {
          this.host.log.warn({ error: String(error) }, 'barge: the customer leg kept the microphone')
        })
        feed.restore = async () => {
          if (sender.track === mixed && customer.peerConnection?.connectionState !== 'closed') {
            microphone.enabled = mixed.enabled
            await sender.replaceTrack(microphone)
          }
        }
        return
      }
      default:
        throw missingCaseError(mode)
    }
  }

  private play(stream: MediaStream): AudioOutput | undefined {
    const output = this.host.newOutput()
    output?.play(stream)
    const speakerId = this.host.state.get().devices.speakerId
    void output?.setSinkId(speakerId).catch(() => undefined)
    return output
  }

  private close(feed: Feed): void {
    if (this.current === feed) {
      this.current = undefined
    }
    const { restore, mix, output } = feed
    feed.restore = undefined
    feed.output = undefined
    output?.stop()
    void (restore?.() ?? Promise.resolve())
      .catch((error: unknown) =>
        this.host.log.warn({ error: String(error) }, 'barge: restoring the microphone failed'),
      )
      .finally(() => mix.close())
  }
}

/** Sends `track` on the call instead of what sip.js opened, and frees that (the device light goes off). */
async function sendInstead(media: WebMedia | undefined, track: MediaStreamTrack): Promise<void> {
  const sender = media?.peerConnection?.getSenders().find((s) => s.track?.kind === 'audio')
  if (!media || !sender) {
    return
  }
  const old = sender.track
  await sender.replaceTrack(track)
  if (old && old !== track) {
    old.stop()
    media.localMediaStream.removeTrack(old)
  }
  media.localMediaStream.addTrack(track)
}
