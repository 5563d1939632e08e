import type { FastifyInstance } from 'fastify'
import { directoryOf } from '../directory/directory'
import type { GatewayServices } from '../services'

/** `GET /api/directory` → {afdelingen, medewerkers} with live state. */
export function registerDirectoryRoutes(app: FastifyInstance, services: GatewayServices): void {
  app.get(
    '/api/directory',
    { config: { audit: { action: 'directory.lezen', resource: 'medewerker' } } },
    () => directoryOf(services.config, services.roster, services.presence),
  )
}
