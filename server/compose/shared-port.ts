import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { FastifyServerFactory } from 'fastify'
import { PROBLEM_JSON } from '../lib/http/error-handler'
import { ProblemError } from '../lib/http/problem'
import type { TlsFiles } from './tls'

type Handler = (request: IncomingMessage, response: ServerResponse) => void

/**
 * One HTTP port for several Fastify apps: requests under a path prefix go to the app mounted there,
 * everything else to the main app. Fastify's `serverFactory` hands each app's request handler to us
 * instead of to a server of its own. Upgrades (WebSockets) belong to the main app, whose server this
 * is; a mounted app gets a detached server object that never listens.
 *
 * Requests that arrive before the apps are ready get a 503, so the port can be bound first (its
 * number is part of the URL the gateway uses to reach the mounted provider).
 *
 * With `tls` the port speaks HTTPS, and so WSS for every WebSocket on it (live socket, SIP).
 */
export interface SharedPort {
  /** An https.Server when made with `tls` (node's https.Server is an http.Server to its users). */
  server: Server
  /** Whether the port speaks TLS. */
  secure: boolean
  /** serverFactory for the app that owns the port (gets every path not mounted elsewhere). */
  main: FastifyServerFactory
  /** serverFactory for an app that serves only `prefix` on this port. */
  mount(prefix: string): FastifyServerFactory
  /**
   * Runs `attach`, which mounts something on `server` that takes WebSocket upgrades under `prefix`
   * (the SIP server at /sip), and remembers the upgrade listeners it added as that prefix's.
   * Call `routeUpgrades()` once every app has attached its listeners.
   */
  claimUpgrades<T>(prefix: string, attach: () => Promise<T>): Promise<T>
  /**
   * From now on an upgrade under a prefix given to `upgradesFor` goes only there, every other
   * upgrade to the listeners the main app attached (its own WebSocket routes, which otherwise
   * answer 404 to, and close, any upgrade they do not know).
   */
  routeUpgrades(): void
}

export function createSharedPort(tls?: TlsFiles): SharedPort {
  let mainHandler: Handler | undefined
  const mounted: Array<{ prefix: string; handler?: Handler }> = []

  const onRequest = (request: IncomingMessage, response: ServerResponse): void => {
    const url = request.url ?? '/'
    const target = mounted.find((m) => url === m.prefix || url.startsWith(`${m.prefix}/`))
    const handler = target ? target.handler : mainHandler
    if (!handler) {
      // Before any app can answer; in the shape every other error has (RFC 9457).
      const body = JSON.stringify(starting().toBody(''))
      response.writeHead(503, {
        'content-type': PROBLEM_JSON,
        'retry-after': '1',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      })
      response.end(body)
      return
    }
    handler(request, response)
  }
  const server: Server = tls
    ? createHttpsServer({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }, onRequest)
    : createServer(onRequest)

  type UpgradeListener = (...args: unknown[]) => void
  const upgradeTargets: Array<{ prefix: string; listeners: UpgradeListener[] }> = []
  const claimed = new Set<UpgradeListener>()

  return {
    server,
    secure: tls !== undefined,
    async claimUpgrades(prefix, attach) {
      const before = new Set(server.listeners('upgrade'))
      const result = await attach()
      const added = (server.listeners('upgrade') as UpgradeListener[]).filter((l) => !before.has(l))
      added.forEach((l) => claimed.add(l))
      upgradeTargets.push({ prefix, listeners: added })
      return result
    },
    routeUpgrades() {
      const mainListeners = (server.listeners('upgrade') as UpgradeListener[]).filter((l) => !claimed.has(l))
      server.removeAllListeners('upgrade')
      server.on('upgrade', (request: IncomingMessage, socket: unknown, head: unknown) => {
        const url = request.url ?? '/'
        const target = upgradeTargets.find(
          (t) => url === t.prefix || url.startsWith(`${t.prefix}/`) || url.startsWith(`${t.prefix}?`),
        )
        if (target) {
          for (const listener of target.listeners) {
            listener.call(server, request, socket, head)
          }
          return
        }
        for (const listener of mainListeners) {
          listener.call(server, request, socket, head)
        }
      })
    },
    main: (handler) => {
      mainHandler = handler
      return server
    },
    mount(prefix) {
      const entry: { prefix: string; handler?: Handler } = { prefix }
      mounted.push(entry)
      return (handler) => {
        entry.handler = handler
        return createServer()
      }
    },
  }
}

function starting(): ProblemError {
  return new ProblemError(
    503,
    'service_unavailable',
    'De server start nog.',
    'De server start nog; probeer het zo opnieuw.',
    'ServiceUnavailable',
  )
}
