import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { parseError, ProblemError, serverError, notFound, methodNotAllowed } from './problem'

export const PROBLEM_JSON = 'application/problem+json'

function origin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  problem: ProblemError,
): FastifyReply {
  return reply
    .code(problem.status)
    .headers(problem.headers)
    .type(PROBLEM_JSON)
    .send(problem.toBody(origin(request)))
}

/**
 * The problem for an error Fastify itself raised while reading a request (malformed or empty JSON,
 * a body over the limit), or undefined for anything else. Shared by the provider and the gateway.
 */
export function frameworkProblem(error: FastifyError | Error): ProblemError | undefined {
  const { code, statusCode } = error as FastifyError
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return parseError()
  }
  if (statusCode === 400 && (error instanceof SyntaxError || code?.startsWith('FST_ERR_CTP'))) {
    return parseError()
  }
  if (statusCode === 413) {
    return new ProblemError(
      413,
      'request_too_large',
      'Verzoek te groot.',
      'Verzoek te groot.',
      'RequestTooLarge',
    )
  }
  return undefined
}

/**
 * Every error leaves as problem+json. 4xx say what is wrong; a 5xx says only that something went
 * wrong (the details go to the log with the request id, never to the client: no stack traces).
 */
export function errorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error instanceof ProblemError) {
    return sendProblem(request, reply, error)
  }
  const problem = frameworkProblem(error)
  if (problem) {
    return sendProblem(request, reply, problem)
  }
  request.log.error({ err: error }, 'unhandled error')
  return sendProblem(request, reply, serverError())
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(request, reply, notFound())
}

export { methodNotAllowed }
