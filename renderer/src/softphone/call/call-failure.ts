import type { CallFailure } from '../types'

/**
 * Why an outbound call ended before it was answered, from the final response to its INVITE (RFC
 * 3261 §21). `network` when no status came from the other side: sip.js turns a transaction timeout
 * into an internal 408 and a transport error into an internal 503 (user-agent-client.js), neither
 * of which carries a Via, which every real response does (§8.2.6.2); `statusCode` undefined is an
 * INVITE that could not be sent at all.
 */
export function classifyCallFailure(statusCode: number | undefined, fromNetwork = true): CallFailure {
  if (statusCode === undefined || !fromNetwork) {
    return { ...(statusCode === undefined ? {} : { statusCode }), reason: 'network' }
  }
  return { statusCode, reason: reasonFor(statusCode) }
}

/** A final response to our INVITE as sip.js hands it over (its core message type). */
export interface FinalResponse {
  readonly statusCode?: number | undefined
  getHeader(name: string): string | undefined
}

/** The failure a final response to our INVITE means. */
export function failureOfResponse(message: FinalResponse): CallFailure {
  return classifyCallFailure(message.statusCode, message.getHeader('via') !== undefined)
}

function reasonFor(statusCode: number): CallFailure['reason'] {
  switch (statusCode) {
    case 486:
    case 600:
      return 'busy'
    case 603:
      return 'declined'
    case 408:
    case 480:
      return 'no_answer'
    case 404:
    case 484:
    case 604:
      return 'not_found'
    case 500:
    case 502:
    case 503:
      return 'unavailable'
    default:
      return 'other'
  }
}
