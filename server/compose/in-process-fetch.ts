import type { FastifyInstance } from 'fastify'

/**
 * A fetch that hands each request straight to a Fastify app in this process (`inject`), without
 * a socket. The gateway reaches the embedded provider this way when the shared port speaks TLS:
 * the certificate names the public host, not the loopback address the gateway would dial, and the
 * register's token need not cross even loopback. The provider still checks that token.
 */
export function inProcessFetch(app: FastifyInstance): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    init?.signal?.throwIfAborted()
    const response = await app.inject({
      method: (init?.method ?? 'GET') as 'GET',
      url: `${url.pathname}${url.search}`,
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      ...(typeof init?.body === 'string' ? { payload: init.body } : {}),
    })
    const headers = new Headers()
    for (const [name, value] of Object.entries(response.headers)) {
      for (const one of Array.isArray(value) ? value : [value]) {
        if (one !== undefined) {
          headers.append(name, String(one))
        }
      }
    }
    // A 204 or 304 answer may not carry a body (WHATWG Fetch, "null body status").
    const empty = response.statusCode === 204 || response.statusCode === 304
    return new Response(empty ? null : new Uint8Array(response.rawPayload), {
      status: response.statusCode,
      headers,
    })
  }
}
