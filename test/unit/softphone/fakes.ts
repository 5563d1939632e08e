import type { SessionDescriptionHandler, Web } from 'sip.js'
import { createLogger, type LogLevel, type Logger } from '../../../renderer/src/log'
import type { WebMedia } from '../../../renderer/src/softphone/media/call-media'

/**
 * Stand-ins for the browser's media objects, which Node does not have: tracks, streams, an audio
 * element, `navigator.mediaDevices`, and a session description handler shaped like sip.js'
 * `Web.SessionDescriptionHandler` (so the softphone's audio code runs) over a fixed SDP (so real
 * sip.js signalling works, as test/support/sip-sipjs.ts does).
 */

export class FakeTrack {
  enabled = true
  stopped = false
  readonly kind = 'audio'
  constructor(readonly id: string) {}
  stop(): void {
    this.stopped = true
  }
}

export class FakeStream {
  constructor(public tracks: FakeTrack[] = []) {}
  getTracks = (): FakeTrack[] => [...this.tracks]
  getAudioTracks = (): FakeTrack[] => [...this.tracks]
  getVideoTracks = (): FakeTrack[] => []
  addTrack = (track: FakeTrack): void => {
    this.tracks.push(track)
  }
  removeTrack = (track: FakeTrack): void => {
    this.tracks = this.tracks.filter((t) => t !== track)
  }
  get asMediaStream(): MediaStream {
    return this as unknown as MediaStream
  }
}

/** An `<audio>` element that records what the softphone did to it. */
export class FakeAudioElement {
  autoplay = false
  srcObject: unknown = null
  src = ''
  loop = false
  currentTime = 0
  playing = false
  plays = 0
  sinkId = ''
  /** What the next play() returns; a rejection stands in for an autoplay policy. */
  playResult: () => Promise<void> = () => Promise.resolve()
  play(): Promise<void> {
    this.plays++
    this.playing = true
    return this.playResult()
  }
  pause(): void {
    this.playing = false
  }
  setSinkId(id: string): Promise<void> {
    this.sinkId = id
    return Promise.resolve()
  }
}

export interface LogEntry {
  level: LogLevel
  message: string
  fields: Readonly<Record<string, unknown>>
}

export function recordingLogger(): { log: Logger; entries: LogEntry[] } {
  const entries: LogEntry[] = []
  return {
    log: createLogger('test', (level, _scope, message, fields) => entries.push({ level, message, fields })),
    entries,
  }
}

/** `navigator.mediaDevices` with a fixed device list; getUserMedia opens the device asked for. */
export class FakeMediaDevices {
  readonly opened: MediaStreamConstraints[] = []
  constructor(readonly devices: Array<Pick<MediaDeviceInfo, 'deviceId' | 'kind' | 'label'>> = []) {}
  enumerateDevices = async (): Promise<MediaDeviceInfo[]> => this.devices as MediaDeviceInfo[]
  getUserMedia = async (constraints?: MediaStreamConstraints): Promise<MediaStream> => {
    this.opened.push(constraints ?? {})
    return new FakeStream([new FakeTrack(microphoneOf(constraints))]).asMediaStream
  }
}

/** The device id a getUserMedia call asked for exactly, or 'default'. */
export function microphoneOf(constraints: MediaStreamConstraints | undefined): string {
  const audio = constraints?.audio
  if (typeof audio === 'object' && audio.deviceId && typeof audio.deviceId === 'object') {
    return String((audio.deviceId as ConstrainDOMStringParameters).exact)
  }
  return 'default'
}

/** One RTCRtpSender carrying `track`. */
export class FakeSender {
  replaceError: Error | undefined
  constructor(public track: FakeTrack | null) {}
  replaceTrack = async (track: FakeTrack | null): Promise<void> => {
    if (this.replaceError) {
      throw this.replaceError
    }
    this.track = track
  }
}

export const SDP = [
  'v=0',
  'o=- 1 1 IN IP4 127.0.0.1',
  's=-',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 9 RTP/AVP 0',
  'a=sendrecv',
  '',
].join('\r\n')

/**
 * A session description handler with sip.js' Web members: getDescription opens the microphone its
 * constraints name (like getLocalMediaStream), setDescription delivers a new remote track and then
 * calls `peerConnectionDelegate.ontrack`, in that order, as sip.js' ontrack handler does.
 */
export class FakeWebMedia implements SessionDescriptionHandler, WebMedia {
  readonly localStream = new FakeStream()
  readonly remoteStream = new FakeStream()
  readonly constraintsSeen: Array<MediaStreamConstraints | undefined> = []
  sender: FakeSender | undefined
  peerConnectionDelegate: Web.PeerConnectionDelegate | undefined
  private open = true
  private remoteTracks = 0

  get localMediaStream(): MediaStream {
    return this.localStream.asMediaStream
  }
  get remoteMediaStream(): MediaStream {
    return this.remoteStream.asMediaStream
  }
  /** One object for the life of the call, as sip.js keeps one RTCPeerConnection until close(). */
  private readonly pc = {
    getSenders: () => (this.sender ? [this.sender] : []),
  } as unknown as RTCPeerConnection
  get peerConnection(): RTCPeerConnection | undefined {
    return this.open ? this.pc : undefined
  }

  close(): void {
    this.open = false
  }
  enableSenderTracks(enable: boolean): void {
    if (this.sender?.track) {
      this.sender.track.enabled = enable
    }
  }
  async getDescription(
    options?: Web.SessionDescriptionHandlerOptions,
  ): Promise<{ body: string; contentType: string }> {
    this.constraintsSeen.push(options?.constraints)
    if (!this.sender) {
      const track = new FakeTrack(microphoneOf(options?.constraints))
      this.sender = new FakeSender(track)
      this.localStream.addTrack(track)
    }
    return { body: SDP, contentType: 'application/sdp' }
  }
  hasDescription(): boolean {
    return true
  }
  async setDescription(_sdp: string, options?: Web.SessionDescriptionHandlerOptions): Promise<void> {
    this.constraintsSeen.push(options?.constraints)
    const track = new FakeTrack(`remote-${++this.remoteTracks}`)
    for (const old of this.remoteStream.getTracks()) {
      this.remoteStream.removeTrack(old)
    }
    this.remoteStream.addTrack(track)
    this.peerConnectionDelegate?.ontrack?.({ track } as unknown as Event)
  }
  sendDtmf(): boolean {
    return true
  }
}

/** A sip.js SessionDescriptionHandlerFactory making {@link FakeWebMedia}s, keeping each one. */
export function fakeWebMediaFactory(): { factory: () => FakeWebMedia; made: FakeWebMedia[] } {
  const made: FakeWebMedia[] = []
  return {
    made,
    factory: () => {
      const media = new FakeWebMedia()
      made.push(media)
      return media
    },
  }
}
