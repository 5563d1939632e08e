import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerFactory } from 'fastify'
import type { Logger } from '../lib/logger'
import type { ProviderConfig } from './config'
import { ensureSchema, openStorage, type Storage } from './db/database'
import { migrateToLatest } from './db/migrate'
import { createTransactor } from './db/transactor'
import { tokenAuthenticator } from './http/auth'
import { errorHandler, notFoundHandler } from './http/error-handler'
import { API_BASE, registerResource, type RouteDeps } from './http/resource-routes'
import { extraRoutes, resources } from './resources/index'
import { createNummerPolicy } from './resources/nummer'
import { loadOas } from './validation/oas-document'

/** The API version this provider implements (OAS info.version; Open Klant 2.18.0). */
export const API_VERSION = '0.9.0'

export interface ProviderApp {
  app: FastifyInstance
  storage: Storage
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

  const app: FastifyInstance = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // Request bodies of this API are small; 1 MiB leaves room for bulk metadata without inviting abuse.
    bodyLimit: 1024 * 1024,
    ...(options.serverFactory ? { serverFactory: options.serverFactory } : {}),
  })
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
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith(API_BASE)) {
      void reply.header('API-version', API_VERSION)
      if (!request.url.startsWith(`${API_BASE}/openapi.yaml`)) {
        authenticate(request)
      }
    }
  })
  app.addHook('onClose', () => storage.close())

  // The OAS itself, as Open Klant serves it (public, like its schema view).
  app.get(`${API_BASE}/openapi.yaml`, (_request, reply) => reply.type('application/yaml').send(oasText))

  for (const resource of resources) {
    registerResource(app, deps, resource)
  }
  for (const register of extraRoutes) {
    register(app, deps)
  }
  return { app, storage }
}
