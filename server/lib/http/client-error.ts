import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { clientProblem, PROBLEM_JSON } from './error-handler'

/**
 * Node's HTTP parser refuses a request it cannot read (raw non-ASCII in the request line, headers
 * over the size limit, a timeout) before any route or hook sees it, and Fastify would answer in a
 * JSON shape of its own. This writes the problem+json every other error is, with `headers` (the
 * gateway's security headers), straight onto the socket: there is no request to answer through.
 * A client's mistake, so logged at debug and never with the bytes it sent.
 */
export type ClientErrorHandler = (
  this: FastifyInstance,
  error: Error & { code?: string },
  socket: Socket,
) => void

export function problemOnClientError(headers: Readonly<Record<string, string>> = {}): ClientErrorHandler {
  return function onClientError(error, socket) {
    // A reset connection has nobody to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) {
      return
    }
    const status = statusOf(error.code)
    this.log.debug({ code: error.code, status }, 'unreadable request refused')
    if (!socket.writable) {
      socket.destroy()
      return
    }
    // No Host header to trust here, so the problem type is a relative reference (RFC 9457 §3.1.1).
    const body = JSON.stringify(clientProblem(status).toBody(''))
    const lines = [
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
      `content-type: ${PROBLEM_JSON}`,
      `content-length: ${Buffer.byteLength(body)}`,
      'connection: close',
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ]
    socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`)
  }
}

function statusOf(code: string | undefined): number {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return 408
  }
  if (code === 'HPE_HEADER_OVERFLOW') {
    return 431
  }
  return 400
}
