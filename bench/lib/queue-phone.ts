import { createHash, randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import sip, { type AuthHeader, type SipRequest, type SipResponse } from 'sip'
import WebSocket from 'ws'

/**
 * An agent's softphone for the queue benchmark: SIP over WebSocket to Kamailio as sip.js speaks it
 * (`*.invalid` Via and Contact, digest MD5 with qop=auth). It registers, and as the callee it
 * answers INVITEs (180, then 200 with an SDP answer), takes ACK and answers BYE. What to do and
 * when is the caller's (bench/lib/queue-agents.ts) business: it only reports what arrives.
 */
const md5 = (text: string): string => createHash('md5').update(text).digest('hex')
const unquote = (v: string | undefined): string => (v ?? '').replace(/^"(.*)"$/, '$1')
const random = (bytes = 6): string => randomBytes(bytes).toString('hex')

/**
 * A plain RTP answer (the agent's UDP socket on 127.0.0.2, where the benchmark counts packets):
 * rtpengine offers WebRTC to the agents and takes a plain answer as it comes, so no DTLS is needed.
 */
const answerSdp = (mediaPort: number): string =>
  [
    'v=0',
    'o=- 1 1 IN IP4 127.0.0.2',
    's=-',
    'c=IN IP4 127.0.0.2',
    't=0 0',
    `m=audio ${mediaPort} RTP/AVP 0`,
    'a=rtpmap:0 PCMU/8000',
    'a=recvonly',
    '',
  ].join('\r\n')

export interface PhoneEvents {
  /** An INVITE arrived (performance.now() when it did). */
  invite(request: SipRequest, at: number): void
  bye(request: SipRequest): void
}

export class QueuePhone {
  private ws: WebSocket | undefined
  private readonly pending = new Map<string, (response: SipResponse) => void>()
  private readonly callId = random(10)
  private readonly contact = `sip:${random(4)}@${random()}.invalid;transport=ws`
  private seq = 1

  constructor(
    private readonly url: string,
    private readonly domain: string,
    private readonly user: string,
    private readonly password: string,
    private readonly events: PhoneEvents,
    private readonly mediaPort: number,
  ) {}

  async connect(): Promise<void> {
    const ws = new WebSocket(this.url, 'sip')
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
    })
    ws.on('message', (data: Buffer) => {
      const at = performance.now()
      const message = sip.parse(data.toString('latin1'))
      if (!message || !message.headers.cseq) {
        return
      }
      if ('status' in message) {
        if (message.status >= 200) {
          const branch = String(message.headers.via[0]?.params['branch'])
          this.pending.get(branch)?.(message)
          this.pending.delete(branch)
        }
      } else if (message.method === 'INVITE') {
        this.events.invite(message, at)
      } else if (message.method === 'BYE') {
        this.respond(message, 200)
        this.events.bye(message)
      } else if (message.method === 'CANCEL') {
        this.respond(message, 200)
      } else if (message.method !== 'ACK') {
        this.respond(message, 200)
      }
    })
    ws.on('error', () => {})
    this.ws = ws
  }

  /** REGISTER; resolves with the final status. */
  async register(expires = 600): Promise<number> {
    const first = this.registerRequest(expires)
    let response = await this.send(first)
    if (response.status === 401) {
      response = await this.send(this.authorized(first, response))
    }
    return response.status
  }

  /** Answers an INVITE (or any request) with `status`; `toTag` keeps 180 and 200 in one dialog. */
  respond(request: SipRequest, status: number, toTag = random()): void {
    const response = sip.makeResponse(request, status, status === 180 ? 'Ringing' : 'OK', {})
    if (request.method === 'INVITE') {
      response.headers.to = { ...request.headers.to, params: { ...request.headers.to.params, tag: toTag } }
      response.headers.contact = [{ uri: this.contact, params: {} }]
      response.headers['record-route'] = request.headers['record-route']
      if (status === 200) {
        response.headers['content-type'] = 'application/sdp'
        response.content = answerSdp(this.mediaPort)
      }
    }
    this.ws?.send(sip.stringify(response))
  }

  close(): void {
    this.ws?.close()
    this.ws = undefined
  }

  private registerRequest(expires: number): SipRequest {
    const aor = `sip:${this.user}@${this.domain}`
    return {
      method: 'REGISTER',
      uri: `sip:${this.domain}`,
      version: '2.0',
      headers: {
        via: [],
        to: { uri: aor, params: {} },
        from: { uri: aor, params: { tag: random() } },
        'call-id': this.callId,
        cseq: { seq: this.seq++, method: 'REGISTER' },
        'max-forwards': '70',
        contact: [{ uri: this.contact, params: {} }],
        expires: String(expires),
      },
      content: '',
    }
  }

  private authorized(request: SipRequest, challenge: SipResponse): SipRequest {
    const header = challenge.headers['www-authenticate']?.[0]
    const realm = unquote(header?.['realm'])
    const nonce = unquote(header?.['nonce'])
    const cnonce = random(8)
    const nc = '00000001'
    const ha1 = md5(`${this.user}:${realm}:${this.password}`)
    const ha2 = md5(`${request.method}:${request.uri}`)
    const credentials: AuthHeader = {
      scheme: 'Digest',
      username: `"${this.user}"`,
      realm: `"${realm}"`,
      nonce: `"${nonce}"`,
      uri: `"${request.uri}"`,
      response: `"${md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`)}"`,
      algorithm: 'MD5',
      qop: 'auth',
      nc,
      cnonce: `"${cnonce}"`,
      ...(header?.['opaque'] !== undefined ? { opaque: header['opaque'] } : {}),
    }
    const next = sip.copyMessage(request, true)
    next.headers.cseq = { seq: this.seq++, method: request.method }
    next.headers.authorization = [credentials]
    return next
  }

  private send(request: SipRequest): Promise<SipResponse> {
    const ws = this.ws
    if (!ws || ws.readyState !== WebSocket.OPEN) {
      return Promise.reject(new Error('not connected'))
    }
    const branch = `z9hG4bK${random(8)}`
    request.headers.via = [
      { version: '2.0', protocol: 'WS', host: `${random()}.invalid`, params: { branch } },
    ]
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(branch)
        reject(new Error('no answer to REGISTER'))
      }, 10_000)
      this.pending.set(branch, (response) => {
        clearTimeout(timer)
        resolve(response)
      })
      ws.send(sip.stringify(request))
    })
  }
}
