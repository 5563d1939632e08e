import type { FastifyInstance } from 'fastify'
import type { KlantbeeldView } from '../../../shared/gateway/klantbeeld'
import type { AuditObject } from '../audit/types'
import { disclosed, partijObjects } from '../audit/objects'
import { agentOf } from '../auth/guard'
import type { GatewayServices } from '../services'
import { telefoonnummerOf } from './partijen'

/**
 * `GET /api/klantbeeld?telefoonnummer=<number>` → KlantbeeldView: the caller's picture while the
 * phone rings (register-client/klantbeeld.ts). Any agent may ask; a vertrouwelijk klantcontact shows
 * without its onderwerp to an agent who may not read it (register-client/summary.ts).
 *
 * The audit line names every partij, klantcontact and interne taak the answer shows, never the
 * number (BIO2 8.15.02); the request log holds no query string (server/lib/logger.ts).
 */
export function registerKlantbeeldRoutes(app: FastifyInstance, services: GatewayServices): void {
  app.get<{ Querystring: { telefoonnummer?: unknown } }>(
    '/api/klantbeeld',
    { config: { audit: { action: 'klantbeeld.opvragen', resource: 'partij' } } },
    async (request): Promise<KlantbeeldView> => {
      const telefoonnummer = telefoonnummerOf(request)
      const view = await services.klantbeeld.of(agentOf(request), telefoonnummer)
      disclosed(request, klantbeeldObjects(view))
      return view
    },
  )
}

export function klantbeeldObjects(view: KlantbeeldView): AuditObject[] {
  return [
    ...partijObjects(view.partijen),
    ...view.klantcontacten.map((k): AuditObject => ({
      type: 'klantcontact',
      uuid: k.uuid,
      ...(k.nummer ? { nummer: k.nummer } : {}),
    })),
    ...view.contactverzoeken.map((t): AuditObject => ({
      type: 'internetaak',
      uuid: t.uuid,
      ...(t.nummer ? { nummer: t.nummer } : {}),
    })),
  ]
}
