import type { FastifyInstance } from 'fastify'
import { requireRole } from '../auth/guard'
import { validationError } from '../http/problems'
import type { GatewayServices } from '../services'

/**
 * `GET /api/audit?limit=&security=true` (supervisor): the newest audit events. Reading the audit log
 * is itself audited.
 */
export function registerAuditRoutes(app: FastifyInstance, services: GatewayServices): void {
  app.get<{ Querystring: { limit?: string; security?: string } }>(
    '/api/audit',
    {
      config: { audit: { action: 'audit.lezen', resource: 'auditlog' } },
      preHandler: requireRole('supervisor'),
    },
    async (request) => {
      const limit = Number(request.query.limit ?? '50')
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
        throw validationError([
          { name: 'limit', code: 'invalid', reason: 'Zorg ervoor dat deze waarde tussen 1 en 500 ligt.' },
        ])
      }
      const securityOnly = request.query.security === 'true'
      return { results: await services.audit.recent({ limit, securityOnly }) }
    },
  )
}
