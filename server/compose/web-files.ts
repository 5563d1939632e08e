import fastifyStatic, { type FastifyStaticOptions } from '@fastify/static'
import type { FastifyInstance } from 'fastify'

/**
 * Serves a web build (the agent app, the demo caller page) on the gateway. Its routes declare
 * themselves web files: public, since the login page must load without a session, and not audited,
 * since they disclose no personal data. The gateway denies every route that does not say so
 * (gateway/auth/guard.ts), which is why this is said on the routes here, in a scope of their own,
 * and not by testing paths.
 */
export async function registerWebFiles(app: FastifyInstance, options: FastifyStaticOptions): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, public: true, webFile: true }
    })
    await scope.register(fastifyStatic, options)
  })
}
