import type { Session } from 'sip.js'
import type { Logger } from '../log'
import { domAudioOutput, type AudioOutput } from './audio-output'
import { playRemoteAudio, swapMicrophone, webMedia } from './call-media'
import { defaultMediaDevices, listDevices, microphoneConstraints, type MediaDevicesLike } from './devices'
import { domRingtone, type RingtonePlayer } from './ringtone'
import type { SnapshotStore } from './snapshot-store'
import type { DeviceChoice, DeviceList } from './types'

export interface CallAudioOptions {
  /** Plays the other party. Default: an `<audio>` element where there is a DOM; null: none. */
  audioOutput?: AudioOutput | null
  /** Rings for an inbound call. Default: resources/ringtone.wav where there is a DOM; null: none. */
  ringtone?: RingtonePlayer | null
  /** For listing devices and live microphone swaps. Default: `navigator.mediaDevices`; null: none. */
  mediaDevices?: MediaDevicesLike | null
}

/**
 * What the agent hears and which devices the phone uses: the other party on the audio output, the
 * ringtone while an inbound call rings (it follows every snapshot), and the microphone and speaker
 * choice, which it publishes as `snapshot.devices`. The Softphone tells it when media is up and
 * when the call ended; `currentSession` is read when a device change is applied.
 */
export class CallAudio {
  private readonly audioOutput: AudioOutput | undefined
  private readonly ringtone: RingtonePlayer | undefined
  private readonly mediaDevices: MediaDevicesLike | undefined
  /** The device change in progress; the next one waits for it, so two quick picks cannot race. */
  private deviceChange: Promise<void> = Promise.resolve()

  constructor(
    options: CallAudioOptions,
    log: Logger,
    private readonly state: SnapshotStore,
    private readonly currentSession: () => Session | undefined,
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

  /** The session is Established: play the other party from now on. */
  mediaUp(session: Session): void {
    const media = webMedia(session.sessionDescriptionHandler)
    if (media && this.audioOutput) {
      playRemoteAudio(media, this.audioOutput)
    }
  }

  /** The call is over: silence the output and let go of its stream. */
  callEnded(): void {
    this.audioOutput?.stop()
  }

  /** Sends the microphone unless the call is muted or held (sender tracks only, no signalling). */
  applyMute(): void {
    webMedia(this.currentSession()?.sessionDescriptionHandler)?.enableSenderTracks(this.microphoneOpen())
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
      const media = webMedia(this.currentSession()?.sessionDescriptionHandler)
      const mediaDevices = this.mediaDevices
      if (media && mediaDevices) {
        const getUserMedia = (constraints: MediaStreamConstraints) => mediaDevices.getUserMedia(constraints)
        await swapMicrophone(media, getUserMedia, microphoneConstraints(microphoneId), this.microphoneOpen())
      }
      this.state.devices({ microphoneId })
    }
  }

  private microphoneOpen(): boolean {
    const call = this.state.get().call
    return !(call?.muted ?? false) && !(call?.held ?? false)
  }
}
