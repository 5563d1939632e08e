import { createHash, randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import sip, { type AuthHeader, type SipRequest, type SipResponse } from 'sip'
import WebSocket from 'ws'

/**
 * What the benchmarks' softphones share: SIP over WebSocket as sip.js speaks it (`*.invalid` Via
 * and Contact) and a REGISTER answered by a digest challenge and sent again with credentials (MD5,
 * qop=auth, RFC 8760 / RFC 2617). Each REGISTER is a new pair of transactions on the same
 * connection. A phone that also takes calls handles the requests that arrive (`onRequest`).
 */
const md5 = (text: string): string => createHash('md5').update(text).digest('hex')
const unquote = (v: string | undefined): string => (v ?? '').replace(/^"(.*)"$/, '$1')
export const random = (bytes = 6): string => randomBytes(bytes).toString('hex')
const ANSWER_TIMEOUT_MS = 10_000

export abstract class RegisteringPhone {
  protected ws: WebSocket | undefined
  private readonly pending = new Map<string, (response: SipResponse) => void>()
  private readonly callId = random(10)
  protected readonly contact = `sip:${random(4)}@${random()}.invalid;transport=ws`
  private seq = 1

  constructor(
    private readonly url: string,
    private readonly domain: string,
    private readonly user: string,
    private readonly password: string,
    /** The digest username: the gateway's ephemeral `<expiry>:<extension>` (GET /api/softphone). */
    private readonly authUser: string = user,
  ) {}

  async connect(): Promise<void> {
    const ws = new WebSocket(this.url, 'sip')
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
      ws.once('unexpected-response', (_req, res) => reject(new Error(`websocket refused: ${res.statusCode}`)))
    })
    ws.on('message', (data: Buffer) => {
      const at = performance.now()
      const message = sip.parse(data.toString('latin1'))
      if (!message || !message.headers.cseq) {
        return
      }
      if ('status' in message) {
        // Provisional answers (1xx) are not what a REGISTER waits for.
        if (message.status >= 200) {
          const branch = String(message.headers.via[0]?.params['branch'])
          this.pending.get(branch)?.(message)
          this.pending.delete(branch)
        }
      } else {
        this.onRequest(message, at)
      }
    })
    ws.on('error', () => {})
    this.ws = ws
  }

  /** REGISTER with `expires`; resolves with the final status (200 when all is well). */
  async register(expires = 600): Promise<number> {
    const first = this.registerRequest(expires)
    let response = await this.send(first)
    if (response.status === 401) {
      response = await this.send(this.authorized(first, response))
    }
    return response.status
  }

  close(): void {
    this.ws?.close()
    this.ws = undefined
  }

  /** A request from the SIP server (`at`: performance.now() when it arrived). */
  protected abstract onRequest(request: SipRequest, at: number): void

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
    const ha1 = md5(`${this.authUser}:${realm}:${this.password}`)
    const ha2 = md5(`${request.method}:${request.uri}`)
    const credentials: AuthHeader = {
      scheme: 'Digest',
      username: `"${this.authUser}"`,
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
      }, ANSWER_TIMEOUT_MS)
      this.pending.set(branch, (response) => {
        clearTimeout(timer)
        resolve(response)
      })
      ws.send(sip.stringify(request))
    })
  }
}
