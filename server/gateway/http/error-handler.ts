import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { frameworkProblem, sendProblem } from '../../lib/http/error-handler'
import { serverError } from '../../lib/http/problem'
import { UpstreamError } from '../register-client/client'
import { problemFor } from '../register-client/upstream-errors'
import { notFound, ProblemError, unsupportedMediaType } from './problems'

/**
 * Every error leaves the gateway as problem+json (RFC 9457; NL API Design Rules
 * /core/error-handling/problem-details). A 4xx says what is wrong; a 5xx only that something went
 * wrong, with the details in the log under the request id, never a stack trace to the client.
 */
export function gatewayErrorHandler(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error instanceof ProblemError) {
    return sendProblem(request, reply, error)
  }
  if (error instanceof UpstreamError) {
    request.log.warn(
      { operation: error.operation, failure: error.kind, status: error.status },
      'register failed',
    )
    return sendProblem(request, reply, problemFor(error))
  }
  const code = (error as FastifyError).code
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return sendProblem(request, reply, unsupportedMediaType())
  }
  const problem = frameworkProblem(error)
  if (problem) {
    return sendProblem(request, reply, problem)
  }
  request.log.error({ err: error }, 'unhandled error')
  return sendProblem(request, reply, serverError())
}

export function gatewayNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(request, reply, notFound())
}
