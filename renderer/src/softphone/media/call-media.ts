import type { SessionDescriptionHandler, Web } from 'sip.js'
import type { AudioOutput } from './audio-output'

/**
 * A call's WebRTC media, reached through sip.js' `Web.SessionDescriptionHandler`: the remote audio
 * it receives and the microphone it sends. Nothing here leaves the service.
 */

/**
 * The members of `Web.SessionDescriptionHandler` used here, beyond the generic handler interface.
 * Matched by shape rather than `instanceof`, so a test can fake it (Node has no RTCPeerConnection
 * to build the real one with).
 */
export interface WebMedia {
  readonly localMediaStream: MediaStream
  readonly remoteMediaStream: MediaStream
  readonly peerConnection: RTCPeerConnection | undefined
  peerConnectionDelegate: Web.PeerConnectionDelegate | undefined
  enableSenderTracks(enable: boolean): void
}

/** The session's WebRTC media, or undefined before it exists or with a non-WebRTC handler. */
export function webMedia(sdh: SessionDescriptionHandler | undefined): WebMedia | undefined {
  if (sdh && 'remoteMediaStream' in sdh && 'peerConnection' in sdh && 'enableSenderTracks' in sdh) {
    return sdh as unknown as WebMedia
  }
  return undefined
}

/**
 * Plays the call's remote audio on `output`, once the session is Established (the 2xx is in, or
 * sent) and again on every later remote track. sip.js keeps one remoteMediaStream per session and
 * swaps tracks inside it on `ontrack` (setRemoteTrack runs before our delegate is called), e.g.
 * after a re-INVITE that renegotiates media; handing the stream over again makes the element
 * reload it. With two calls (the customer on hold during a consult) only one is heard: a new track
 * on the other one is played only while `audible()` says so.
 */
export function playRemoteAudio(
  media: WebMedia,
  output: AudioOutput,
  audible: () => boolean = () => true,
): void {
  output.play(media.remoteMediaStream)
  // sip.js sets no delegate of its own; one set elsewhere keeps its callbacks all the same.
  const previous = media.peerConnectionDelegate
  media.peerConnectionDelegate = {
    ...previous,
    ontrack: (event) => {
      previous?.ontrack?.(event)
      if (audible()) {
        output.play(media.remoteMediaStream)
      }
    },
  }
}

/**
 * Swaps the microphone of a call in progress with `RTCRtpSender.replaceTrack`, which needs no
 * renegotiation (W3C WebRTC, replaceTrack), so the other party hears no re-INVITE. The old track is
 * stopped, which frees the device (its light goes off). `localMediaStream` is kept in step, as
 * sip.js' own setLocalMediaStream does. Resolves without doing anything when nothing is being sent
 * yet: the next offer or answer then takes the microphone from its constraints.
 */
export async function swapMicrophone(
  media: WebMedia,
  getUserMedia: (constraints: MediaStreamConstraints) => Promise<MediaStream>,
  constraints: MediaStreamConstraints,
  enabled: boolean,
): Promise<void> {
  const pc = media.peerConnection
  const sender = pc?.getSenders().find((candidate) => candidate.track?.kind === 'audio')
  if (!pc || !sender) {
    return
  }
  const stream = await getUserMedia(constraints)
  const [track, ...extra] = stream.getAudioTracks()
  for (const other of [...extra, ...stream.getVideoTracks()]) {
    other.stop()
  }
  if (!track) {
    throw new Error('the microphone gave no audio track')
  }
  if (media.peerConnection !== pc) {
    // The call ended while the browser opened the device.
    track.stop()
    return
  }
  // A muted or held call stays silent on the new microphone (sip.js disables sender tracks on hold).
  track.enabled = enabled
  const old = sender.track
  try {
    await sender.replaceTrack(track)
  } catch (error) {
    track.stop()
    throw error
  }
  if (old) {
    old.stop()
    media.localMediaStream.removeTrack(old)
  }
  media.localMediaStream.addTrack(track)
}
