import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http'
import { Server as HttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import type { Logger } from '../lib/logger'
import { createWarnLimit } from '../lib/warn-limit'
import { checkFrame } from './frame-guard'

/**
 * SIP over WebSocket (RFC 7118) with `ws` 8: one Flow per connection. Either on our own HTTP server
 * bound to 127.0.0.1 only, or as an upgrade handler on an existing server at one path. The `sip`
 * package's own ws transport cannot do the latter (it always creates `new WebSocket.Server({port})`
 * on every interface), so this adapter feeds messages into its transaction layer instead (stack.ts).
 */
export interface Flow {
  readonly id: string
  readonly protocol: 'WS' | 'WSS'
  /** `address:port` of the client, for logs. */
  readonly remote: string
  /** The client's IP address: the key of the limits across connections. */
  readonly address: string
  /** Accounts that have passed digest authentication on this connection. Empty = outsider. */
  readonly authenticated: Set<string>
  authFailures: number
  closed: boolean
  /** Sends one SIP message (a latin1 string, as the `sip` serializer produces). */
  send(message: string): void
  close(code: number, reason: string): void
}

export interface WsTransportOptions {
  port?: number
  server?: HttpServer
  path: string
  maxMessageBytes: number
  /** Origins allowed besides our own (see SipServerBaseOptions.allowedOrigins). */
  allowedOrigins?: string[]
  /** Connections that have not authenticated: how many may be open, and for how long. */
  unauthenticated: {
    maxPerAddress: number
    maxTotal: number
    timeoutMs: number
    /** True while the connection has a reason to stay without authenticating (a guest's call). */
    inUse(flow: Flow): boolean
  }
  logger: Logger
  onMessage(flow: Flow, data: Buffer): void
  onClose(flow: Flow): void
}

export interface WsTransport {
  readonly url: string
  readonly flows: ReadonlyMap<string, Flow>
  close(): Promise<void>
}

const KEEPALIVE_MS = 30_000
/** Messages refused before parsing (frame-guard.ts) a connection may send before it is closed. */
const MAX_JUNK_MESSAGES = 3
/** Warning lines about connections closed for junk, over all connections. */
const JUNK_WARNINGS_PER_MINUTE = 10

export async function createWsTransport(options: WsTransportOptions): Promise<WsTransport> {
  const { logger, path } = options
  const flows = new Map<string, Flow>()
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes,
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
  })
  let counter = 0
  const junkWarnings = createWarnLimit(logger, { perMinute: JUNK_WARNINGS_PER_MINUTE })

  const refuse = (socket: Duplex, status: number, text: string): void => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
  }

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const pathname = (req.url ?? '/').split('?')[0]
    if (pathname !== path) {
      // Someone else's path: leave it to the server's other upgrade handlers, if there are any.
      if (server.listeners('upgrade').length <= 1) {
        refuse(socket, 404, 'Not Found')
      }
      return
    }
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim())
    if (!offered.includes('sip')) {
      refuse(socket, 400, 'Bad Request')
      return
    }
    // A browser always sends Origin; a page elsewhere must not drive a softphone's connection
    // (RFC 6455 §10.2). Clients that are not browsers send none and are not cross-site pages.
    const origin = req.headers.origin
    if (origin !== undefined && !ownOrigins().includes(origin) && !options.allowedOrigins?.includes(origin)) {
      logger.warn({ origin }, 'sip websocket refused: origin not allowed')
      refuse(socket, 403, 'Forbidden')
      return
    }
    const address = req.socket.remoteAddress ?? '?'
    if (!roomForOutsider(address)) {
      logger.warn({ address }, 'sip websocket refused: too many unauthenticated connections')
      refuse(socket, 503, 'Service Unavailable')
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, req))
  }

  /** Whether another connection that has not authenticated (yet) may open from `address`. */
  const roomForOutsider = (address: string): boolean => {
    const limit = options.unauthenticated
    let total = 0
    let fromAddress = 0
    for (const flow of flows.values()) {
      if (flow.authenticated.size === 0) {
        total++
        if (flow.address === address) {
          fromAddress++
        }
      }
    }
    return total < limit.maxTotal && fromAddress < limit.maxPerAddress
  }

  /** Closes the connection once it has stayed too long without authenticating (or a call). */
  const watchUntilAuthenticated = (flow: Flow): void => {
    const timer = setTimeout(() => {
      if (flow.closed || flow.authenticated.size > 0) {
        return
      }
      if (options.unauthenticated.inUse(flow)) {
        watchUntilAuthenticated(flow) // look again after the call
        return
      }
      logger.info({ connection: flow.id }, 'sip websocket closed: no authentication in time')
      flow.close(1008, 'authentication timeout')
    }, options.unauthenticated.timeoutMs)
    timer.unref()
  }

  const accept = (ws: WebSocket, req: IncomingMessage): void => {
    const encrypted = 'encrypted' in req.socket && req.socket.encrypted === true
    let alive = true
    const flow: Flow = {
      id: `c${++counter}`,
      protocol: encrypted ? 'WSS' : 'WS',
      remote: `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? 0}`,
      address: req.socket.remoteAddress ?? '?',
      authenticated: new Set(),
      authFailures: 0,
      closed: false,
      send(message) {
        if (!flow.closed && ws.readyState === ws.OPEN) {
          ws.send(Buffer.from(message, 'latin1'), { binary: false })
        }
      },
      close(code, reason) {
        ws.close(code, reason)
      },
    }
    flows.set(flow.id, flow)
    watchUntilAuthenticated(flow)
    logger.debug({ connection: flow.id, remote: flow.remote }, 'sip websocket open')
    const ping = setInterval(() => {
      if (!alive) {
        ws.terminate()
        return
      }
      alive = false
      ws.ping()
    }, KEEPALIVE_MS)
    ping.unref()
    ws.on('pong', () => {
      alive = true
    })
    let junk = 0
    ws.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
      if (ws.readyState !== ws.OPEN) {
        return // closing: whatever it still sends is not looked at
      }
      alive = true
      const buffer = Buffer.isBuffer(data)
        ? data
        : Array.isArray(data)
          ? Buffer.concat(data)
          : Buffer.from(data)
      const verdict = checkFrame(buffer)
      if (verdict.kind === 'sip') {
        options.onMessage(flow, buffer)
        return
      }
      if (verdict.kind === 'keepalive') {
        return
      }
      junk++
      logger.debug({ connection: flow.id, reason: verdict.reason }, 'sip: message refused before parsing')
      if (junk >= MAX_JUNK_MESSAGES) {
        junkWarnings.warn(
          { connection: flow.id, address: flow.address, reason: verdict.reason },
          'sip websocket closed: messages that are not SIP',
        )
        flow.close(1008, 'not SIP')
      }
    })
    ws.on('error', (error) => {
      logger.debug({ connection: flow.id, err: error.message }, 'sip websocket error')
    })
    ws.on('close', (code) => {
      clearInterval(ping)
      flow.closed = true
      flows.delete(flow.id)
      logger.debug({ connection: flow.id, code }, 'sip websocket closed')
      options.onClose(flow)
    })
  }

  let ownServer: HttpServer | undefined
  let server: HttpServer
  if (options.server) {
    server = options.server
  } else {
    ownServer = createServer((_req, res) => {
      res.writeHead(426, { 'Content-Type': 'text/plain', Connection: 'close' })
      res.end('SIP over WebSocket only\n')
    })
    server = ownServer
    await new Promise<void>((resolve, reject) => {
      ownServer!.once('error', reject)
      // Loopback only, always: this is the demo/test server, never a public endpoint.
      ownServer!.listen(options.port ?? 0, '127.0.0.1', () => resolve())
    })
  }
  server.on('upgrade', onUpgrade)

  /** Where the server listens, read when asked: a mounted server may be bound after we are made. */
  const listening = (): { secure: boolean; host: string; port: number; loopback: boolean } => {
    const address = server.address() as AddressInfo | string | null
    if (!address || typeof address === 'string') {
      throw new Error('sip server: the HTTP server it is mounted on is not listening on a TCP port')
    }
    const unspecified = address.address === '0.0.0.0' || address.address === '::'
    const host = unspecified
      ? '127.0.0.1'
      : address.family === 'IPv6'
        ? `[${address.address}]`
        : address.address
    const loopback = host === '127.0.0.1' || host === '[::1]'
    return { secure: server instanceof HttpsServer, host, port: address.port, loopback }
  }

  /** The origins of pages served by the server we listen on (on loopback also as `localhost`). */
  const ownOrigins = (): string[] => {
    const { secure, host, port, loopback } = listening()
    const scheme = secure ? 'https' : 'http'
    const hosts = loopback ? [host, 'localhost'] : [host]
    return hosts.map((name) => `${scheme}://${name}:${port}`)
  }

  return {
    get url() {
      const { secure, host, port } = listening()
      return `${secure ? 'wss' : 'ws'}://${host}:${port}${path}`
    },
    flows,
    async close() {
      server.off('upgrade', onUpgrade)
      for (const client of wss.clients) {
        client.terminate()
      }
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      if (ownServer) {
        await new Promise<void>((resolve) => ownServer!.close(() => resolve()))
      }
    },
  }
}
