import type { FastifyInstance, FastifyRequest } from 'fastify'
import { INTERNE_TAAK_LIMITS } from '../../../shared/api/klantinteracties-limits'
import type {
  InboxDoorzettenInput,
  InboxItemView,
  InboxVerwerktInput,
  InboxView,
} from '../../../shared/gateway/inbox'
import { isUuid } from '../../../shared/text/uuid'
import { disclosed } from '../audit/objects'
import { agentOf } from '../auth/guard'
import { notFoundBecause, validationError } from '../http/problems'
import { bodyValidator, requireText } from '../http/validation'
import type { GatewayServices } from '../services'

/**
 * The contactverzoek inbox (docs/gateway.md, "Inbox"; the service: inbox/service.ts):
 * - `GET /api/inbox?status=open|verwerkt` → InboxView
 * - `POST /api/inbox/:uuid/claim` → InboxItemView (409 when a colleague has it)
 * - `POST /api/inbox/:uuid/verwerkt` {resultaat, klantcontactUuid?} → InboxItemView
 * - `POST /api/inbox/:uuid/doorzetten` {afdeling, toelichting?} → InboxItemView
 *
 * Any agent, for the interne taken in their own inbox only (404 for any other). Every answer names
 * each interne taak, klantcontact and betrokkene it shows in the audit line; the live hub hears of
 * every change (inbox/publisher.ts).
 */
const verwerktBody = bodyValidator<InboxVerwerktInput>({
  type: 'object',
  required: ['resultaat'],
  properties: {
    resultaat: { type: 'string', minLength: 1, maxLength: INTERNE_TAAK_LIMITS.toelichting },
    klantcontactUuid: { type: 'string', nullable: true, format: 'uuid' },
  },
})

const doorzettenBody = bodyValidator<InboxDoorzettenInput>({
  type: 'object',
  required: ['afdeling'],
  properties: {
    afdeling: { type: 'string', minLength: 1, maxLength: 64 },
    toelichting: { type: 'string', nullable: true, maxLength: INTERNE_TAAK_LIMITS.toelichting },
  },
})

type ItemRequest = FastifyRequest<{ Params: { uuid: string } }>

function taakUuid(request: ItemRequest): string {
  const { uuid } = request.params
  if (!isUuid(uuid)) {
    throw notFoundBecause('Deze taak staat niet in je inbox.')
  }
  request.audit.object.uuid = uuid.toLowerCase()
  return uuid.toLowerCase()
}

function statusOf(request: FastifyRequest<{ Querystring: { status?: unknown } }>): 'open' | 'verwerkt' {
  const value = request.query.status ?? 'open'
  if (value !== 'open' && value !== 'verwerkt') {
    throw validationError([{ name: 'status', code: 'invalid_choice', reason: 'Kies open of verwerkt.' }])
  }
  return value
}

export function registerInboxRoutes(app: FastifyInstance, services: GatewayServices): void {
  const inbox = services.inbox.service

  app.get<{ Querystring: { status?: unknown } }>(
    '/api/inbox',
    { config: { audit: { action: 'inbox.lezen', resource: 'internetaak' } } },
    async (request): Promise<InboxView> => {
      const { value, disclosed: objects } = await inbox.list(agentOf(request), statusOf(request))
      disclosed(request, objects)
      return value
    },
  )

  app.post<{ Params: { uuid: string } }>(
    '/api/inbox/:uuid/claim',
    { config: { audit: { action: 'inbox.oppakken', resource: 'internetaak' } } },
    async (request): Promise<InboxItemView> => {
      const { value, disclosed: objects } = await inbox.claim(agentOf(request), taakUuid(request))
      disclosed(request, objects)
      return value
    },
  )

  app.post<{ Params: { uuid: string } }>(
    '/api/inbox/:uuid/verwerkt',
    { config: { audit: { action: 'inbox.verwerken', resource: 'internetaak' } } },
    async (request): Promise<InboxItemView> => {
      const uuid = taakUuid(request)
      const input = verwerktBody(request.body)
      requireText('resultaat', input.resultaat)
      const klantcontactUuid = input.klantcontactUuid?.toLowerCase()
      const { value, disclosed: objects } = await inbox.verwerkt(agentOf(request), uuid, {
        resultaat: input.resultaat,
        ...(klantcontactUuid ? { klantcontactUuid } : {}),
      })
      disclosed(request, objects)
      return value
    },
  )

  app.post<{ Params: { uuid: string } }>(
    '/api/inbox/:uuid/doorzetten',
    { config: { audit: { action: 'inbox.doorzetten', resource: 'internetaak' } } },
    async (request): Promise<InboxItemView> => {
      const uuid = taakUuid(request)
      const input = doorzettenBody(request.body)
      const { value, disclosed: objects } = await inbox.doorzetten(agentOf(request), uuid, {
        afdeling: input.afdeling,
        ...(input.toelichting ? { toelichting: input.toelichting } : {}),
      })
      disclosed(request, objects)
      return value
    },
  )
}
