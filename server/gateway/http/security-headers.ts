import type { FastifyInstance, FastifyReply } from 'fastify'
import { SECURITY_HEADERS } from '../../lib/http/security-headers'

export { SECURITY_HEADERS }

/**
 * The security headers (server/lib/http/security-headers.ts) on every answer the gateway
 * gives, whatever route it matched or failed to match, so no spelling of a path answers without
 * them. The web files are not framed or sniffed either: a meta CSP in index.html cannot say
 * `frame-ancestors`, only this header can. A file the static server does send replaces
 * `cache-control` with its own (the app shell may be cached and revalidated); its errors keep
 * `no-store` like any other answer.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (_request, reply) => {
    withSecurityHeaders(reply)
  })
}

/** For answers given before the request hooks ran (a URL the router could not decode). */
export function withSecurityHeaders(reply: FastifyReply): FastifyReply {
  return reply.headers(SECURITY_HEADERS)
}
