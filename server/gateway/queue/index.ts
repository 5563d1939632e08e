import type { Engine } from '../../lib/db/dialect'
import { scopedLogger, type Logger } from '../../lib/logger'
import type { AuditLog } from '../audit/audit-log'
import type { GatewayConfig } from '../config/types'
import type { GatewayDb } from '../db/tables'
import type { Roster } from '../directory/roster'
import type { InboxChanged } from '../inbox'
import type { Clock } from '../lib/clock'
import type { LiveHub } from '../live'
import type { ActorRegistry } from '../register-client/actors'
import type { KlantinteractiesClient } from '../register-client/client'
import { IdempotencyStore } from '../register-client/idempotency'
import { NumberAllocator } from '../register-client/nummers'
import { QueueCallStore } from './call-store'
import { startKamailioQueue, type KamailioQueueAdapter } from './kamailio/adapter'
import { advisoryLeadership, soleLeadership } from './leadership'
import { createCallQueue, type GatewayCallQueue } from './queue'
import { queueDb } from './tables'
import { TerugbelverzoekRegister } from './terugbelverzoek-register'
import { Terugbelverzoeken } from './terugbelverzoeken'
import { realTimers } from './timers'

export type { GatewayCallQueue } from './queue'
export type { Terugbelverzoeken } from './terugbelverzoeken'

/** Timings a test or an operator may change; the defaults are in docs/queue.md. */
export interface QueueTuning {
  /** How often a gateway on PostgreSQL that does not route tries to take over (default 2 s). */
  leaderRetryMs?: number
  /** First retry of a terugbelverzoek the register did not take (default 1 s; doubles up to 60 s). */
  terugbelverzoekRetryMs?: number
  terugbelverzoekMaxRetryMs?: number
  /** After taking over, how long stored calls have to be announced again (default 60 s). */
  reannounceGraceMs?: number
}

export interface GatewayQueueDeps extends QueueTuning {
  config: GatewayConfig
  /** Who works in which afdeling, at which extension. */
  roster: Roster
  logger: Logger
  db: GatewayDb
  engine: Engine
  hub: LiveHub
  client: KlantinteractiesClient
  actors: ActorRegistry
  audit: AuditLog
  clock: Clock
  /** The register fills in `nummer` itself; otherwise the gateway supplies one (Open Klant 2.16+). */
  registerGeneratesNummer: boolean
  /** Told of every terugbelverzoek registered: the afdeling's inbox has one more. */
  inboxChanged?: InboxChanged | undefined
}

export interface GatewayQueue {
  queue: GatewayCallQueue
  terugbelverzoeken: Terugbelverzoeken
  /** The evapi connection to Kamailio, when `sip.evapi` is configured. */
  kamailio: KamailioQueueAdapter | undefined
  close(): Promise<void>
}

/** Builds the queue of one gateway instance (no global state: tests run several side by side). */
export function createGatewayQueue(deps: GatewayQueueDeps): GatewayQueue {
  const { config, logger, clock } = deps
  const db = queueDb(deps.db)
  const log = scopedLogger(logger, 'queue')
  const terugbelverzoeken = new Terugbelverzoeken({
    db,
    register: new TerugbelverzoekRegister({
      client: deps.client,
      store: new IdempotencyStore(deps.db, new NumberAllocator(clock), clock, !deps.registerGeneratesNummer),
      actors: deps.actors,
      afdelingen: config.afdelingen,
      log: scopedLogger(logger, 'queue.terugbelverzoek'),
    }),
    audit: deps.audit,
    hub: deps.hub,
    clock,
    log: scopedLogger(logger, 'queue.terugbelverzoek'),
    ...(deps.inboxChanged ? { inboxChanged: deps.inboxChanged } : {}),
    ...(deps.terugbelverzoekRetryMs !== undefined ? { minBackoffMs: deps.terugbelverzoekRetryMs } : {}),
    ...(deps.terugbelverzoekMaxRetryMs !== undefined ? { maxBackoffMs: deps.terugbelverzoekMaxRetryMs } : {}),
  })
  const leadership =
    deps.engine === 'postgres' && config.database
      ? advisoryLeadership({
          url: config.database.url,
          scope: config.database.schema ?? 'public',
          logger: log,
          ...(deps.leaderRetryMs !== undefined ? { retryMs: deps.leaderRetryMs } : {}),
        })
      : soleLeadership()
  const queue = createCallQueue({
    config,
    roster: deps.roster,
    hub: deps.hub,
    store: new QueueCallStore(db),
    leadership,
    terugbelverzoeken,
    timers: realTimers(clock),
    logger,
    ...(deps.reannounceGraceMs !== undefined ? { reannounceGraceMs: deps.reannounceGraceMs } : {}),
  })
  // Kamailio holds its callers over evapi; the embedded SIP server (compose) gets `queue` itself.
  const evapi = config.sip.evapi
  const announcements = config.sip.queueAnnouncements
  const kamailio = evapi
    ? startKamailioQueue({ evapi, queue, logger, ...(announcements ? { announcements } : {}) })
    : undefined
  return {
    queue,
    terugbelverzoeken,
    kamailio,
    async close() {
      // The queue first: a stopping gateway must neither route on lines the adapter is dropping nor
      // take Kamailio's still-waiting callers for abandoned ones.
      await queue.close()
      await kamailio?.close()
      await terugbelverzoeken.close()
    },
  }
}
