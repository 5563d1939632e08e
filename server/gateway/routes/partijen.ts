import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { PartijLookupView } from '../../../shared/gateway/api'
import { disclosed, partijObjects } from '../audit/objects'
import { validationError } from '../http/problems'
import type { GatewayServices } from '../services'

/**
 * `GET /api/partijen?telefoonnummer=<number>` → {results: [{uuid, naam}]} (≤ 5): the known partijen
 * whose digitaal adres is the caller's number, for the agent app to offer when a call rings
 * (klantinteracties/partij-lookup.ts). Any agent may ask; vertrouwelijk concerns klantcontacten, not
 * partijen.
 *
 * A phone number is personal data: it stays out of the audit line (BIO2 8.15.02: the line names the
 * action and each partij offered, not the number) and out of the request log (the shared logger logs
 * no query string, server/lib/logger.ts).
 */
const TELEFOONNUMMER = /^\+?[0-9 ()-]{3,25}$/

export function telefoonnummerOf(
  request: FastifyRequest<{ Querystring: { telefoonnummer?: unknown } }>,
): string {
  const value = request.query.telefoonnummer
  if (typeof value !== 'string' || !TELEFOONNUMMER.test(value)) {
    throw validationError([
      {
        name: 'telefoonnummer',
        code: value === undefined ? 'required' : 'invalid',
        reason:
          value === undefined
            ? 'Dit veld is vereist.'
            : 'Een telefoonnummer bestaat uit cijfers, eventueel met +, spaties, haakjes of streepjes.',
      },
    ])
  }
  return value
}

export function registerPartijRoutes(app: FastifyInstance, services: GatewayServices): void {
  app.get<{ Querystring: { telefoonnummer?: unknown } }>(
    '/api/partijen',
    { config: { audit: { action: 'partij.zoeken', resource: 'partij' } } },
    async (request): Promise<PartijLookupView> => {
      const telefoonnummer = telefoonnummerOf(request)
      const results = await services.partijen.byTelefoonnummer(telefoonnummer)
      disclosed(request, partijObjects(results))
      return { results }
    },
  )
}
