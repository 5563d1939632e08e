import type { FastifyInstance } from 'fastify'
import type { MonitorSessionInput } from '../../../shared/gateway/api'
import { isKlantcontactnummer } from '../../../shared/klantcontact/klantcontactnummer'
import { isUuid } from '../../../shared/text/uuid'
import { agentOf, requireRole } from '../auth/guard'
import { notFoundBecause } from '../http/problems'
import { bodyValidator } from '../http/validation'
import type { GatewayServices } from '../services'

/**
 * Monitoring (docs/supervisor.md), supervisors only:
 * - `POST /api/monitor-sessions` {agent, mode: listen|whisper|barge} → 201 MonitorSessionView; 403
 *   for an agent or an agent outside the supervised afdelingen; 409 `geen_gesprek` without a call
 * - `DELETE /api/monitor-sessions/:id` → 204, by the supervisor who started it (404 for anyone else)
 *
 * The audit line names the session by its id (object uuid; the session row says whom it monitored)
 * and the call's klantcontactnummer when the call has one.
 */
const startBody = bodyValidator<MonitorSessionInput>({
  type: 'object',
  required: ['agent', 'mode'],
  additionalProperties: false,
  properties: {
    agent: { type: 'string', minLength: 1, maxLength: 64 },
    mode: { type: 'string', enum: ['listen', 'whisper', 'barge'] },
  },
})

export function registerMonitorRoutes(app: FastifyInstance, services: GatewayServices): void {
  const { monitoring } = services

  app.post(
    '/api/monitor-sessions',
    {
      config: { audit: { action: 'meeluisteren.starten', resource: 'gesprek' } },
      preHandler: requireRole('supervisor', 'Alleen een supervisor kan meeluisteren met een gesprek.'),
    },
    async (request, reply) => {
      const supervisor = agentOf(request)
      const input = startBody(request.body)
      const { session, klantcontactnummer } = await monitoring.start(supervisor, input)
      request.audit.object = {
        uuid: session.id,
        nummer: isKlantcontactnummer(klantcontactnummer) ? klantcontactnummer : undefined,
      }
      return reply.code(201).send(session)
    },
  )

  app.delete<{ Params: { id: string } }>(
    '/api/monitor-sessions/:id',
    { config: { audit: { action: 'meeluisteren.stoppen', resource: 'gesprek' } } },
    async (request, reply) => {
      const supervisor = agentOf(request)
      if (!isUuid(request.params.id)) {
        throw notFoundBecause('Geen meeluistersessie met dit id.')
      }
      const session = await monitoring.stop(supervisor, request.params.id)
      request.audit.object = { uuid: session.id }
      return reply.code(204).send()
    },
  )
}
