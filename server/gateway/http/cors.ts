import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { DESKTOP_APP_ORIGIN } from '../../../shared/desktop/app-origin'
import { ProblemError } from './problems'

/**
 * Cross-origin access to the API (the Fetch standard's CORS protocol) for the agent app's pages
 * that the gateway does not serve itself: the desktop app (`app://kcc`, always) and the origins
 * in `appOrigins` (docs/configuration.md). The web app the gateway serves is same-origin and
 * needs none of this.
 *
 * Only those origins are named in `Access-Control-Allow-Origin`; any other page's script cannot
 * read an answer. The API authenticates with a bearer token, never a cookie, so no credentials
 * mode is allowed: a foreign page cannot ride on an agent's session either way.
 *
 * A preflight (`OPTIONS` with `Access-Control-Request-Method`) is answered by a route of its own,
 * public since a browser never sends credentials with it, and not audited: it carries no actor and
 * discloses nothing. An origin not allowed gets a problem the IT admin can read in the network tab.
 */
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']
/** Request headers the app sends besides the CORS-safelisted ones (docs/gateway.md). */
const REQUEST_HEADERS = ['authorization', 'content-type', 'idempotency-key']
/** Answer headers the app reads besides the CORS-safelisted ones (a 401's challenge, a 429's wait). */
const EXPOSED_HEADERS = ['www-authenticate', 'retry-after']
/** How long a browser may reuse a preflight's answer (Chromium caps it at 2 hours). */
const MAX_AGE_SECONDS = 600

export function registerCors(app: FastifyInstance, appOrigins: readonly string[] = []): void {
  const allowed = new Set([DESKTOP_APP_ORIGIN, ...appOrigins])
  app.addHook('onRequest', async (request, reply) => {
    // Whether the answer names the origin depends on the request's Origin: caches must key on it.
    void reply.header('vary', 'Origin')
    const origin = request.headers.origin
    if (origin !== undefined && allowed.has(origin)) {
      void reply.header('access-control-allow-origin', origin)
      void reply.header('access-control-expose-headers', EXPOSED_HEADERS.join(', '))
    }
  })
  app.options(
    '/api/*',
    { config: { public: true, unaudited: true } },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const origin = request.headers.origin
      if (origin === undefined || !allowed.has(origin)) {
        throw originNotAllowed()
      }
      const method = request.headers['access-control-request-method']
      if (typeof method !== 'string' || !METHODS.includes(method)) {
        throw notAPreflight()
      }
      return reply
        .code(204)
        .header('access-control-allow-methods', METHODS.join(', '))
        .header('access-control-allow-headers', REQUEST_HEADERS.join(', '))
        .header('access-control-max-age', String(MAX_AGE_SECONDS))
        .send()
    },
  )
}

function originNotAllowed(): ProblemError {
  return new ProblemError(
    403,
    'origin_not_allowed',
    'Herkomst niet toegestaan.',
    'Pagina’s van deze herkomst (Origin) mogen de API niet aanroepen; de beheerder kan haar toevoegen aan appOrigins.',
    'PermissionDenied',
  )
}

function notAPreflight(): ProblemError {
  return new ProblemError(
    400,
    'invalid',
    'Ongeldige invoer.',
    `Een CORS-preflight noemt in Access-Control-Request-Method een van ${METHODS.join(', ')}.`,
    'ValidationError',
  )
}
