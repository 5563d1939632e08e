import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerFactory } from 'fastify'
import type { Logger } from '../lib/logger'
import type { ProviderConfig } from './config'
import { ensureSchema, openStorage, type Storage } from '../lib/db/database'
import { migrateToLatest } from './db/migrate'
import { createTransactor } from './db/transactor'
import { tokenAuthenticator } from './http/auth'
import { problemOnClientError } from '../lib/http/client-error'
import { errorHandler, notFoundHandler } from '../lib/http/error-handler'
import { API_BASE, registerResource, type RouteDeps } from './http/resource-routes'
import { recordRoutes, type RouteEntry } from '../lib/http/route-table'
import { SECURITY_HEADERS } from '../lib/http/security-headers'
import { extraRoutes, resources } from './resources/index'
import { createNummerPolicy } from './resources/klantcontacten/nummer'
import { loadOas } from './validation/oas-document'

/** The API version this provider implements (OAS info.version; Open Klant 2.18.0). */
export const API_VERSION = '0.9.0'

export interface ProviderApp {
  app: FastifyInstance
  storage: Storage
  /** Every route it serves. */
  routes: readonly RouteEntry[]
}

/**
 * Builds the Klantinteracties provider: storage (migrated), authentication, every resource route.
 * It does not listen; `main.ts` does, and tests use `app.inject` or listen on port 0.
 */
export interface ProviderAppOptions {
  /** Serve through a server of the caller's (one port for gateway and provider: server/compose). */
  serverFactory?: FastifyServerFactory
}

export async function buildProviderApp(
  config: ProviderConfig,
  logger: Logger,
  options: ProviderAppOptions = {},
): Promise<ProviderApp> {
  const storage = openStorage({
    databaseUrl: config.databaseUrl,
    schema: config.databaseSchema,
    sqliteFile: config.sqliteFile,
  })
  try {
    await ensureSchema(storage, config.databaseSchema)
    await migrateToLatest(storage.db as never, storage.engine, config.databaseSchema)
  } catch (error) {
    await storage.close()
    throw error
  }

  const answerHeaders = { ...SECURITY_HEADERS, 'API-version': API_VERSION }
  const app: FastifyInstance = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // Request bodies of this API are small; 1 MiB leaves room for bulk metadata without inviting abuse.
    bodyLimit: 1024 * 1024,
    // A path the router cannot decode, a parameter over its length, a request the HTTP parser cannot
    // read: problem+json like every other error, not Fastify's own shape.
    frameworkErrors: (error, request, reply) => errorHandler(error, request, reply.headers(answerHeaders)),
    clientErrorHandler: problemOnClientError(answerHeaders),
    ...(options.serverFactory ? { serverFactory: options.serverFactory } : {}),
  })
  const routes = recordRoutes(app)
  const oasText = loadOas().text
  const authenticate = tokenAuthenticator(config.tokens)
  const registry = new Map(resources.map((r) => [r.path, r]))
  const deps: RouteDeps = {
    db: storage.db,
    engine: storage.engine,
    transact: createTransactor(storage.db, storage.engine),
    nummer: createNummerPolicy(storage.autocommit, storage.engine, config.generateNummer),
    registry,
  }

  app.setErrorHandler(errorHandler)
  app.setNotFoundHandler(notFoundHandler)
  // Every answer carries the API version and the security headers. The token is checked by the
  // route the request matched, never by its URL: the router decodes the path (`/api/%761` is
  // `/api/v1`) and a string test would not. Denied by default: every route needs the token unless it
  // declares itself public. A request that matched no route reaches nothing and is not found for
  // anyone, as Open Klant answers it.
  app.addHook('onRequest', async (request, reply) => {
    void reply.headers(answerHeaders)
    if (!request.is404 && !request.routeOptions.config.public) {
      authenticate(request)
    }
  })
  app.addHook('onClose', () => storage.close())

  // The OAS itself, as Open Klant serves it (public, like its schema view).
  app.get(`${API_BASE}/openapi.yaml`, { config: { public: true } }, (_request, reply) =>
    reply.type('application/yaml').send(oasText),
  )

  for (const resource of resources) {
    registerResource(app, deps, resource)
  }
  for (const register of extraRoutes) {
    register(app, deps)
  }
  return { app, storage, routes }
}
