import sip, { type SipRequest } from 'sip'
import { random, RegisteringPhone } from './sip-registration'

/**
 * An agent's softphone for the queue benchmark: SIP over WebSocket to Kamailio as sip.js speaks it
 * (bench/lib/sip-registration.ts). It registers, and as the callee it
 * answers INVITEs (180, then 200 with an SDP answer), takes ACK and answers BYE. What to do and
 * when is the caller's (bench/lib/queue-agents.ts) business: it only reports what arrives.
 */

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

export class QueuePhone extends RegisteringPhone {
  constructor(
    url: string,
    domain: string,
    user: string,
    credentials: { authorizationUsername: string; password: string },
    private readonly events: PhoneEvents,
    private readonly mediaPort: number,
  ) {
    super(url, domain, user, credentials.password, credentials.authorizationUsername)
  }

  protected onRequest(message: SipRequest, at: number): void {
    if (message.method === 'INVITE') {
      this.events.invite(message, at)
    } else if (message.method === 'BYE') {
      this.respond(message, 200)
      this.events.bye(message)
    } else if (message.method !== 'ACK') {
      // CANCEL and anything else: acknowledged, nothing more.
      this.respond(message, 200)
    }
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
}
