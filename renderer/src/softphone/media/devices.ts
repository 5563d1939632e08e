import type { Device, DeviceList } from '../types'

/** The part of `navigator.mediaDevices` the softphone uses; tests pass a fake. */
export type MediaDevicesLike = Pick<MediaDevices, 'enumerateDevices' | 'getUserMedia'>

/**
 * `navigator.mediaDevices`, or undefined where there is none: in Node, and in an insecure context,
 * where browsers leave it out (W3C Media Capture and Streams: `mediaDevices` is [SecureContext]).
 */
export function defaultMediaDevices(): MediaDevicesLike | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.mediaDevices
}

/**
 * The microphones and speakers the browser offers. Before the first getUserMedia permission,
 * labels are empty and browsers may list one entry per kind without an id (Media Capture and Streams,
 * "device information exposure"); an entry without an id cannot be chosen, so it is left out.
 */
export async function listDevices(mediaDevices: MediaDevicesLike | undefined): Promise<DeviceList> {
  if (!mediaDevices) {
    return { microphones: [], speakers: [] }
  }
  const all = await mediaDevices.enumerateDevices()
  const of = (kind: MediaDeviceKind): Device[] =>
    all
      .filter((info) => info.kind === kind && info.deviceId !== '')
      .map((info) => ({ id: info.deviceId, label: info.label }))
  return { microphones: of('audioinput'), speakers: of('audiooutput') }
}

/**
 * getUserMedia constraints for a call's microphone; sip.js passes them as
 * `sessionDescriptionHandlerOptions.constraints`. `exact`, so an unplugged device fails the call
 * (OverconstrainedError) instead of silently using another microphone in the room.
 */
export function microphoneConstraints(microphoneId: string | undefined): MediaStreamConstraints {
  return { audio: microphoneId === undefined ? true : { deviceId: { exact: microphoneId } }, video: false }
}
