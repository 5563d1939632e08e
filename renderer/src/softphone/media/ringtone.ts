// `?no-inline`: always a file under assets/, never a data: URL, which the CSP's media-src refuses
// (electron/main/csp.ts allows 'self' and blob: only). Made by scripts/make-ringtone.mjs.
import ringtoneUrl from '../../../../resources/ringtone.wav?no-inline'
import type { Logger } from '../../log'
import { routeToSpeaker, startPlaying, type MediaElementLike } from './media-element'
import { missingCaseError } from '../../lib/missing-case'
import type { CallSnapshot, SoftphoneSnapshot } from '../types'

/**
 * The ring of an incoming call. The Softphone feeds it every snapshot ({@link follow}); it rings
 * while an inbound call is `ringing` and is silent in every other state, so answering, declining,
 * the caller's CANCEL and a group call picked up elsewhere all stop it the same way.
 */
export interface RingtonePlayer {
  /** Rings or stops to match `snapshot`. Never throws (it runs as a snapshot listener). */
  follow(snapshot: SoftphoneSnapshot): void
  /** Rings on speaker `speakerId` from now on (undefined: the system default). */
  setSinkId(speakerId: string | undefined): Promise<void>
}

/** Whether the phone should ring for `call`: only an inbound call that has not been answered. */
export function shouldRing(call: CallSnapshot | null): boolean {
  if (!call) {
    return false
  }
  switch (call.state) {
    case 'ringing':
      return call.direction === 'inbound'
    case 'idle':
    case 'connecting':
    case 'active':
    case 'on_hold':
    case 'ended':
      return false
    default:
      throw missingCaseError(call.state)
  }
}

export interface RingtoneElementLike extends MediaElementLike {
  src: string
  loop: boolean
  currentTime: number
}

/** A {@link RingtonePlayer} on one `<audio>` element, looping the ring cadence in the file. */
export class ElementRingtone implements RingtonePlayer {
  private ringing = false

  constructor(
    private readonly element: RingtoneElementLike,
    private readonly log: Logger,
    url: string = ringtoneUrl,
  ) {
    // The file holds one cadence (two bursts, then silence), so looping it is the ring pattern.
    element.loop = true
    element.src = url
  }

  follow(snapshot: SoftphoneSnapshot): void {
    const ring = shouldRing(snapshot.call)
    if (ring === this.ringing) {
      return
    }
    this.ringing = ring
    if (ring) {
      // Every call starts at the top of the cadence, not where the last one stopped.
      this.element.currentTime = 0
      startPlaying(this.element, this.log, 'ringtone')
    } else {
      this.element.pause()
    }
  }

  async setSinkId(speakerId: string | undefined): Promise<void> {
    if (!(await routeToSpeaker(this.element, speakerId))) {
      this.log.info('ringtone: this browser cannot choose a speaker')
    }
  }
}

/** The browser's ringtone, or undefined where there is no DOM (Node tests). */
export function domRingtone(log: Logger): RingtonePlayer | undefined {
  if (typeof document === 'undefined') {
    return undefined
  }
  return new ElementRingtone(document.createElement('audio'), log)
}
