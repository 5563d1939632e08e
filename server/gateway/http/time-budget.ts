import type { FastifyInstance, RouteHandlerMethod } from 'fastify'
import type { KlantinteractiesClient } from '../register-client/client'

/**
 * Every route's handler runs inside one time budget for all the register calls it makes
 * (`KlantinteractiesClient.withinBudget`, docs/gateway.md "Time budget"): a route that reads, checks
 * and then writes gets what is left of one budget for each call, never a fresh budget per call, so
 * its answer (504 at the latest) always comes before the agent app, whose budget is longer, gives
 * up. Hung on the route when it is registered, like the session guard: a route added later is
 * covered without anyone remembering.
 */
export function registerTimeBudget(app: FastifyInstance, client: KlantinteractiesClient): void {
  app.addHook('onRoute', (route) => {
    if ((route as { websocket?: boolean }).websocket) {
      // A socket's handler lives as long as the socket; its commands are no register calls.
      return
    }
    const handler = route.handler as RouteHandlerMethod
    route.handler = function withinBudget(request, reply) {
      return client.withinBudget(async () => handler.call(this, request, reply))
    }
  })
}
