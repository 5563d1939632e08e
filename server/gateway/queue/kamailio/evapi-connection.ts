import { connect, type Socket } from 'node:net'
import type { Logger } from '../../../lib/logger'
import { encodeNetstring, NetstringDecoder, NetstringError } from './netstring'

export interface EvapiConnectionOptions {
  host: string
  port: number
  logger: Logger
  /** One netstring's payload from Kamailio. */
  onMessage(text: string): void
  /** (Re)connected: Kamailio now announces every waiting call again. */
  onConnected(): void
  /** First retry after this long, doubling up to `maxRetryMs`. */
  firstRetryMs?: number
  maxRetryMs?: number
}

/**
 * The TCP connection to Kamailio's evapi socket. It reconnects for as long as it is open, with a
 * doubling backoff, because Kamailio keeps its waiting calls across a lost connection and announces
 * them again when the gateway is back.
 */
export class EvapiConnection {
  private socket: Socket | undefined
  private live = false
  private closed = false
  private retryMs: number
  private retryTimer: NodeJS.Timeout | undefined
  private readonly firstRetryMs: number
  private readonly maxRetryMs: number

  constructor(private readonly options: EvapiConnectionOptions) {
    this.firstRetryMs = options.firstRetryMs ?? 250
    this.maxRetryMs = options.maxRetryMs ?? 10_000
    this.retryMs = this.firstRetryMs
    this.open()
  }

  get connected(): boolean {
    return this.live
  }

  /** Sends one message; false when there is no connection right now (nothing is buffered). */
  send(payload: string): boolean {
    if (!this.live || !this.socket) {
      return false
    }
    this.socket.write(encodeNetstring(payload))
    return true
  }

  async close(): Promise<void> {
    this.closed = true
    clearTimeout(this.retryTimer)
    const socket = this.socket
    if (socket && !socket.destroyed) {
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve())
        socket.destroy()
      })
    }
  }

  private open(): void {
    const decoder = new NetstringDecoder()
    const socket = connect({ host: this.options.host, port: this.options.port })
    this.socket = socket
    socket.setNoDelay(true)
    socket.setKeepAlive(true, 15_000)
    socket.on('connect', () => {
      this.live = true
      this.retryMs = this.firstRetryMs
      this.options.logger.info('connected to Kamailio evapi')
      this.options.onConnected()
    })
    socket.on('data', (chunk: Buffer) => {
      let payloads: string[]
      try {
        payloads = decoder.push(chunk)
      } catch (error) {
        if (!(error instanceof NetstringError)) {
          throw error
        }
        this.options.logger.error({ reason: error.message }, 'malformed evapi stream; reconnecting')
        socket.destroy()
        return
      }
      for (const payload of payloads) {
        this.options.onMessage(payload)
      }
    })
    socket.on('error', (error: NodeJS.ErrnoException) => {
      this.options.logger.warn({ code: error.code }, 'evapi connection error')
    })
    socket.on('close', () => {
      const wasLive = this.live
      this.live = false
      if (this.closed) {
        return
      }
      if (wasLive) {
        this.options.logger.warn('lost the connection to Kamailio evapi; reconnecting')
      }
      this.retryTimer = setTimeout(() => this.open(), this.retryMs)
      this.retryMs = Math.min(this.retryMs * 2, this.maxRetryMs)
    })
  }
}
