import { timingSafeEqual } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { authenticationFailed, notAuthenticated } from '../../lib/http/problem'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without a token (the OAS); every other route needs one. */
    public?: boolean
  }
}

/**
 * `Authorization: Token <token>` (OAS securitySchemes.tokenAuth). Open Klant has no scopes: any
 * valid token may do everything, which is why only the gateway ever holds one.
 */
export function tokenAuthenticator(tokens: readonly string[]): (request: FastifyRequest) => void {
  const accepted = tokens.map((t) => Buffer.from(t))
  return (request) => {
    const header = request.headers.authorization
    if (!header) {
      throw notAuthenticated()
    }
    const match = /^Token\s+(\S+)$/.exec(header)
    if (!match) {
      throw authenticationFailed()
    }
    const given = Buffer.from(match[1]!)
    // Compare in constant time so response timing reveals nothing about a token's prefix.
    const ok = accepted.some((t) => t.length === given.length && timingSafeEqual(t, given))
    if (!ok) {
      throw authenticationFailed()
    }
  }
}
