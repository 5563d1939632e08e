import { agentStatusOf } from '../../../shared/live/agent-status'
import { applyCounters, emptyCounters, type DayCounters } from '../../../shared/live/counters'
import type { InboxStatus } from '../../../shared/live/inbox'
import type {
  AgentStatus,
  LiveCall,
  LiveEvent,
  MonitorInfo,
  TransferOffer,
} from '../../../shared/live/protocol'
import type { QueueStatus } from '../../../shared/live/queue'

/**
 * What the live socket shows the app (live-connection.ts keeps it): every agent, call, transfer
 * offer, queue and inbox in view, and today's counters. `applyLiveEvent` is how one event changes
 * it, as the hub's own state applies events (server/gateway/live/state.ts).
 */
export type LiveConnectionState = 'connecting' | 'open' | 'closed' | 'unauthenticated'

export interface LiveView {
  readonly connection: LiveConnectionState
  readonly agents: readonly AgentStatus[]
  /** The calls in progress, each with when it started (the supervisor view shows them). */
  readonly calls: readonly LiveCall[]
  readonly transfers: readonly TransferOffer[]
  /** Today's counters per afdeling (a supervisor's view; shared/live/counters.ts). */
  readonly counters: DayCounters
  /**
   * Monitoring sessions running on the calls in view: a supervisor sees all, an agent the ones on
   * its own call (its app then makes the monitor call). Not part of the hub's snapshot: a snapshot
   * keeps those whose call it still has.
   */
  readonly monitors: readonly MonitorInfo[]
  /**
   * The afdelingen's call queues as the last `queue.changed` left them: an agent sees its own
   * afdeling's, a supervisor every afdeling's.
   */
  readonly queues: readonly QueueStatus[]
  /**
   * The afdelingen's open contactverzoeken as the last `inbox.changed` left them: an agent sees its
   * own afdeling's, a supervisor every afdeling's.
   */
  readonly inboxes: readonly InboxStatus[]
}

export const INITIAL_LIVE_VIEW: LiveView = {
  connection: 'closed',
  agents: [],
  calls: [],
  transfers: [],
  counters: emptyCounters(''),
  monitors: [],
  queues: [],
  inboxes: [],
}

/**
 * The view after `event`; the same object when the event changes nothing in it. An update keeps a
 * call's start time, as the hub does; an afdeling's queue and inbox are replaced whole (the latest
 * wins); the rest is only counted.
 */
export function applyLiveEvent(view: LiveView, event: LiveEvent): LiveView {
  const counters = applyCounters(view.counters, event)
  const next = counters === view.counters ? view : { ...view, counters }
  switch (event.type) {
    case 'agent.state':
      return {
        ...next,
        agents: [...next.agents.filter((a) => a.login !== event.login), agentStatusOf(event)],
      }
    case 'transfer.offered':
      return {
        ...next,
        transfers: [
          ...next.transfers.filter((t) => t.transferId !== event.transfer.transferId),
          { ...event.transfer, offeredAt: event.at },
        ],
      }
    case 'transfer.closed':
      return { ...next, transfers: next.transfers.filter((t) => t.transferId !== event.transferId) }
    case 'call.started':
    case 'call.updated': {
      const known = next.calls.find((c) => c.callId === event.call.callId)
      const call: LiveCall = { ...event.call, startedAt: known?.startedAt ?? event.at, updatedAt: event.at }
      return { ...next, calls: [...next.calls.filter((c) => c.callId !== call.callId), call] }
    }
    case 'call.ended':
      return {
        ...next,
        calls: next.calls.filter((c) => c.callId !== event.callId),
        monitors: next.monitors.filter((m) => m.callId !== event.callId),
      }
    case 'contactverzoek.created':
    case 'queue.left':
    case 'terugbelverzoek.created':
    case 'klantcontact.afgehandeld':
      return next
    case 'queue.changed':
      return {
        ...next,
        queues: [...next.queues.filter((q) => q.afdeling !== event.queue.afdeling), event.queue],
      }
    case 'monitor.started':
      return {
        ...next,
        monitors: [...next.monitors.filter((m) => m.id !== event.monitor.id), event.monitor],
      }
    case 'monitor.ended':
      return { ...next, monitors: next.monitors.filter((m) => m.id !== event.id) }
    case 'inbox.changed':
      return {
        ...next,
        inboxes: [...next.inboxes.filter((i) => i.afdeling !== event.inbox.afdeling), event.inbox],
      }
    default: {
      // Every event type is handled above; one a newer gateway adds changes nothing here.
      const unreachable: never = event
      return unreachable
    }
  }
}
