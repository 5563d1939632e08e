import { createHash, randomBytes } from 'node:crypto'
import sip, { type AuthHeader, type SipRequest, type SipResponse } from 'sip'

/** Requests the test client derives from others: credentials, CANCEL, the ACK of a failure. */

export const TEST_SDP = [
  'v=0',
  'o=- 1 1 IN IP4 127.0.0.1',
  's=-',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 9 RTP/AVP 0',
  'a=sendrecv',
  '',
].join('\r\n')

const md5 = (text: string): string => createHash('md5').update(text).digest('hex')
const unquote = (v: string | undefined): string => (v ?? '').replace(/^"(.*)"$/, '$1')

/** A copy of `request` answering the digest `challenge` (MD5, qop=auth, nc=1) as sip.js does, CSeq + 1. */
export function withCredentials(
  request: SipRequest,
  challenge: SipResponse,
  user: string,
  password: string,
): SipRequest {
  const proxy = challenge.status === 407
  const header = (
    proxy ? challenge.headers['proxy-authenticate'] : challenge.headers['www-authenticate']
  )?.[0]
  if (!header) {
    throw new Error(`${challenge.status} without a challenge`)
  }
  const realm = unquote(header['realm'])
  const nonce = unquote(header['nonce'])
  const cnonce = randomBytes(8).toString('hex')
  const nc = '00000001'
  const ha1 = md5(`${user}:${realm}:${password}`)
  const ha2 = md5(`${request.method}:${request.uri}`)
  const credentials: AuthHeader = {
    scheme: 'Digest',
    username: `"${user}"`,
    realm: `"${realm}"`,
    nonce: `"${nonce}"`,
    uri: `"${request.uri}"`,
    response: `"${md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`)}"`,
    algorithm: 'MD5',
    qop: 'auth',
    nc,
    cnonce: `"${cnonce}"`,
    ...(header['opaque'] !== undefined ? { opaque: header['opaque'] } : {}),
  }
  const next = sip.copyMessage(request, true)
  next.headers.cseq = { seq: request.headers.cseq.seq + 1, method: request.method }
  next.headers[proxy ? 'proxy-authorization' : 'authorization'] = [credentials]
  return next
}

/** The CANCEL of an INVITE we sent: same Via (branch), Request-URI, Call-ID and CSeq number. */
export function cancelFor(invite: SipRequest): SipRequest {
  return {
    method: 'CANCEL',
    uri: invite.uri,
    version: '2.0',
    headers: {
      via: [invite.headers.via[0]!],
      to: invite.headers.to,
      from: invite.headers.from,
      'call-id': invite.headers['call-id'],
      cseq: { seq: invite.headers.cseq.seq, method: 'CANCEL' },
      'max-forwards': '70',
    },
    content: '',
  }
}

/** The hop-by-hop ACK of a non-2xx final response to our INVITE (same branch, RFC 3261 §17.1.1.3). */
export function ackForFailure(invite: SipRequest, response: SipResponse): SipRequest {
  return {
    method: 'ACK',
    uri: invite.uri,
    version: '2.0',
    headers: {
      via: [invite.headers.via[0]!],
      to: response.headers.to,
      from: invite.headers.from,
      'call-id': invite.headers['call-id'],
      cseq: { seq: invite.headers.cseq.seq, method: 'ACK' },
      'max-forwards': '70',
      ...(invite.headers.route ? { route: invite.headers.route } : {}),
    },
    content: '',
  }
}
