import type { FastifyInstance } from 'fastify'
import { SECURITY_EVENT_KINDS, type SecurityEventInput } from '../../../shared/gateway/security-events'
import { agentOf } from '../auth/guard'
import { bodyValidator } from '../http/validation'

/**
 * - `POST /api/security-events` {kind: 'refer-refused', callId?: uuid} → 204
 *
 * What an agent's app refused for security reasons and tells the security officer about: its
 * softphone refused a REFER (docs/agent-app.md). The event becomes one audit line with `security`
 * set, the reporting agent as actor, the call by the app's own uuid, and a fixed code as detail;
 * nothing from the SIP signalling is accepted, so nothing of the caller's reaches the log.
 */
const body = bodyValidator<SecurityEventInput>({
  type: 'object',
  required: ['kind'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: [...SECURITY_EVENT_KINDS] },
    callId: { type: 'string', nullable: true, format: 'uuid' },
  },
})

/** The audit detail per kind: a short code, as the audit log's other security events have. */
const DETAIL: Record<SecurityEventInput['kind'], string> = { 'refer-refused': 'refer-geweigerd' }

export function registerSecurityEventRoutes(app: FastifyInstance): void {
  app.post(
    '/api/security-events',
    { config: { audit: { action: 'beveiligingsmelding.melden', resource: 'gesprek' } } },
    async (request, reply) => {
      agentOf(request)
      const event = body(request.body)
      request.audit.object = { uuid: event.callId }
      request.audit.outcome = { security: true, detail: DETAIL[event.kind] }
      return reply.code(204).send()
    },
  )
}
