import { scopedLogger, type Logger } from '../lib/logger'
import type { GatewayConfig } from './config/types'
import type { Roster } from './directory/roster'
import { agentTimeRules, type AgentTimeRules } from './live/agent-time'
import type { StoredCounters } from './live/counter-store'
import { startNawerkLimit } from './live/nawerk-limit'
import {
  createMemoryHub,
  createPresenceTracker,
  createPresenceView,
  type LiveHub,
  type PresenceTracker,
  type PresenceView,
} from './live'
import { monitorAnnouncements, type MonitorAnnouncements } from './monitoring/announcements'
import type { LiveCalls } from './monitoring/service'
import type { KlantcontactAfgehandeld } from './afhandeling/service'
import type { ContactverzoekCreated } from './services'
import { inboxPublisher, type InboxPublisher } from './inbox/publisher'
import { transferOffers, type TransferOffers } from './transfers/offers'

/**
 * The gateway's live hub (live/) and what the gateway's own services tell it and ask of it: an
 * announced transfer becomes a transfer offer that expires with its record (transfers/offers.ts),
 * a contactverzoek is counted for the supervisor's view, a monitoring session is announced to the
 * monitored agent's app (monitoring/announcements.ts), monitoring finds the agent's live call, and
 * the directory and the SIP server's group routing read the agents' live states. Nawerk ends by
 * itself where an afdeling limits it (live/nawerk-limit.ts).
 */
export interface GatewayLiveOptions {
  config: GatewayConfig
  /** Who works in which afdeling (a transfer offer to a colleague also shows in their afdeling's view). */
  roster: Pick<Roster, 'byLogin'>
  logger: Logger
  /**
   * A hub made by the caller (e.g. the PostgreSQL hub several instances share); the caller closes
   * it. Default: an in-memory hub of this gateway's own, closed with it.
   */
  hub?: LiveHub | undefined
  /** For the gateway's own hub: today's counters, kept in the gateway's database across restarts. */
  counters?: StoredCounters | undefined
  /** The gateway's clock: the own hub's event times, and so the day its counters count. */
  now?: (() => number) | undefined
  /** How long a transfer record lives: its offer expires with it. */
  transferTtlMs: number
  /** Time before a disconnected agent shows as offline (presence.ts's default when absent). */
  presenceGraceMs?: number | undefined
  /** How often every afdeling's inbox status is read again (inbox/publisher.ts's default when absent). */
  inboxRefreshMs?: number | undefined
}

export interface GatewayLive {
  hub: LiveHub
  /** Agents' live states, read-only: the directory, and the SIP server's group routing. */
  presence: PresenceView
  /** Marks agents offline when their last live socket closes (the live socket reports to it). */
  tracker: PresenceTracker
  offers: TransferOffers
  monitors: MonitorAnnouncements
  contactverzoekCreated: ContactverzoekCreated
  /** An afhandeling recorded: counted for the supervisor, and told to the agent's own app. */
  klantcontactAfgehandeld: KlantcontactAfgehandeld
  liveCalls: LiveCalls
  /**
   * Publishes each afdeling's open contactverzoeken (`inbox.changed`) after a change and on a
   * periodic refresh; `start` it with the inbox's status source once the services exist.
   */
  inboxes: InboxPublisher
  /** Pauze reasons and nawerk limits, for the live socket's state changes. */
  agentTime: AgentTimeRules
  /** Stops the timers; closes the hub if the gateway made it. */
  close(): Promise<void>
}

export function createGatewayLive(options: GatewayLiveOptions): GatewayLive {
  const { config, roster, logger } = options
  const hub = options.hub ?? createMemoryHub({ logger, counters: options.counters, now: options.now })
  const tracker = createPresenceTracker({
    hub,
    logger,
    ...(options.presenceGraceMs ? { graceMs: options.presenceGraceMs } : {}),
  })
  const nawerk = startNawerkLimit({
    hub,
    logger,
    ...(options.now ? { now: options.now } : {}),
    // The instance with the agent's socket ends their nawerk; others stand by (nawerk-limit.ts).
    isLocal: (login) => tracker.connections(login) > 0,
  })
  const afdelingOf = (login: string): string | undefined => roster.byLogin(login)?.afdeling
  const offers = transferOffers(hub, options.transferTtlMs, scopedLogger(logger, 'transfers'), afdelingOf)
  const inboxes = inboxPublisher({
    hub,
    afdelingen: config.afdelingen.map((a) => a.id),
    logger: scopedLogger(logger, 'inbox'),
    refreshMs: options.inboxRefreshMs,
  })
  return {
    hub,
    presence: createPresenceView(hub),
    tracker,
    offers,
    monitors: monitorAnnouncements(hub, roster),
    contactverzoekCreated: async (by) => {
      await hub.publish({ type: 'contactverzoek.created', from: by.login, afdeling: by.afdeling })
    },
    klantcontactAfgehandeld: async (event) => {
      await hub.publish({ type: 'klantcontact.afgehandeld', ...event })
    },
    liveCalls: (login) => hub.callsOf(login),
    inboxes,
    agentTime: agentTimeRules(config),
    async close() {
      nawerk.close()
      inboxes.stop()
      offers.stop()
      tracker.close()
      if (!options.hub) {
        await hub.close()
      }
    },
  }
}
