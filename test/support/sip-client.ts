import { randomBytes } from 'node:crypto'
import sip, { type SipRequest, type SipResponse } from 'sip'
import WebSocket from 'ws'
import { Dialog, lowerCaseKeys } from './sip-dialog'
import { Inbox, type Received } from './sip-inbox'
import { ackForFailure, cancelFor, TEST_SDP, withCredentials } from './sip-requests'

export type { Received }

/**
 * A small SIP user agent for the integration tests: SIP over WebSocket from Node, on the `sip`
 * package's parser and serializer. It behaves like sip.js on the wire (`*.invalid` Via and Contact
 * hosts, digest MD5 with qop=auth, record-route handling) and keeps every message it receives so
 * tests can look at them as they arrived.
 */
export interface SipClientOptions {
  url: string
  domain: string
  user: string
  /** The digest username (an agent's ephemeral `<expiry>:<extension>`); default `user`. */
  authUser?: string
  password?: string
  /** The local IP to connect from (any of 127.0.0.0/8 on loopback), to test limits per address. */
  localAddress?: string
  /** The handshake's Origin, as a browser page would send it. */
  origin?: string
}

interface Pending {
  request: SipRequest
  provisional: SipResponse[]
  resolve(final: SipResponse): void
}

const random = (bytes = 6): string => randomBytes(bytes).toString('hex')

export class SipTestClient {
  readonly contactUri: string
  readonly aor: string
  readonly received: Received[] = []
  private readonly viaHost = `${random()}.invalid`
  private readonly pending = new Map<string, Pending>()
  private readonly inbox = new Inbox(() => this.options.user)
  /** INVITEs we received and have not answered finally yet (to answer a CANCEL with 487). */
  private readonly unanswered = new Map<string, { request: SipRequest; toTag: string }>()
  private closedPromise: Promise<void>

  private constructor(
    private readonly ws: WebSocket,
    readonly options: SipClientOptions,
  ) {
    this.aor = `sip:${options.user}@${options.domain}`
    this.contactUri = `sip:${random(4)}@${random()}.invalid;transport=ws`
    ws.on('message', (data: Buffer) => this.onMessage(data))
    this.closedPromise = new Promise((resolve) => ws.once('close', () => resolve()))
  }

  static async connect(options: SipClientOptions): Promise<SipTestClient> {
    const ws = new WebSocket(options.url, 'sip', {
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      ...(options.origin ? { origin: options.origin } : {}),
    })
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
      ws.once('unexpected-response', (_req, res) => reject(new Error(`websocket refused: ${res.statusCode}`)))
    })
    return new SipTestClient(ws, options)
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN
  }

  /** Resolves when the server (or we) closed the connection. */
  closed(): Promise<void> {
    return this.closedPromise
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.close()
    }
    await Promise.race([this.closedPromise, new Promise((r) => setTimeout(r, 1000))])
  }

  sendRaw(text: string): void {
    this.ws.send(text)
  }

  /** Sends a request with a fresh Via (our own new transaction, or an ACK for a 2xx). */
  sendNew(request: SipRequest): void {
    request.headers.via = [
      { version: '2.0', protocol: 'WS', host: this.viaHost, params: { branch: `z9hG4bK${random(8)}` } },
    ]
    this.sendRaw(sip.stringify(request))
  }

  /** Sends a request in a new client transaction; resolves with its final response. */
  transaction(request: SipRequest): Promise<{ final: SipResponse; provisional: SipResponse[] }> {
    this.sendNew(request)
    return this.await(request)
  }

  private await(request: SipRequest): Promise<{ final: SipResponse; provisional: SipResponse[] }> {
    const branch = `${String(request.headers.via[0]!.params['branch'])}|${request.method}`
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(branch)
        reject(new Error(`${this.options.user}: no final response to ${request.method} within 10 s`))
      }, 10_000)
      const entry: Pending = {
        request,
        provisional: [],
        resolve: (final) => {
          clearTimeout(timer)
          resolve({ final, provisional: entry.provisional })
        },
      }
      this.pending.set(branch, entry)
    })
  }

  /** A new out-of-dialog request from us. */
  build(
    method: string,
    uri: string,
    options: {
      headers?: Record<string, string>
      content?: string
      callId?: string
      seq?: number
      to?: string
    } = {},
  ): SipRequest {
    return {
      method,
      uri,
      version: '2.0',
      headers: {
        via: [],
        to: { uri: options.to ?? uri.replace(/;.*$/, ''), params: {} },
        from: { uri: this.aor, params: { tag: random() } },
        'call-id': options.callId ?? `${random(10)}`,
        cseq: { seq: options.seq ?? 1, method },
        'max-forwards': '70',
        contact: [{ uri: this.contactUri, params: {} }],
        ...lowerCaseKeys(options.headers ?? {}),
      },
      content: options.content ?? '',
    }
  }

  /**
   * Sends a request and answers one digest challenge (401/407) with our password, as sip.js does.
   * Resolves with the final response and the request that got it (CSeq + 1 after a challenge).
   */
  async withAuth(
    request: SipRequest,
  ): Promise<{ final: SipResponse; request: SipRequest; challenged: SipResponse[] }> {
    const challenged: SipResponse[] = []
    let current = request
    for (let attempt = 0; ; attempt++) {
      const { final } = await this.transaction(current)
      if (
        (final.status !== 401 && final.status !== 407) ||
        attempt > 0 ||
        this.options.password === undefined
      ) {
        return { final, request: current, challenged }
      }
      challenged.push(final)
      current = this.authorized(current, final)
    }
  }

  /** A copy of `request` with our credentials for `challenge`, CSeq + 1. */
  authorized(request: SipRequest, challenge: SipResponse): SipRequest {
    return withCredentials(
      request,
      challenge,
      this.options.authUser ?? this.options.user,
      this.options.password ?? '',
    )
  }

  async register(expires = 600): Promise<SipResponse> {
    const request = this.build('REGISTER', `sip:${this.options.domain}`, {
      to: this.aor,
      headers: { expires: String(expires) },
    })
    const { final } = await this.withAuth(request)
    return final
  }

  /**
   * Calls `target`; authenticates if challenged. On a 2xx it ACKs and returns the dialog.
   * `onSent` sees the INVITE that is finally sent (to CANCEL it).
   */
  async invite(
    target: string,
    options: { headers?: Record<string, string>; onSent?: (invite: SipRequest) => void } = {},
  ): Promise<{ final: SipResponse; invite: SipRequest; dialog?: Dialog }> {
    const first = this.build('INVITE', target, {
      headers: { 'content-type': 'application/sdp', ...options.headers },
      content: TEST_SDP,
    })
    let invite = first
    let { final } = await this.transactionWithHook(invite, options.onSent)
    if (final.status === 407 && this.options.password !== undefined) {
      invite = this.authorized(first, final)
      ;({ final } = await this.transactionWithHook(invite, options.onSent))
    }
    if (final.status >= 200 && final.status < 300) {
      const dialog = Dialog.fromUac(this, invite, final)
      dialog.ack(invite.headers.cseq.seq)
      return { final, invite, dialog }
    }
    return { final, invite }
  }

  private transactionWithHook(
    request: SipRequest,
    onSent?: (r: SipRequest) => void,
  ): Promise<{ final: SipResponse; provisional: SipResponse[] }> {
    const result = this.transaction(request)
    onSent?.(request)
    return result
  }

  /** CANCELs an INVITE we sent (same Via branch, RFC 3261 §9.1). */
  cancel(invite: SipRequest): Promise<{ final: SipResponse; provisional: SipResponse[] }> {
    const cancel = cancelFor(invite)
    this.sendRaw(sip.stringify(cancel))
    return this.await(cancel)
  }

  /** The next received request of `method` (that `match` accepts), in arrival order. */
  nextRequest(
    method: string,
    options: { timeoutMs?: number; match?: (r: SipRequest) => boolean } = {},
  ): Promise<Received> {
    return this.inbox.next(method, options)
  }

  /** True if no `method` arrived (or arrives within `ms`). */
  receivesNo(method: string, ms = 300): Promise<boolean> {
    return this.inbox.none(method, ms)
  }

  /** Answers a received request; for INVITE returns the To tag used (the dialog's local tag). */
  respond(
    request: SipRequest,
    status: number,
    options: { reason?: string; headers?: Record<string, string>; content?: string; toTag?: string } = {},
  ): string {
    const key = `${request.headers['call-id']}|${request.headers.cseq.seq}`
    const toTag =
      request.headers.to.params['tag'] ?? options.toTag ?? this.unanswered.get(key)?.toTag ?? random()
    const response = sip.makeResponse(request, status, options.reason ?? (status < 300 ? 'OK' : 'Error'), {
      headers: lowerCaseKeys(options.headers ?? {}),
      content: options.content ?? '',
    })
    if (status > 100) {
      response.headers.to = { ...request.headers.to, params: { ...request.headers.to.params, tag: toTag } }
    }
    if (request.method === 'INVITE' || request.method === 'SUBSCRIBE' || request.method === 'REFER') {
      if (status > 100 && status < 300) {
        response.headers.contact = [{ uri: this.contactUri, params: {} }]
        response.headers['record-route'] = request.headers['record-route']
      }
    }
    if (request.method === 'INVITE') {
      if (status >= 200) {
        this.unanswered.delete(key)
      } else {
        this.unanswered.set(key, { request, toTag })
      }
    }
    this.sendRaw(sip.stringify(response))
    return String(toTag)
  }

  /** Rings and answers an INVITE with 200 + SDP; returns the callee's dialog. */
  answer(invite: SipRequest, headers: Record<string, string> = {}): Dialog {
    const toTag = this.respond(invite, 180, { reason: 'Ringing' })
    this.respond(invite, 200, {
      headers: { 'content-type': 'application/sdp', ...headers },
      content: TEST_SDP,
      toTag,
    })
    return Dialog.fromUas(this, invite, toTag)
  }

  private onMessage(data: Buffer): void {
    const raw = data.toString('latin1')
    const message = sip.parse(data)
    if (!message || !message.headers.cseq || !Array.isArray(message.headers.via)) {
      return
    }
    if (!('method' in message)) {
      const key = `${String(message.headers.via?.[0]?.params['branch'])}|${message.headers.cseq.method}`
      const pending = this.pending.get(key)
      if (!pending) {
        return
      }
      if (message.status < 200) {
        pending.provisional.push(message)
        return
      }
      this.pending.delete(key)
      if (pending.request.method === 'INVITE' && message.status >= 300) {
        this.sendRaw(sip.stringify(ackForFailure(pending.request, message)))
      }
      pending.resolve(message)
      return
    }
    const received: Received = { message, raw }
    this.received.push(received)
    if (message.method === 'CANCEL') {
      this.respond(message, 200)
      const key = `${message.headers['call-id']}|${message.headers.cseq.seq}`
      const invite = this.unanswered.get(key)
      if (invite) {
        this.respond(invite.request, 487, { reason: 'Request Terminated' })
      }
    }
    this.inbox.push(received)
  }
}
