import { EmitterImpl, TransportState, type Transport } from 'sip.js'
import { SDP } from './fakes'

/**
 * The SIP server's end of a Softphone's transport, in memory: a sip.js `Transport` that records every
 * message the phone sends and lets the test deliver messages as the server would. REGISTERs are
 * answered at once: 200, or what `registerAnswer` says (e.g. `403 Forbidden` for the first). Enough SIP to put a real sip.js UserAgent through a call and an in-dialog
 * request without a server; the real servers are in test/integration/softphone.
 */
export interface SipWire {
  /** The transport class to hand the Softphone (`transportConstructor`). */
  readonly transportConstructor: new () => Transport
  /** Every message the phone sent, as text. */
  readonly sent: string[]
  /** Delivers a message to the phone, as if from the server. */
  deliver(message: string): void
  /** The phone's requests of `method`, in order. */
  requests(method: string): string[]
  /** Its responses to requests of `method` (by CSeq), in order. */
  responses(method: string): string[]
  /** Resolves once the phone sent something matching `predicate` (already sent counts). */
  waitFor(predicate: (message: string) => boolean, timeoutMs?: number): Promise<string>
}

export interface SipWireOptions {
  /** The status line for the phone's n-th REGISTER (1-based); 200 OK when left out. */
  registerAnswer?: (n: number, register: string) => string
}

export function sipWire(options: SipWireOptions = {}): SipWire {
  const sent: string[] = []
  let registers = 0
  const waiting: Array<{ predicate: (m: string) => boolean; resolve: (m: string) => void }> = []
  /** The transports the phone made; the last one is its connection. */
  const transports: FakeTransport[] = []
  /** The phone's INVITEs by Call-ID, to answer 487 after a CANCEL. */
  const invites = new Map<string, string>()

  class FakeTransport implements Transport {
    readonly protocol = 'WSS'
    state = TransportState.Disconnected
    readonly stateChange = new EmitterImpl<TransportState>()
    onConnect: (() => void) | undefined
    onDisconnect: ((error?: Error) => void) | undefined
    onMessage: ((message: string) => void) | undefined

    constructor() {
      transports.push(this)
    }

    async connect(): Promise<void> {
      this.state = TransportState.Connected
      this.stateChange.emit(this.state)
      this.onConnect?.()
    }
    async disconnect(): Promise<void> {
      this.state = TransportState.Disconnected
      this.stateChange.emit(this.state)
    }
    async dispose(): Promise<void> {
      await this.disconnect()
    }
    isConnected(): boolean {
      return this.state === TransportState.Connected
    }
    async send(message: string): Promise<void> {
      sent.push(message)
      for (const waiter of [...waiting]) {
        if (waiter.predicate(message)) {
          waiting.splice(waiting.indexOf(waiter), 1)
          waiter.resolve(message)
        }
      }
      if (message.startsWith('REGISTER ')) {
        const status = options.registerAnswer?.(++registers, message) ?? '200 OK'
        const contact = `Contact: ${header(message, 'Contact')};expires=600`
        const headers = status.startsWith('2') ? [contact] : []
        queueMicrotask(() => this.onMessage?.(responseTo(message, status, headers)))
      } else if (/^(BYE|CANCEL|NOTIFY) /.test(message)) {
        queueMicrotask(() => this.onMessage?.(responseTo(message, '200 OK')))
        const invite = message.startsWith('CANCEL ') ? invites.get(header(message, 'Call-ID')) : undefined
        if (invite) {
          queueMicrotask(() => this.onMessage?.(responseTo(invite, '487 Request Terminated')))
        }
      } else if (message.startsWith('INVITE ')) {
        // The server's 100 Trying: after it the phone may CANCEL (RFC 3261 §9.1).
        invites.set(header(message, 'Call-ID'), message)
        queueMicrotask(() => this.onMessage?.(responseTo(message, '100 Trying')))
      }
    }
  }

  const deliver = (message: string): void => {
    const onMessage = transports.at(-1)?.onMessage
    if (!onMessage) {
      throw new Error('the phone has no transport yet')
    }
    onMessage(message)
  }

  return {
    transportConstructor: FakeTransport,
    sent,
    deliver,
    requests: (method) => sent.filter((m) => m.startsWith(`${method} `)),
    responses: (method) =>
      sent.filter(
        (m) => m.startsWith('SIP/2.0 ') && new RegExp(`^CSeq:\\s*\\d+\\s+${method}\\s*$`, 'im').test(m),
      ),
    waitFor: (predicate, timeoutMs = 2_000) => {
      const done = sent.find(predicate)
      if (done) {
        return Promise.resolve(done)
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the phone never sent it')), timeoutMs)
        waiting.push({
          predicate,
          resolve: (message) => {
            clearTimeout(timer)
            resolve(message)
          },
        })
      })
    },
  }
}

/** The first value of header `name` in `message` (no compact forms: sip.js writes full names). */
export function header(message: string, name: string): string {
  const match = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(message)
  if (!match) {
    throw new Error(`no ${name} header`)
  }
  return match[1]!.trim()
}

/** The status code of a response. */
export function statusOf(response: string): number {
  return Number(/^SIP\/2\.0 (\d{3})/.exec(response)?.[1])
}

/**
 * A response to `request`, echoing Via, From, To (with a tag), Call-ID and CSeq; with `body`, an SDP
 * and the far end's Contact (as a 2xx to an INVITE needs).
 */
export function responseTo(request: string, status: string, extra: string[] = [], body = ''): string {
  const to = header(request, 'To')
  return [
    `SIP/2.0 ${status}`,
    `Via: ${header(request, 'Via')}`,
    `From: ${header(request, 'From')}`,
    `To: ${/;tag=/.test(to) || status.startsWith('100') ? to : `${to};tag=srv1`}`,
    `Call-ID: ${header(request, 'Call-ID')}`,
    `CSeq: ${header(request, 'CSeq')}`,
    ...extra,
    ...(body ? ['Contact: <sip:far@far.example;transport=ws>', 'Content-Type: application/sdp'] : []),
    `Content-Length: ${new TextEncoder().encode(body).length}`,
    '',
    body,
  ].join('\r\n')
}

/** The 200 OK with an SDP answer to an INVITE or re-INVITE the phone sent. */
export function okWithSdp(request: string): string {
  return responseTo(request, '200 OK', [], SDP)
}

let branches = 0

/** One dialog with the phone, started by the far end's INVITE (the phone is the callee). */
export class InboundDialog {
  readonly callId = `call-${++branches}@far.example`
  private seq = 1
  /** The phone's To tag, once it answered. */
  localTag: string | undefined

  constructor(
    private readonly wire: SipWire,
    private readonly from: { user: string; domain: string },
    private readonly to: { user: string; domain: string },
    private readonly extraHeaders: string[] = [],
  ) {}

  /** Sends the INVITE (with an SDP offer). */
  invite(): void {
    this.wire.deliver(this.request('INVITE', this.seq, this.extraHeaders, SDP))
  }

  /** Waits for the phone's 200 to the INVITE and ACKs it. */
  async ackAnswer(): Promise<void> {
    const ok = await this.wire.waitFor(
      (m) => m.startsWith('SIP/2.0 200') && m.includes(this.callId) && /CSeq:\s*1 INVITE/i.test(m),
    )
    this.localTag = /;tag=([^;\s>]+)/.exec(header(ok, 'To'))?.[1]
    this.wire.deliver(this.request('ACK', 1, []))
  }

  /** An in-dialog REFER; resolves with the phone's final response to it. */
  async refer(referTo: string, extraHeaders: string[] = []): Promise<string> {
    const seq = ++this.seq
    this.wire.deliver(this.request('REFER', seq, [`Refer-To: ${referTo}`, ...extraHeaders]))
    return this.wire.waitFor(
      (m) =>
        /^SIP\/2\.0 [2-6]\d\d/.test(m) &&
        m.includes(this.callId) &&
        new RegExp(`CSeq:\\s*${seq} REFER`, 'i').test(m),
    )
  }

  /** An in-dialog BYE from the far end. */
  bye(): void {
    this.wire.deliver(this.request('BYE', ++this.seq, []))
  }

  private request(method: string, seq: number, extra: string[], body = ''): string {
    const { from, to } = this
    const toTag = this.localTag ? `;tag=${this.localTag}` : ''
    return [
      `${method} sip:${to.user}@${to.domain} SIP/2.0`,
      `Via: SIP/2.0/WSS far.example;branch=z9hG4bK${method.toLowerCase()}${++branches}`,
      'Max-Forwards: 70',
      `From: <sip:${from.user}@${from.domain}>;tag=far1`,
      `To: <sip:${to.user}@${to.domain}>${toTag}`,
      `Call-ID: ${this.callId}`,
      `CSeq: ${seq} ${method}`,
      `Contact: <sip:${from.user}@far.example;transport=ws>`,
      ...extra,
      ...(body ? ['Content-Type: application/sdp'] : []),
      `Content-Length: ${new TextEncoder().encode(body).length}`,
      '',
      body,
    ].join('\r\n')
  }
}
