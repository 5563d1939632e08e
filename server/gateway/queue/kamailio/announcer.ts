import { join } from 'node:path'
import type { Logger } from '../../../lib/logger'
import { ngClient, type NgClient } from './rtpengine-ng'

/** Where the announcements come from (docs/telephony.md, "Announcements while waiting"). */
export interface AnnouncementOptions {
  /** rtpengine's ng socket, the one Kamailio's rtpengine_sock names: `udp:127.0.0.1:2223`. */
  rtpengine: string
  /**
   * The directory deploy/rtpengine/prompts/generate.sh filled: positie-1.wav … positie-9.wav,
   * positie-meer.wav and muziek.wav. rtpengine opens the files, so it is a path on rtpengine's host.
   */
  prompts: string
}

/** Positions with a prompt of their own; further back hears positie-meer.wav. */
export const SPOKEN_POSITIONS = 9
/** The music repeats this often after a prompt; a caller waits far less than 1000 rounds of it. */
const MUSIC_REPEATS = 1000
/** rtpengine's own To tag for the answer the caller hears the queue on (never an agent's). */
const QUEUE_TAG = 'kcc-wachtrij'

/**
 * The answer rtpengine gets for the queue's side: plain G.711 at a discard port on this host. It
 * only makes rtpengine answer the caller; what the caller sends meanwhile goes nowhere.
 */
const PLACEHOLDER_SDP = [
  'v=0',
  'o=kcc-wachtrij 1 1 IN IP4 127.0.0.1',
  's=-',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 9 RTP/AVP 8 0',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:0 PCMU/8000',
  'a=sendrecv',
  '',
].join('\r\n')

/** The file for a caller's place in the queue. */
export function promptFor(position: number): string {
  return position >= 1 && position <= SPOKEN_POSITIONS ? `positie-${position}.wav` : 'positie-meer.wav'
}

interface Announced {
  tag: string
  position: number
  /** Starts the music once the prompt has been played. */
  music: NodeJS.Timeout | undefined
  /** The 183 went out: the caller hears what rtpengine plays. */
  live: boolean
}

/**
 * Plays a waiting carrier call its place in the queue and then music, through rtpengine: it makes
 * rtpengine answer the caller's offer (which Kamailio made when the call entered the queue), hands
 * that answer to Kamailio for a 183 (early media), and plays the prompt and music to the caller.
 * When an agent answers, Kamailio stops the playback; the agent's 200 carries its own answer.
 */
export class QueueAnnouncer {
  private readonly calls = new Map<string, Announced>()
  private readonly ng: NgClient

  constructor(
    private readonly options: AnnouncementOptions,
    private readonly logger: Logger,
    ng?: NgClient,
  ) {
    this.ng = ng ?? ngClient(options.rtpengine)
  }

  /**
   * A carrier's call entered the queue (`tag`: its From tag, as rtpengine knows it). `progress`
   * sends the SDP to Kamailio for the 183; false when it could not be sent.
   */
  async start(
    callId: string,
    tag: string,
    position: number,
    progress: (sdp: string) => boolean,
  ): Promise<void> {
    if (this.calls.has(callId)) {
      return
    }
    const call: Announced = { tag, position, music: undefined, live: false }
    this.calls.set(callId, call)
    let sdp: string
    try {
      const reply = await this.ng.request({
        command: 'answer',
        'call-id': callId,
        'from-tag': tag,
        'to-tag': QUEUE_TAG,
        sdp: PLACEHOLDER_SDP,
        'transport-protocol': 'RTP/AVP',
        ICE: 'remove',
        DTLS: 'off',
        SDES: ['off'],
        'rtcp-mux': ['demux'],
        replace: ['origin', 'session-connection'],
      })
      const body = reply['sdp']
      if (typeof body !== 'string' || !body.startsWith('v=0\r\n')) {
        throw new Error('rtpengine answered without SDP')
      }
      sdp = body
    } catch (error) {
      this.logger.warn({ reason: (error as Error).message }, 'no announcements for a waiting call')
      this.calls.delete(callId)
      return
    }
    if (this.calls.get(callId) !== call || !progress(sdp)) {
      return
    }
    call.live = true
    await this.play(callId, call)
  }

  /** The call's place in the queue changed: the caller hears the new one, then music again. */
  async position(callId: string, position: number): Promise<void> {
    const call = this.calls.get(callId)
    if (!call || call.position === position) {
      return
    }
    call.position = position
    if (call.live) {
      await this.play(callId, call)
    }
  }

  /** The call left the queue (answered, hung up, rejected): Kamailio ends the media itself. */
  stop(callId: string): void {
    const call = this.calls.get(callId)
    if (call) {
      clearTimeout(call.music)
      this.calls.delete(callId)
    }
  }

  close(): void {
    for (const callId of [...this.calls.keys()]) {
      this.stop(callId)
    }
  }

  private async play(callId: string, call: Announced): Promise<void> {
    clearTimeout(call.music)
    call.music = undefined
    const target = { 'call-id': callId, 'from-tag': call.tag }
    // Whatever plays (an older prompt, the music) makes way; nothing playing is no error here.
    await this.ng.request({ command: 'stop media', ...target }).catch(() => undefined)
    try {
      const reply = await this.ng.request({
        command: 'play media',
        ...target,
        file: join(this.options.prompts, promptFor(call.position)),
      })
      if (this.calls.get(callId) !== call) {
        return
      }
      const duration = typeof reply['duration'] === 'number' && reply['duration'] > 0 ? reply['duration'] : 0
      // A new play media replaces the one playing; the music follows the prompt.
      call.music = setTimeout(() => {
        call.music = undefined
        if (this.calls.get(callId) !== call) {
          return
        }
        this.ng
          .request({
            command: 'play media',
            ...target,
            file: join(this.options.prompts, 'muziek.wav'),
            'repeat-times': MUSIC_REPEATS,
          })
          .catch((error: Error) => this.logger.warn({ reason: error.message }, 'queue music not played'))
      }, duration)
      call.music.unref()
    } catch (error) {
      this.logger.warn({ reason: (error as Error).message }, 'queue position prompt not played')
    }
  }
}
