import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isKlantcontactnummer } from '../../../shared/klantcontact/klantcontactnummer'
import { isUuid } from '../../../shared/text/uuid'
import { PROBLEM_JSON } from '../../lib/http/error-handler'
import { auditUnavailable } from '../http/problems'
import type { Clock } from '../lib/clock'
import type { AuditLog } from './audit-log'
import type { AuditEvent, AuditResult } from './types'

/**
 * One audit line per request, whatever its outcome: refused at the door (401), by role (403),
 * by the rate limit (429), by validation (400), failed upstream (502), not found or served. Only a
 * request for a web file (a route declaring `config.webFile`) or to a route declaring
 * `config.unaudited` (a CORS preflight, the update feed) has none: it discloses no personal data. Decided by the route the request matched, never by its URL (the router decodes the path,
 * a string test would not), and when the request arrives: a web file that is not there is
 * answered by the not-found handler, whose route says nothing about it. Written in
 * `onSend`, the last moment before the answer leaves, after every handler and error handler has
 * set the status; the answer waits until the line is stored. If it cannot be stored, the agent
 * gets a 503 instead of the data: nothing is disclosed without a record of it (the pino line
 * still exists, with the original status).
 */
export function registerAuditHooks(app: FastifyInstance, audit: AuditLog, clock: Clock): void {
  const unaudited = new WeakSet<FastifyRequest>()
  app.decorateRequest('audit', null as never)
  app.addHook('onRequest', async (request) => {
    request.audit = { object: {}, outcome: {}, written: false }
    if (request.routeOptions.config.webFile || request.routeOptions.config.unaudited) {
      unaudited.add(request)
    }
  })
  app.addHook('onSend', async (request, reply, payload) => {
    if (unaudited.has(request)) {
      return payload
    }
    request.audit ??= { object: {}, outcome: {}, written: false }
    if (request.audit.written) {
      return payload
    }
    request.audit.written = true
    try {
      await audit.record(eventOf(request, reply, clock))
      return payload
    } catch {
      const problem = auditUnavailable()
      void reply.code(problem.status).header('content-type', PROBLEM_JSON)
      return JSON.stringify(problem.toBody(`${request.protocol}://${request.host}`))
    }
  })
}

function eventOf(request: FastifyRequest, reply: FastifyReply, clock: Clock): AuditEvent {
  const route = request.routeOptions.config?.audit
  const status = reply.statusCode
  const params = (request.params ?? {}) as Record<string, unknown>
  const { object, outcome } = request.audit
  // Identifiers from the path only when well-formed: the log never echoes arbitrary input.
  const uuid = object.uuid ?? (isUuid(params['uuid']) ? params['uuid'] : undefined)
  const nummer = object.nummer ?? (isKlantcontactnummer(params['nummer']) ? params['nummer'] : undefined)
  return {
    at: new Date(clock()).toISOString(),
    actor: request.agent?.login ?? request.audit.claimedActor ?? null,
    action: route?.action ?? 'onbekend',
    resource: route?.resource ?? 'api',
    objectUuid: uuid?.toLowerCase() ?? null,
    objectNummer: nummer ?? null,
    // Only an answer that went out disclosed anything.
    objects: status < 400 ? (request.audit.objects ?? []) : [],
    result: outcome.result ?? resultOf(status),
    status,
    security: outcome.security ?? false,
    detail: outcome.detail ?? null,
    origin: request.ip ?? null,
    requestId: request.id,
  }
}

function resultOf(status: number): AuditResult {
  if (status < 400) {
    return 'ok'
  }
  return status === 401 || status === 403 || status === 429 ? 'denied' : 'error'
}
