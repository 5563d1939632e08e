import { randomBytes } from 'node:crypto'
import sip, { type NameAddr, type SipMessage, type SipRequest, type SipResponse, type SipUri } from 'sip'

/** Helpers over the `sip` package's parsed messages. */

const REASONS: Record<number, string> = {
  100: 'Trying',
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  416: 'Unsupported URI Scheme',
  423: 'Interval Too Brief',
  430: 'Flow Failed',
  480: 'Temporarily Unavailable',
  481: 'Call/Transaction Does Not Exist',
  483: 'Too Many Hops',
  484: 'Address Incomplete',
  487: 'Request Terminated',
  500: 'Server Internal Error',
  503: 'Service Unavailable',
}

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? (status < 300 ? 'OK' : 'Error')
}

export function isRequest(message: SipMessage): message is SipRequest {
  return 'method' in message && typeof message.method === 'string'
}

export function randomToken(bytes = 8): string {
  return randomBytes(bytes).toString('hex')
}

export function newBranch(): string {
  return `z9hG4bK${randomToken(10)}`
}

/** A response generated here; adds a To tag to final responses that have none (RFC 3261 §8.2.6.2). */
export function makeReply(
  request: SipRequest,
  status: number,
  reason: string = reasonPhrase(status),
  headers: Record<string, unknown> = {},
): SipResponse {
  const response = sip.makeResponse(request, status, reason, { headers })
  const to = request.headers.to
  if (status > 100 && to.params['tag'] === undefined) {
    response.headers.to = { ...to, params: { ...to.params, tag: randomToken() } }
  }
  return response
}

export function hasToTag(request: SipRequest): boolean {
  return typeof request.headers.to.params['tag'] === 'string'
}

export function parseUri(uri: string | SipUri): SipUri | undefined {
  try {
    return sip.parseUri(uri)
  } catch {
    return undefined
  }
}

export function uriOf(address: NameAddr): SipUri | undefined {
  return parseUri(address.uri)
}

/**
 * The key under which a Contact is registered and looked up: user@host[:port], host lowercased,
 * URI parameters ignored (sip.js' INVITE with Replaces targets the Contact with other parameters).
 */
export function contactKey(uri: string | SipUri): string | undefined {
  const parsed = parseUri(uri)
  if (!parsed || (parsed.schema !== 'sip' && parsed.schema !== 'sips')) {
    return undefined
  }
  const port = parsed.port ? `:${parsed.port}` : ''
  return `${parsed.user ?? ''}@${parsed.host.toLowerCase()}${port}`
}

/** Header names are stored lowercased by the parser. */
export function removeHeaders(message: SipMessage, names: readonly string[]): number {
  let removed = 0
  for (const name of names) {
    if (message.headers[name] !== undefined) {
      delete message.headers[name]
      removed++
    }
  }
  return removed
}

/** Required headers present and consistent (what the `sip` package checks before its callback). */
export function isWellFormed(message: SipMessage): boolean {
  const h = message.headers
  const basic =
    Array.isArray(h.via) &&
    h.via.length > 0 &&
    typeof h['call-id'] === 'string' &&
    h['call-id'].length > 0 &&
    typeof h.to?.uri === 'string' &&
    typeof h.from?.uri === 'string' &&
    typeof h.cseq?.seq === 'number' &&
    Number.isFinite(h.cseq.seq)
  if (!basic) {
    return false
  }
  if (isRequest(message)) {
    return message.headers.cseq.method === message.method && /^[A-Z]{1,32}$/.test(message.method)
  }
  return message.status >= 100 && message.status <= 699
}
