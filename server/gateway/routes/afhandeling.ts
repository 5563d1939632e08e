import type { FastifyInstance } from 'fastify'
import type { AfhandelingInput } from '../../../shared/gateway/api'
import { AFHANDELINGEN, isAfhandeling } from '../../../shared/klantcontact/afhandeling'
import {
  isKlantcontactnummer,
  KLANTCONTACTNUMMER_REASON,
} from '../../../shared/klantcontact/klantcontactnummer'
import { disclosed, klantcontactObjects } from '../audit/objects'
import { agentOf } from '../auth/guard'
import { validationError } from '../http/problems'
import { bodyValidator } from '../http/validation'
import type { GatewayServices } from '../services'

/**
 * `PUT /api/klantcontacten/:nummer/afhandeling` {afhandeling} → 200 KlantcontactView with
 * `afhandeling`: how the contact ended (afhandeling/service.ts). PUT: recording again replaces it.
 */
const body = bodyValidator<{ afhandeling: string }>({
  type: 'object',
  required: ['afhandeling'],
  properties: { afhandeling: { type: 'string', maxLength: 40 } },
})

export const AFHANDELING_REASON = `Kies een van de afhandelingen: ${AFHANDELINGEN.join(', ')}.`

export function registerAfhandelingRoutes(app: FastifyInstance, services: GatewayServices): void {
  app.put<{ Params: { nummer: string } }>(
    '/api/klantcontacten/:nummer/afhandeling',
    { config: { audit: { action: 'klantcontact.afhandelen', resource: 'klantcontact' } } },
    async (request) => {
      const agent = agentOf(request)
      const { nummer } = request.params
      if (!isKlantcontactnummer(nummer)) {
        throw validationError([{ name: 'nummer', code: 'invalid', reason: KLANTCONTACTNUMMER_REASON }])
      }
      const input = body(request.body)
      if (!isAfhandeling(input.afhandeling)) {
        throw validationError([{ name: 'afhandeling', code: 'invalid_choice', reason: AFHANDELING_REASON }])
      }
      const afhandeling: AfhandelingInput['afhandeling'] = input.afhandeling
      request.audit.object.nummer = nummer
      const { view } = await services.afhandelingen.record(agent, nummer, afhandeling)
      request.audit.object.uuid = view.uuid
      // Which afhandeling, for the history: the store keeps only the latest.
      request.audit.outcome.detail = afhandeling
      disclosed(request, klantcontactObjects(view))
      return view
    },
  )
}
