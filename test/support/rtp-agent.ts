import { createSocket, type Socket } from 'node:dgram'
import { Registerer, SIPExtension, UserAgent, type Invitation, type SessionDescriptionHandler } from 'sip.js'
import WebSocket from 'ws'
import { alawToLinear, linearToAlaw } from './tones'

/**
 * An agent whose softphone is sip.js 0.21 (as in the app) and whose media is a plain RTP endpoint
 * of the test's own: it answers any offer with G.711 A-law RTP/AVP from a UDP socket, sends a tone
 * and keeps what arrives. Enough to prove, without a browser, that a trunk call's media really runs
 * through rtpengine in both directions (the browser's DTLS-SRTP side is the e2e test's business).
 */
export interface RtpEndpoint {
  /** Decoded A-law samples received so far. */
  samples: number[]
  /** RFC 4733 telephone-events received: the event codes, once per event. */
  events: number[]
  /** Every SDP this endpoint was given (offers and answers from the other side). */
  remoteSdps: string[]
}

export interface RtpAgent {
  ua: UserAgent
  endpoints: RtpEndpoint[]
  nextInvitation(timeoutMs?: number): Promise<Invitation>
  register(): Promise<void>
  stop(): Promise<void>
}

function directionOf(options: unknown): string {
  return (options as { hold?: boolean } | undefined)?.hold ? 'sendonly' : 'sendrecv'
}

function mediaHandler(hz: number, endpoints: RtpEndpoint[]): SessionDescriptionHandler {
  const socket: Socket = createSocket('udp4')
  const bound = new Promise<number>((resolve) =>
    socket.bind(0, '127.0.0.1', () => resolve(socket.address().port)),
  )
  const endpoint: RtpEndpoint = { samples: [], events: [], remoteSdps: [] }
  endpoints.push(endpoint)
  let remote: { host: string; port: number } | undefined
  let dtmfPt = 101
  let seq = 0
  let timestamp = 0
  let phase = 0
  let lastEvent = -1
  let timer: NodeJS.Timeout | undefined
  socket.on('message', (packet) => {
    if (packet.length < 12) {
      return
    }
    const pt = packet[1]! & 0x7f
    const csrc = packet[0]! & 0x0f
    const payload = packet.subarray(12 + 4 * csrc)
    if (pt === 8) {
      for (const byte of payload) {
        endpoint.samples.push(alawToLinear(byte))
      }
    } else if (pt === dtmfPt && payload.length >= 4) {
      // One event is sent as several packets with the same timestamp: count it once.
      const ts = packet.readUInt32BE(4)
      if (ts !== lastEvent) {
        lastEvent = ts
        endpoint.events.push(payload[0]!)
      }
    }
  })
  const send = (): void => {
    if (!remote) {
      return
    }
    const packet = Buffer.alloc(12 + 160)
    packet[0] = 0x80
    packet[1] = 8
    packet.writeUInt16BE(seq++ & 0xffff, 2)
    packet.writeUInt32BE(timestamp >>> 0, 4)
    packet.writeUInt32BE(0x4b4343, 8)
    for (let i = 0; i < 160; i++) {
      packet[12 + i] = linearToAlaw(0.4 * Math.sin(phase))
      phase += (2 * Math.PI * hz) / 8000
    }
    timestamp += 160
    socket.send(packet, remote.port, remote.host)
  }
  return {
    close: () => {
      clearInterval(timer)
      socket.close()
    },
    getDescription: async (options) => {
      const port = await bound
      const body = [
        'v=0',
        `o=- ${Date.now()} ${seq + 1} IN IP4 127.0.0.1`,
        's=-',
        'c=IN IP4 127.0.0.1',
        't=0 0',
        `m=audio ${port} RTP/AVP 8 ${dtmfPt}`,
        'a=rtpmap:8 PCMA/8000',
        `a=rtpmap:${dtmfPt} telephone-event/8000`,
        `a=fmtp:${dtmfPt} 0-15`,
        'a=ptime:20',
        `a=${directionOf(options)}`,
        '',
      ].join('\r\n')
      return { body, contentType: 'application/sdp' }
    },
    hasDescription: (contentType) => contentType === 'application/sdp',
    setDescription: async (sdp) => {
      endpoint.remoteSdps.push(sdp)
      const host = /^c=IN IP4 (\S+)/m.exec(sdp)?.[1]
      const port = /^m=audio (\d+)/m.exec(sdp)?.[1]
      const dtmf = /^a=rtpmap:(\d+) telephone-event\/8000/m.exec(sdp)?.[1]
      if (!host || !port) {
        throw new Error(`no audio in SDP:\n${sdp}`)
      }
      if (dtmf) {
        dtmfPt = Number(dtmf)
      }
      remote = { host, port: Number(port) }
      timer ??= setInterval(send, 20)
    },
    sendDtmf: () => false,
  }
}

let installed = false

export async function rtpAgent(options: {
  url: string
  domain: string
  user: string
  /** The digest username (an agent's ephemeral `<expiry>:<extension>`); default `user`. */
  authUser?: string
  password: string
  /** The tone this agent's "microphone" sends. */
  hz: number
}): Promise<RtpAgent> {
  if (!installed) {
    ;(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket
    installed = true
  }
  const endpoints: RtpEndpoint[] = []
  const invitations: Invitation[] = []
  const waiting: Array<(i: Invitation) => void> = []
  const ua = new UserAgent({
    uri: UserAgent.makeURI(`sip:${options.user}@${options.domain}`),
    authorizationUsername: options.authUser ?? options.user,
    authorizationPassword: options.password,
    transportOptions: { server: options.url },
    sipExtensionReplaces: SIPExtension.Supported,
    logLevel: 'error',
    sessionDescriptionHandlerFactory: (_session, factoryOptions) =>
      mediaHandler((factoryOptions as { hz?: number } | undefined)?.hz ?? options.hz, endpoints),
    sessionDescriptionHandlerFactoryOptions: { hz: options.hz },
    delegate: {
      onInvite: (invitation) => {
        const waiter = waiting.shift()
        if (waiter) {
          waiter(invitation)
        } else {
          invitations.push(invitation)
        }
      },
    },
  })
  await ua.start()
  const registerer = new Registerer(ua, { expires: 600 })
  return {
    ua,
    endpoints,
    nextInvitation: (timeoutMs = 15_000) => {
      const queued = invitations.shift()
      if (queued) {
        return Promise.resolve(queued)
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${options.user}: no invitation`)), timeoutMs)
        waiting.push((i) => {
          clearTimeout(timer)
          resolve(i)
        })
      })
    },
    register: () =>
      new Promise<void>((resolve, reject) => {
        void registerer.register({
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (r) => reject(new Error(`REGISTER ${options.user}: ${r.message.statusCode}`)),
          },
        })
      }),
    stop: () => ua.stop(),
  }
}
