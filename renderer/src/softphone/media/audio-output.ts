import type { Logger } from '../../log'
import { routeToSpeaker, startPlaying, type MediaElementLike } from './media-element'

/**
 * Where the other party's voice is played. The softphone hands it the call's remote MediaStream
 * once media is up and again whenever a new remote track arrives; {@link stop} when the call ends.
 */
export interface AudioOutput {
  /** Plays `stream`; calling it again with the same stream picks up tracks added since. */
  play(stream: MediaStream): void
  /** Stops playing and lets go of the stream. */
  stop(): void
  /** Plays on speaker `speakerId` from now on (undefined: the system default). */
  setSinkId(speakerId: string | undefined): Promise<void>
}

export interface AudioElementLike extends MediaElementLike {
  autoplay: boolean
  srcObject: MediaProvider | null
}

/** An {@link AudioOutput} on one `<audio>` element; it need not be in the document to play. */
export class ElementAudioOutput implements AudioOutput {
  constructor(
    private readonly element: AudioElementLike,
    private readonly log: Logger,
  ) {
    // Lets the stream start as soon as it is assigned, without waiting for our play() call.
    element.autoplay = true
  }

  play(stream: MediaStream): void {
    // Assigning srcObject, even the same stream again, runs the media element load algorithm
    // (HTML, the srcObject setter), which is what makes an engine notice a track sip.js swapped into the stream
    // (SessionDescriptionHandler.setRemoteTrack replaces the track inside the same MediaStream).
    this.element.srcObject = stream
    startPlaying(this.element, this.log, 'call audio')
  }

  stop(): void {
    this.element.pause()
    this.element.srcObject = null
  }

  async setSinkId(speakerId: string | undefined): Promise<void> {
    if (!(await routeToSpeaker(this.element, speakerId))) {
      this.log.info('call audio: this browser cannot choose a speaker')
    }
  }
}

/** The browser's audio output, or undefined where there is no DOM (Node tests). */
export function domAudioOutput(log: Logger): AudioOutput | undefined {
  if (typeof document === 'undefined') {
    return undefined
  }
  return new ElementAudioOutput(document.createElement('audio'), log)
}
