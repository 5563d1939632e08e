import type { FastifyInstance } from 'fastify'
import { isApiRequest } from '../auth/guard'

/**
 * NL API Design Rules /core/transport/security-headers for every API answer: personal data must
 * not be cached by a browser or proxy, nor be framed or content-sniffed. (HSTS belongs to the TLS
 * terminator in front of the gateway.)
 */
const HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "frame-ancestors 'none'",
} as const

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (isApiRequest(request.url)) {
      void reply.headers(HEADERS)
    }
  })
}
