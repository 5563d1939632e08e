import type { Session } from 'sip.js'
import type { Logger } from '../../log'
import { domAudioOutput, type AudioOutput } from './audio-output'
import { playRemoteAudio, swapMicrophone, webMedia, type WebMedia } from './call-media'
import { defaultMediaDevices, listDevices, microphoneConstraints, type MediaDevicesLike } from './devices'
import { domRingtone, type RingtonePlayer } from './ringtone'
import type { CallSlot, SnapshotStore } from '../snapshot-store'
import type { DeviceChoice, DeviceList } from '../types'

export interface CallAudioOptions {
  /** Plays the other party. Default: an `<audio>` element where there is a DOM; null: none. */
  audioOutput?: AudioOutput | null
  /** Rings for an inbound call. Default: resources/ringtone.wav where there is a DOM; null: none. */
  ringtone?: RingtonePlayer | null
  /** For listing devices and live microphone swaps. Default: `navigator.mediaDevices`; null: none. */
  mediaDevices?: MediaDevicesLike | null
}

/** The sessions behind the snapshot's `call` and `consult`, where they exist. */
export type CallLegs = () => Partial<Record<CallSlot, Session>>

/**
 * What the agent hears and which devices the phone uses: the other party on the audio output, the
 * ringtone while an inbound call rings (it follows every snapshot), and the microphone and speaker
 * choice, which it publishes as `snapshot.devices`. The Softphone tells it which call to play (the
 * customer, or the colleague during a consult) and when the call ended; `legs` is read when the
 * microphone changes or is muted.
 */
export class CallAudio {
  private readonly audioOutput: AudioOutput | undefined
  private readonly ringtone: RingtonePlayer | undefined
  private readonly mediaDevices: MediaDevicesLike | undefined
  /** The device change in progress; the next one waits for it, so two quick picks cannot race. */
  private deviceChange: Promise<void> = Promise.resolve()
  /** The session on the audio output. */
  private heard: Session | undefined
  /** Handlers whose ontrack already feeds the output (one wrapper per handler, not one per switch). */
  private readonly wired = new WeakSet<WebMedia>()

  constructor(
    options: CallAudioOptions,
    log: Logger,
    private readonly state: SnapshotStore,
    private readonly legs: CallLegs,
  ) {
    this.audioOutput = options.audioOutput === null ? undefined : (options.audioOutput ?? domAudioOutput(log))
    this.ringtone = options.ringtone === null ? undefined : (options.ringtone ?? domRingtone(log))
    this.mediaDevices =
      options.mediaDevices === null ? undefined : (options.mediaDevices ?? defaultMediaDevices())
    const ringtone = this.ringtone
    if (ringtone) {
      state.subscribe((snapshot) => ringtone.follow(snapshot))
    }
  }

  /** sip.js options for a new call's offer or answer: the chosen microphone, no video. */
  sessionDescriptionHandlerOptions(): { constraints: MediaStreamConstraints } {
    return { constraints: microphoneConstraints(this.state.get().devices.microphoneId) }
  }

  /**
   * Plays `session`'s other party from now on: when its media is up (Established), and when the
   * agent goes back to the customer after a consult. The other session's new tracks stay silent.
   */
  listenTo(session: Session): void {
    this.heard = session
    const media = webMedia(session.sessionDescriptionHandler)
    const output = this.audioOutput
    if (!media || !output) {
      return
    }
    if (this.wired.has(media)) {
      output.play(media.remoteMediaStream)
    } else {
      this.wired.add(media)
      playRemoteAudio(media, output, () => this.heard === session)
    }
  }

  /** The call is over: silence the output and let go of its stream. */
  callEnded(): void {
    this.heard = undefined
    this.audioOutput?.stop()
  }

  /**
   * Sends the microphone on each call unless it is muted or held (sender tracks only, no
   * signalling). sip.js' hold disables the held call's senders itself; this keeps them so.
   */
  applyMute(): void {
    const legs = this.legs()
    for (const slot of SLOTS) {
      webMedia(legs[slot]?.sessionDescriptionHandler)?.enableSenderTracks(this.microphoneOpen(slot))
    }
  }

  listDevices(): Promise<DeviceList> {
    return listDevices(this.mediaDevices)
  }

  /** See `Softphone.setDevices`. */
  setDevices(choice: DeviceChoice): Promise<void> {
    const next = this.deviceChange.then(() => this.applyDevices(choice))
    this.deviceChange = next.catch(() => undefined)
    return next
  }

  private async applyDevices(choice: DeviceChoice): Promise<void> {
    if ('speakerId' in choice) {
      const { speakerId } = choice
      await Promise.all([this.audioOutput?.setSinkId(speakerId), this.ringtone?.setSinkId(speakerId)])
      this.state.devices({ speakerId })
    }
    if ('microphoneId' in choice) {
      const { microphoneId } = choice
      const mediaDevices = this.mediaDevices
      const legs = this.legs()
      for (const slot of SLOTS) {
        const media = webMedia(legs[slot]?.sessionDescriptionHandler)
        if (media && mediaDevices) {
          const getUserMedia = (constraints: MediaStreamConstraints) => mediaDevices.getUserMedia(constraints)
          const constraints = microphoneConstraints(microphoneId)
          await swapMicrophone(media, getUserMedia, constraints, this.microphoneOpen(slot))
        }
      }
      this.state.devices({ microphoneId })
    }
  }

  private microphoneOpen(slot: CallSlot): boolean {
    const call = this.state.get()[slot]
    return !(call?.muted ?? false) && !(call?.held ?? false)
  }
}

const SLOTS: readonly CallSlot[] = ['call', 'consult']
