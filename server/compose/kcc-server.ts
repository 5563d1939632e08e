import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import fastifyStatic from '@fastify/static'
import { buildGatewayApp } from '../gateway/app'
import type { GatewayConfig } from '../gateway/config/types'
import {
  createMemoryHub,
  createPresenceSource,
  createPresenceTracker,
  liveSocketRoutes,
  type LiveHub,
} from '../gateway/live/index'
import { buildProviderApp } from '../klantinteracties/app'
import { scopedLogger, type Logger } from '../lib/logger'
import { createSipServer, type SipServer } from '../sip/server'
import { createSharedPort } from './shared-port'

/**
 * The whole contact centre in one process (`npm run server`): the gateway with its live socket, the
 * embedded Klantinteracties provider and the embedded SIP server, and the agent app's web build.
 * That is what a municipality runs next to its own Open Klant and PBX (with those switched off
 * in the configuration), and what `npm start` and the browser tests run on one machine.
 *
 * One HTTP port (default 127.0.0.1:8480):
 *   /                          the agent app (web build), when built
 *   /api, /api/live            the gateway and its live socket
 *   /klantinteracties/api/v1   the embedded provider (token in `providerToken`)
 *   /sip                       the embedded SIP server (SIP over WebSocket), when its URL is on this port
 */
export interface KccServerOptions {
  config: GatewayConfig
  logger: Logger
  /** Token of the embedded provider; only the gateway (and whoever reads data/provider-token) uses it. */
  providerToken: string
  /** The agent app's web build (`out/renderer`); not served when absent. */
  webRoot?: string
  /** Time before a disconnected agent shows as offline (default 10 s). */
  presenceGraceMs?: number
}

export interface KccServer {
  /** e.g. http://127.0.0.1:8480 */
  url: string
  sipUrl: string | undefined
  hub: LiveHub
  close(): Promise<void>
}

export async function startKccServer(options: KccServerOptions): Promise<KccServer> {
  const { config, logger } = options
  const log = scopedLogger(logger, 'server')
  const port = createSharedPort()
  await new Promise<void>((resolve, reject) => {
    port.server.once('error', reject)
    port.server.listen(config.port, config.host, () => resolve())
  })
  const { port: boundPort } = port.server.address() as AddressInfo
  const url = `http://${config.host}:${boundPort}`
  const closers: Array<() => Promise<void>> = []
  const close = async (): Promise<void> => {
    for (const closer of closers.reverse()) {
      await closer().catch((error: unknown) => log.error({ err: error }, 'error while shutting down'))
    }
  }

  try {
    let provider: { baseUrl: string; token: string } | undefined
    if (config.klantinteracties.mode === 'embedded') {
      const { app } = await buildProviderApp(
        {
          tokens: [options.providerToken],
          sqliteFile: join(config.dataDir, 'klantinteracties.sqlite'),
          databaseUrl: process.env['KLANTINTERACTIES_DATABASE_URL'] || undefined,
          databaseSchema: process.env['KLANTINTERACTIES_DATABASE_SCHEMA'] || undefined,
          generateNummer: true,
          host: config.host,
          port: boundPort,
        },
        scopedLogger(logger, 'klantinteracties'),
        { serverFactory: port.mount('/klantinteracties') },
      )
      closers.push(() => app.close())
      await app.ready()
      provider = { baseUrl: `${url}/klantinteracties/api/v1`, token: options.providerToken }
    }

    const hub = createMemoryHub({ logger })
    closers.push(() => hub.close())
    const tracker = createPresenceTracker({
      hub,
      logger,
      ...(options.presenceGraceMs ? { graceMs: options.presenceGraceMs } : {}),
    })
    closers.push(async () => tracker.close())
    const presence = createPresenceSource(hub)

    const gateway = await buildGatewayApp({
      config,
      logger,
      presence,
      serverFactory: port.main,
      ...(provider ? { provider } : {}),
      // The receiving agent's app hears of the transfer over its live socket.
      transferAnnounced: async (transfer) => {
        await hub.publish({
          type: 'transfer.offered',
          transfer: {
            transferId: transfer.id,
            klantcontactnummer: transfer.nummer,
            from: transfer.from,
            to:
              transfer.target.type === 'agent'
                ? { kind: 'agent', login: transfer.target.id }
                : { kind: 'afdeling', afdeling: transfer.target.id },
          },
        })
      },
    })
    // Closing the gateway app closes the shared HTTP server too.
    closers.push(() => gateway.app.close())
    await gateway.app.register(liveSocketRoutes, {
      hub,
      authenticate: (token) => gateway.auth.authenticate(token),
      presence: tracker,
      logger,
    })
    if (options.webRoot && existsSync(join(options.webRoot, 'index.html'))) {
      await gateway.app.register(fastifyStatic, {
        root: resolve(options.webRoot),
        prefix: '/',
        index: 'index.html',
      })
    }
    await gateway.app.ready()

    const sipUrl = await startSip(config, logger, presence.availableLogins, port, boundPort, closers)
    port.routeUpgrades()
    log.info({ url, sipUrl }, 'KCC server ready')
    return { url, sipUrl, hub, close }
  } catch (error) {
    await close()
    port.server.close()
    throw error
  }
}

/** The embedded SIP server on the gateway's port (path /sip) or a port of its own, per `sip.websocketUrl`. */
async function startSip(
  config: GatewayConfig,
  logger: Logger,
  available: (afdeling?: string) => string[],
  port: ReturnType<typeof createSharedPort>,
  httpPort: number,
  closers: Array<() => Promise<void>>,
): Promise<string | undefined> {
  if (!config.sip.embedded) {
    return undefined
  }
  const target = new URL(config.sip.websocketUrl)
  const path = target.pathname || '/'
  const extensionOf = new Map(config.agents.map((a) => [a.login, a.sipExtension]))
  const common = {
    domain: config.sip.domain,
    accounts: config.agents.map((a) => ({ username: a.sipExtension, password: a.sipPassword })),
    // An afdeling's group address rings its members who are available right now (live state).
    groups: config.afdelingen.map((afdeling) => ({
      user: afdeling.groupAddress,
      members: () => available(afdeling.id).flatMap((login) => extensionOf.get(login) ?? []),
    })),
    guests: config.sip.guests,
    logger,
  }
  // On the HTTP port when the URL names it (or when that port is chosen at random, as in tests).
  const samePort = config.port === 0 || Number(target.port) === config.port
  const sip: SipServer = samePort
    ? await port.claimUpgrades(path, () => createSipServer({ ...common, server: port.server, path }))
    : await createSipServer({ ...common, port: Number(target.port), path })
  closers.push(() => sip.close())
  if (!samePort) {
    return sip.url
  }
  target.port = String(httpPort)
  return target.toString()
}
