import type { Logger } from '../../log'

/**
 * The part of an HTMLMediaElement the softphone drives (call audio, ringtone). Tests pass a fake;
 * the browser passes `document.createElement('audio')`.
 */
export interface MediaElementLike {
  play(): Promise<void>
  pause(): void
  /** Audio Output Devices API; missing in browsers without speaker selection. */
  setSinkId?(sinkId: string): Promise<void>
}

/**
 * Starts playback without ever throwing. `play()` rejects with NotAllowedError under an autoplay
 * policy (HTML media elements, "allowed to play") and with AbortError when a pause() overtook it (the
 * ringtone stopping while it starts): the first is worth a warning, the second is normal.
 */
export function startPlaying(element: MediaElementLike, log: Logger, what: string): void {
  const rejected = (error: unknown): void => {
    if (error instanceof Error && error.name === 'AbortError') {
      log.debug(`${what}: play() overtaken by pause()`)
    } else {
      log.warn({ error: String(error) }, `${what}: play() refused`)
    }
  }
  try {
    // Older engines return undefined instead of a promise.
    const playing = element.play() as Promise<void> | undefined
    playing?.catch(rejected)
  } catch (error) {
    rejected(error)
  }
}

/**
 * Routes `element` to speaker `speakerId`; undefined means the system default, which the API spells
 * as the empty string (W3C Audio Output Devices API, setSinkId). Resolves false where the browser cannot
 * choose a speaker, so the caller can say so; rejects when the device is gone or not allowed.
 */
export async function routeToSpeaker(
  element: MediaElementLike,
  speakerId: string | undefined,
): Promise<boolean> {
  if (typeof element.setSinkId !== 'function') {
    return false
  }
  await element.setSinkId(speakerId ?? '')
  return true
}
