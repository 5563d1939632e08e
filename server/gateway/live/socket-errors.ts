import type { WebSocket } from 'ws'
import type { Logger } from '../../lib/logger'
import { createWarnLimit } from '../../lib/warn-limit'

/**
 * What an error on a live socket means, for @fastify/websocket's `errorHandler` (whose default
 * writes every one at error level, stack and all, and terminates the socket).
 *
 * - A frame the client should not have sent (over the size limit, not UTF-8, a bad opcode: `ws`
 *   gives these a `WS_ERR_*` code and has already answered with the close code RFC 6455 §7.4.1
 *   assigns): the client's mistake, so a warning, capped over all sockets, with the error's code
 *   and never the frame. The socket is left to finish the close `ws` began.
 * - The connection failing under us (reset, broken pipe): nobody's mistake, debug.
 * - Anything else is our own fault: error level, and the socket is dropped.
 */
const WARNINGS_PER_MINUTE = 10
const CONNECTION_GONE = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED'])

export type LiveSocketErrorHandler = (error: Error, socket: WebSocket, request: { ip: string }) => void

export function liveSocketErrors(logger: Logger): LiveSocketErrorHandler {
  const warnings = createWarnLimit(logger, { perMinute: WARNINGS_PER_MINUTE })
  return (error, socket, request) => {
    const code = (error as { code?: unknown }).code
    if (typeof code === 'string' && code.startsWith('WS_ERR_')) {
      warnings.warn(
        { remote: request.ip, code },
        'live socket closed: the client sent a frame it may not send',
      )
      return
    }
    if (typeof code === 'string' && CONNECTION_GONE.has(code)) {
      logger.debug({ remote: request.ip, code }, 'live socket connection lost')
      return
    }
    logger.error({ err: error, remote: request.ip }, 'live socket failed')
    socket.terminate()
  }
}
