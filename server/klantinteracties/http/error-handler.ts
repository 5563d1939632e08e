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
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return sendProblem(request, reply, parseError())
  }
  if (error.statusCode === 400 && (error instanceof SyntaxError || error.code?.startsWith('FST_ERR_CTP'))) {
    return sendProblem(request, reply, parseError())
  }
  if (error.statusCode === 413) {
    return sendProblem(
      request,
      reply,
      new ProblemError(413, 'request_too_large', 'Verzoek te groot.', 'Verzoek te groot.', 'RequestTooLarge'),
    )
  }
  request.log.error({ err: error }, 'unhandled error')
  return sendProblem(request, reply, serverError())
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(request, reply, notFound())
}

export { methodNotAllowed }
