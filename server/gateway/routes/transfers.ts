import type { FastifyInstance } from 'fastify'
import { disclosed, klantcontactObjects } from '../audit/objects'
import { agentOf } from '../auth/guard'
import { notFoundBecause, validationError } from '../http/problems'
import { bodyValidator } from '../http/validation'
import type { TransferTarget } from '../transfers/store'
import type { TransferCloseInput } from '../../../shared/gateway/api'
import {
  isKlantcontactnummer,
  KLANTCONTACTNUMMER_PATTERN,
  KLANTCONTACTNUMMER_REASON,
} from '../../../shared/klantcontact/klantcontactnummer'
import { isUuid } from '../../../shared/text/uuid'
import type { GatewayServices } from '../services'

/**
 * - `POST /api/transfers` {klantcontactUuid | nummer, target: {type: agent|afdeling, id}} → 201 TransferView
 * - `GET /api/transfers/resolve/:nummer` → {transfer, klantcontact} or 404 (a security event)
 * - `POST /api/transfers/:id/close` {outcome} → 204, by the announcing agent only (404 otherwise)
 */
interface AnnounceBody {
  klantcontactUuid?: string
  nummer?: string
  target: TransferTarget
}

const announceBody = bodyValidator<AnnounceBody>({
  type: 'object',
  required: ['target'],
  properties: {
    klantcontactUuid: { type: 'string', nullable: true, format: 'uuid' },
    nummer: { type: 'string', nullable: true, pattern: KLANTCONTACTNUMMER_PATTERN.source },
    target: {
      type: 'object',
      required: ['type', 'id'],
      properties: {
        type: { type: 'string', enum: ['agent', 'afdeling'] },
        id: { type: 'string', minLength: 1, maxLength: 64 },
      },
    },
  },
})

const closeBody = bodyValidator<TransferCloseInput>({
  type: 'object',
  required: ['outcome'],
  additionalProperties: false,
  properties: { outcome: { type: 'string', enum: ['accepted', 'declined', 'cancelled'] } },
})

export function registerTransferRoutes(app: FastifyInstance, services: GatewayServices): void {
  const { transfers } = services

  app.post<{ Params: { id: string } }>(
    '/api/transfers/:id/close',
    { config: { audit: { action: 'overdracht.afsluiten', resource: 'overdracht' } } },
    async (request, reply) => {
      const agent = agentOf(request)
      const { outcome } = closeBody(request.body)
      if (!isUuid(request.params.id)) {
        throw notFoundBecause('Geen overdracht met dit id.')
      }
      const transfer = await transfers.close(agent, request.params.id, outcome)
      request.audit.object = { uuid: transfer.klantcontactUuid, nummer: transfer.nummer }
      return reply.code(204).send()
    },
  )

  app.post(
    '/api/transfers',
    { config: { audit: { action: 'overdracht.aankondigen', resource: 'klantcontact' } } },
    async (request, reply) => {
      const agent = agentOf(request)
      const input = announceBody(request.body)
      if ((input.klantcontactUuid === undefined) === (input.nummer === undefined)) {
        throw validationError([
          {
            name: 'nonFieldErrors',
            code: 'invalid',
            reason: 'Geef precies één van klantcontactUuid en nummer op.',
          },
        ])
      }
      request.audit.object = { uuid: input.klantcontactUuid, nummer: input.nummer }
      const { transfer } = await transfers.announce(agent, input)
      request.audit.object = { uuid: transfer.klantcontactUuid, nummer: transfer.nummer }
      return reply.code(201).send(transfer)
    },
  )

  app.get<{ Params: { nummer: string } }>(
    '/api/transfers/resolve/:nummer',
    { config: { audit: { action: 'overdracht.openen', resource: 'klantcontact' } } },
    async (request) => {
      const agent = agentOf(request)
      const { nummer } = request.params
      if (!isKlantcontactnummer(nummer)) {
        // A nummer is 1-10 digits; anything else is refused and is itself a security event (a probe).
        request.audit.outcome = { result: 'denied', security: true, detail: 'ongeldig-nummer' }
        throw validationError([{ name: 'nummer', code: 'invalid', reason: KLANTCONTACTNUMMER_REASON }])
      }
      const resolved = await transfers.resolve(agent, nummer)
      if (!resolved) {
        request.audit.outcome = { result: 'denied', security: true, detail: 'geen-overdracht' }
        throw notFoundBecause('Er is geen overdracht van dit klantcontact aan u.')
      }
      request.audit.object.uuid = resolved.klantcontact.uuid
      disclosed(request, klantcontactObjects(resolved.klantcontact))
      return resolved
    },
  )
}
