import type { FastifyInstance } from 'fastify'
import { INTERNE_TAAK_LIMITS } from '../../../shared/api/klantinteracties-limits'
import { disclosed } from '../audit/objects'
import { agentOf } from '../auth/guard'
import { bodyValidator, requireText } from '../http/validation'
import type { ContactverzoekInput } from '../register-client/contactverzoek'
import type { GatewayServices } from '../services'

/** `POST /api/contactverzoeken` {klantcontactUuid, gevraagdeHandeling, toelichting?, toegewezenAan} → 201 */
const body = bodyValidator<ContactverzoekInput>({
  type: 'object',
  required: ['klantcontactUuid', 'gevraagdeHandeling', 'toegewezenAan'],
  properties: {
    klantcontactUuid: { type: 'string', format: 'uuid' },
    gevraagdeHandeling: { type: 'string', minLength: 1, maxLength: INTERNE_TAAK_LIMITS.gevraagdeHandeling },
    toelichting: { type: 'string', nullable: true, maxLength: INTERNE_TAAK_LIMITS.toelichting },
    toegewezenAan: {
      type: 'object',
      required: ['type', 'id'],
      properties: {
        type: { type: 'string', enum: ['afdeling', 'agent'] },
        id: { type: 'string', minLength: 1, maxLength: 64 },
      },
    },
  },
})

export function registerContactverzoekRoutes(app: FastifyInstance, services: GatewayServices): void {
  app.post(
    '/api/contactverzoeken',
    { config: { audit: { action: 'contactverzoek.aanmaken', resource: 'klantcontact' } } },
    async (request, reply) => {
      const agent = agentOf(request)
      const input = body(request.body)
      requireText('gevraagdeHandeling', input.gevraagdeHandeling)
      request.audit.object.uuid = input.klantcontactUuid
      const created = await services.contactverzoeken.create(agent, input)
      disclosed(request, [
        { type: 'internetaak', uuid: created.uuid },
        { type: 'klantcontact', uuid: created.klantcontactUuid },
      ])
      // For the supervisor's counters; the contactverzoek exists whether or not the hub heard of it.
      await Promise.resolve(
        services.contactverzoekCreated?.({ login: agent.login, afdeling: agent.afdeling }),
      ).catch((error: unknown) =>
        request.log.warn({ err: (error as Error).message }, 'contactverzoek not counted'),
      )
      // The inbox it landed in: the afdeling's, or the colleague's afdeling's.
      const target = created.toegewezenAan
      const inboxAfdeling =
        target.type === 'afdeling' ? target.id : services.roster.byLogin(target.id)?.afdeling
      services.inbox.changed(inboxAfdeling ? [inboxAfdeling] : [])
      return reply.code(201).send(created)
    },
  )
}
