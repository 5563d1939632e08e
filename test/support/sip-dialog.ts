import type { NameAddr, SipRequest, SipResponse, SipUri } from 'sip'
import type { SipTestClient } from './sip-client'

/**
 * A SIP dialog as a UA keeps it (RFC 3261 §12): route set from Record-Route (reversed on the
 * caller's side), remote target from the peer's Contact, our CSeq. In-dialog requests are built
 * from it exactly as sip.js builds them: R-URI = remote target, Route = route set.
 */
export class Dialog {
  private localSeq: number

  constructor(
    private readonly client: SipTestClient,
    readonly callId: string,
    readonly local: NameAddr,
    readonly remote: NameAddr,
    /** The peer's Contact URI (where in-dialog requests are addressed). */
    public remoteTarget: string,
    readonly routeSet: Array<NameAddr<SipUri>>,
    localSeq: number,
  ) {
    this.localSeq = localSeq
  }

  /** The caller's side, from the INVITE it sent and the 2xx it got. */
  static fromUac(client: SipTestClient, invite: SipRequest, ok: SipResponse): Dialog {
    const contact = firstContact(ok)
    return new Dialog(
      client,
      invite.headers['call-id'],
      invite.headers.from,
      ok.headers.to,
      contact,
      [...(ok.headers['record-route'] ?? [])].reverse(),
      invite.headers.cseq.seq,
    )
  }

  /** The callee's side, from the INVITE it got and the To tag it answers with. */
  static fromUas(client: SipTestClient, invite: SipRequest, localTag: string): Dialog {
    const to = invite.headers.to
    return new Dialog(
      client,
      invite.headers['call-id'],
      { ...to, params: { ...to.params, tag: localTag } },
      invite.headers.from,
      firstContact(invite),
      [...(invite.headers['record-route'] ?? [])],
      0,
    )
  }

  get localTag(): string {
    return String(this.local.params['tag'])
  }

  /** Builds an in-dialog request (new CSeq unless `seq` is given, as for ACK). */
  build(
    method: string,
    options: { headers?: Record<string, string>; content?: string; seq?: number } = {},
  ): SipRequest {
    const seq = options.seq ?? ++this.localSeq
    const headers: SipRequest['headers'] = {
      via: [],
      to: this.remote,
      from: this.local,
      'call-id': this.callId,
      cseq: { seq, method },
      'max-forwards': '70',
      contact: [{ uri: this.client.contactUri, params: {} }],
      ...(this.routeSet.length > 0 ? { route: this.routeSet.map((r) => ({ ...r })) } : {}),
      ...lowerCaseKeys(options.headers ?? {}),
    }
    return { method, uri: this.remoteTarget, version: '2.0', headers, content: options.content ?? '' }
  }

  /** Sends an in-dialog request and waits for its final response (ACKs a 2xx to a re-INVITE). */
  async request(
    method: string,
    options: { headers?: Record<string, string>; content?: string } = {},
  ): Promise<SipResponse> {
    const request = this.build(method, options)
    const { final } = await this.client.transaction(request)
    if (method === 'INVITE' && final.status >= 200 && final.status < 300) {
      this.ack(request.headers.cseq.seq)
    }
    return final
  }

  ack(seq: number): void {
    this.client.sendNew(this.build('ACK', { seq }))
  }
}

export function firstContact(message: SipRequest | SipResponse): string {
  const contact = message.headers.contact
  if (!Array.isArray(contact) || contact.length === 0 || typeof contact[0]!.uri !== 'string') {
    throw new Error(`no Contact in ${'method' in message ? message.method : message.status}`)
  }
  return contact[0]!.uri
}

export function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
}
