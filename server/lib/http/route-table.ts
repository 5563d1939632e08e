import type { FastifyInstance } from 'fastify'

export interface RouteEntry {
  method: string
  /** The route's pattern as registered, e.g. `/api/klantcontacten/:uuid/antwoord`. */
  url: string
}

/**
 * Every route `app` registers from now on, its plugins' included, as method and pattern: what the
 * server answers, for diagnosis and for the test that walks every route's authorisation. Fastify
 * has no route listing of its own other than a printed tree.
 */
export function recordRoutes(app: FastifyInstance): readonly RouteEntry[] {
  const routes: RouteEntry[] = []
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      routes.push({ method, url: route.url })
    }
  })
  return routes
}
