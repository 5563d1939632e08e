import type { Logger } from '../lib/logger'
import { createAccess } from './access'
import { createAuthLimits } from './auth-limits'
import { createCredentials } from './credentials'
import { createDigest } from './digest'
import { createFlowTokens } from './flow-token'
import { createGroups } from './groups'
import { createOutsiderCalls } from './outsider-calls'
import { createProxy, type Proxy } from './proxy'
import { createRegistrar } from './registrar'
import { createStack } from './stack'
import { DEFAULT_LIMITS, type SipServer, type SipServerOptions } from './types'
import { createWsTransport } from './ws-transport'

export type * from './types'

/**
 * The embedded SIP server for the demo and the tests: a SIP-over-WebSocket registrar and proxy on
 * 127.0.0.1 (or mounted on an existing HTTP server at a path), with digest authentication (the
 * gateway's ephemeral credentials, static accounts for tests), group addresses and record-routing. Production uses a real PBX (deploy/kamailio). See docs/telephony.md.
 */
export async function createSipServer(options: SipServerOptions): Promise<SipServer> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  const logger: Logger = options.logger
  const domain = options.domain.toLowerCase()
  if (!/^[a-z0-9.-]+$/.test(domain)) {
    throw new Error(`sip server: domain ${options.domain} is not a host name`)
  }
  const credentials = createCredentials({
    realm: domain,
    accounts: options.accounts ?? [],
    ...(options.ephemeral ? { ephemeral: options.ephemeral } : {}),
  })
  const agents = credentials.agents
  const guests = new Set(options.guests ?? [])
  for (const guest of guests) {
    if (agents.has(guest)) {
      throw new Error(`sip server: guest ${guest} is also an account`)
    }
  }

  const registrar = createRegistrar(limits)
  const groups = createGroups(options.groups ?? [], agents, registrar)
  const digest = createDigest({
    realm: domain,
    lookup: credentials.lookup,
    userOf: credentials.userOf,
    nonceTtlSeconds: limits.nonceTtlSeconds,
  })
  const authLimits = createAuthLimits(
    {
      failuresPerAccount: limits.authFailuresPerAccount,
      failuresPerAddress: limits.authFailuresPerAddress,
      windowSeconds: limits.authFailureWindowSeconds,
      blockSeconds: limits.authBlockSeconds,
      maxBlockSeconds: limits.authMaxBlockSeconds,
    },
    logger,
  )
  const outsiderCalls = createOutsiderCalls()
  const access = createAccess({
    domain,
    agents,
    guests,
    digest,
    maxAuthFailures: limits.maxAuthFailuresPerConnection,
    limits: authLimits,
    logger,
  })
  const tokens = createFlowTokens()

  // The stack and the transport call into the proxy, which needs both: it is created last and only
  // used once connections arrive.
  const stack = createStack({
    viaHost: domain,
    logger,
    onRequest: (incoming) => proxy.onRequest(incoming),
    onAck: (ack, flow) => proxy.onAck(ack, flow),
    observe: (flow, message, direction) => outsiderCalls.observe(flow, message, direction),
  })
  const transport = await createWsTransport({
    server: options.server,
    port: options.port,
    path: options.path ?? '/',
    maxMessageBytes: limits.maxMessageBytes,
    allowedOrigins: options.allowedOrigins,
    unauthenticated: {
      maxPerAddress: limits.maxUnauthenticatedPerAddress,
      maxTotal: limits.maxUnauthenticatedConnections,
      timeoutMs: limits.authTimeoutSeconds * 1000,
      inUse: (flow) => outsiderCalls.inCall(flow),
    },
    logger,
    onMessage: (flow, data) => stack.receive(flow, data),
    onClose: (flow) => {
      outsiderCalls.forget(flow)
      proxy.onFlowClosed(flow)
    },
  })
  const proxy: Proxy = createProxy({
    domain,
    agents,
    stack,
    registrar,
    groups,
    access,
    tokens,
    flows: transport.flows,
    ringTimeoutMs: limits.ringTimeoutSeconds * 1000,
    queue: options.queue,
    queuedProvisionalMs: limits.queuedProvisionalSeconds * 1000,
    logger,
  })

  const sweeper = setInterval(() => {
    const expired = registrar.sweep()
    digest.sweep()
    authLimits.sweep()
    if (expired > 0) {
      logger.debug({ expired }, 'sip: expired registrations removed')
    }
  }, limits.sweepIntervalMs)
  sweeper.unref()

  logger.info(
    {
      url: transport.url,
      accounts: credentials.staticCount,
      ephemeral: options.ephemeral !== undefined,
      groups: options.groups?.length ?? 0,
    },
    'sip server ready',
  )

  let closed: Promise<void> | undefined
  return {
    get url() {
      return transport.url
    },
    registrations: () => registrar.list(),
    stats: () => ({
      connections: transport.flows.size,
      registrations: registrar.size(),
      transactions: stack.transactionCount(),
      calls: proxy.callCount(),
      dialogs: proxy.dialogCount(),
      nonces: digest.nonceCount(),
      waiting: proxy.waitingCount(),
    }),
    close() {
      closed ??= (async () => {
        clearInterval(sweeper)
        proxy.close() // tells the queue its callers are gone while the stack can still send
        stack.destroy() // first: connections closing below must not start new transactions
        await transport.close()
      })()
      return closed
    },
  }
}
