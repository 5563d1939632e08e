import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * Flow tokens (the idea of RFC 5626 and the `sip` package's encodeFlowUri): the user part of our
 * Record-Route URIs names the WebSocket connection an in-dialog request must leave on. They are
 * signed with a per-process secret, so a client cannot make up a route to someone else's connection.
 */
export interface FlowTokens {
  encode(flowId: string): string
  /** The connection id, or undefined if the token is not one of ours. */
  decode(token: string): string | undefined
}

export function createFlowTokens(secret: Buffer = randomBytes(32)): FlowTokens {
  const mac = (flowId: string): Buffer => createHmac('sha256', secret).update(flowId).digest().subarray(0, 16)
  return {
    encode(flowId) {
      return `${flowId}.${mac(flowId).toString('base64url')}`
    },
    decode(token) {
      const dot = token.lastIndexOf('.')
      if (dot <= 0) {
        return undefined
      }
      const flowId = token.slice(0, dot)
      const given = Buffer.from(token.slice(dot + 1), 'base64url')
      const expected = mac(flowId)
      return given.length === expected.length && timingSafeEqual(given, expected) ? flowId : undefined
    },
  }
}
