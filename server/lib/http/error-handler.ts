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
 * The problem for an error Fastify or a plugin raised over the request itself (malformed or empty
 * JSON, a body over the limit, a path the router cannot decode, a parameter over its length, a path
 * the static file server refuses), or undefined for anything else. Any error that carries a 4xx
 * status is the client's mistake and answered as such, never as a server error. Shared by the
 * provider and the gateway.
 */
export function frameworkProblem(error: FastifyError | Error): ProblemError | undefined {
  const { code, statusCode } = error as FastifyError
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return parseError()
  }
  if (statusCode === 400 && (error instanceof SyntaxError || code?.startsWith('FST_ERR_CTP'))) {
    return parseError()
  }
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
    return clientProblem(statusCode)
  }
  return undefined
}

const CLIENT_PROBLEMS: Record<number, [code: string, title: string, exceptionClass: string]> = {
  400: ['bad_request', 'Ongeldig verzoek.', 'BadRequest'],
  403: ['permission_denied', 'Geen toestemming.', 'PermissionDenied'],
  408: ['request_timeout', 'Het verzoek duurde te lang.', 'RequestTimeout'],
  413: ['request_too_large', 'Verzoek te groot.', 'RequestTooLarge'],
  414: ['uri_too_long', 'De URL is te lang.', 'UriTooLong'],
  431: ['headers_too_large', 'De headers zijn te groot.', 'RequestHeaderFieldsTooLarge'],
}

/** A request the server could not or would not take, by its 4xx status, saying no more than that. */
export function clientProblem(status: number): ProblemError {
  if (status === 404) {
    return notFound()
  }
  const [code, title, exceptionClass] = CLIENT_PROBLEMS[status] ?? [
    'bad_request',
    'Ongeldig verzoek.',
    'BadRequest',
  ]
  return new ProblemError(status, code, title, title, exceptionClass)
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
