import { applyCounters, emptyCounters, type DayCounters } from '../../../shared/live/counters'
import { shareableCall } from '../../../shared/live/confidential'
import { agentStatusOf } from '../../../shared/live/agent-status'
import type { InboxStatus } from '../../../shared/live/inbox'
import type { QueueStatus } from '../../../shared/live/queue'
import type { AgentStatus, LiveCall, LiveEvent, LiveEventBody, LiveSnapshot, TransferOffer } from './types'

/**
 * The live state a hub keeps: every agent's state, the calls in progress, the transfers on offer,
 * each afdeling's queue and today's counters, as the events so far make them. Each event fully describes what it changes, so applying
 * the same events in the same seq order gives the same state on every gateway instance.
 */
export class LiveState {
  private readonly agents = new Map<string, AgentStatus>()
  private readonly calls = new Map<string, LiveCall>()
  private readonly transfers = new Map<string, TransferOffer>()
  private readonly queues = new Map<string, QueueStatus>()
  private readonly inboxes = new Map<string, InboxStatus>()
  private counters: DayCounters = emptyCounters('')

  constructor(
    readonly epoch: string,
    private lastSeq = 0,
  ) {}

  get seq(): number {
    return this.lastSeq
  }

  apply(event: LiveEvent): void {
    this.counters = applyCounters(this.counters, event)
    switch (event.type) {
      case 'agent.state':
        this.agents.set(event.login, agentStatusOf(event))
        break
      case 'call.started':
      case 'call.updated': {
        // An update keeps the start time; a call first seen through an update started now.
        const startedAt = this.calls.get(event.call.callId)?.startedAt ?? event.at
        this.calls.set(event.call.callId, { ...event.call, startedAt, updatedAt: event.at })
        break
      }
      case 'call.ended':
        this.calls.delete(event.callId)
        break
      case 'transfer.offered':
        this.transfers.set(event.transfer.transferId, { ...event.transfer, offeredAt: event.at })
        break
      case 'transfer.closed':
        this.transfers.delete(event.transferId)
        break
      case 'contactverzoek.created':
      case 'queue.left':
      case 'terugbelverzoek.created':
      case 'klantcontact.afgehandeld':
        // Only counted (above).
        break
      case 'queue.changed':
        // Each event carries the whole status, so the latest replaces what was there.
        this.queues.set(event.queue.afdeling, { ...event.queue })
        break
      case 'inbox.changed':
        this.inboxes.set(event.inbox.afdeling, { ...event.inbox })
        break
      case 'monitor.started':
      case 'monitor.ended':
        // Instructions to the monitored agent's app; the session itself is the gateway's record.
        break
      default: {
        const unreachable: never = event
        throw new Error(`unknown live event: ${JSON.stringify(unreachable)}`)
      }
    }
    this.lastSeq = event.seq
  }

  agent(login: string): AgentStatus | undefined {
    return this.agents.get(login)
  }

  call(callId: string): LiveCall | undefined {
    return this.calls.get(callId)
  }

  callsOf(login: string): LiveCall[] {
    return [...this.calls.values()].filter((call) => call.agent === login)
  }

  /** A copy: callers may keep it while the state moves on. */
  snapshot(): LiveSnapshot {
    return {
      epoch: this.epoch,
      seq: this.lastSeq,
      agents: [...this.agents.values()].map((a) => ({ ...a })),
      calls: [...this.calls.values()].map((c) => ({ ...c })),
      transfers: [...this.transfers.values()].map((t) => ({ ...t, to: { ...t.to } })),
      counters: { day: this.counters.day, afdelingen: { ...this.counters.afdelingen } },
      queues: [...this.queues.values()].map((q) => ({ ...q })),
      inboxes: [...this.inboxes.values()].map((i) => ({ ...i })),
    }
  }

  /** Replaces everything with a snapshot (a hub rebuilding from its database). */
  load(snapshot: Omit<LiveSnapshot, 'epoch'>): void {
    this.agents.clear()
    this.calls.clear()
    this.transfers.clear()
    this.queues.clear()
    this.inboxes.clear()
    for (const agent of snapshot.agents) {
      this.agents.set(agent.login, { ...agent })
    }
    for (const call of snapshot.calls) {
      this.calls.set(call.callId, { ...call })
    }
    for (const transfer of snapshot.transfers) {
      this.transfers.set(transfer.transferId, { ...transfer })
    }
    for (const queue of snapshot.queues ?? []) {
      this.queues.set(queue.afdeling, { ...queue })
    }
    for (const inbox of snapshot.inboxes ?? []) {
      this.inboxes.set(inbox.afdeling, { ...inbox })
    }
    this.counters = snapshot.counters ?? emptyCounters('')
    this.lastSeq = snapshot.seq
  }
}

/**
 * The one record of the persisted state an event touches (`live_state` in PostgreSQL): kind and
 * key name the entity; `upsert` replaces it with this event, `delete` removes it.
 */
export type StateChange =
  | { op: 'upsert' | 'delete'; kind: 'agent' | 'call' | 'transfer' | 'queue' | 'inbox'; key: string }
  /** An event that changes no entity (it is only counted). */
  | { op: 'none'; kind: 'none'; key: '' }

export function stateChangeOf(event: LiveEventBody): StateChange {
  switch (event.type) {
    case 'agent.state':
      return { op: 'upsert', kind: 'agent', key: event.login }
    case 'call.started':
    case 'call.updated':
      return { op: 'upsert', kind: 'call', key: event.call.callId }
    case 'call.ended':
      return { op: 'delete', kind: 'call', key: event.callId }
    case 'transfer.offered':
      return { op: 'upsert', kind: 'transfer', key: event.transfer.transferId }
    case 'transfer.closed':
      return { op: 'delete', kind: 'transfer', key: event.transferId }
    case 'queue.changed':
      return { op: 'upsert', kind: 'queue', key: event.queue.afdeling }
    case 'inbox.changed':
      return { op: 'upsert', kind: 'inbox', key: event.inbox.afdeling }
    case 'klantcontact.afgehandeld':
    case 'contactverzoek.created':
    case 'monitor.started':
    case 'monitor.ended':
    case 'queue.left':
    case 'terugbelverzoek.created':
      return { op: 'none', kind: 'none', key: '' }
    default: {
      const unreachable: never = event
      throw new Error(`unknown live event: ${JSON.stringify(unreachable)}`)
    }
  }
}

/**
 * Removes what must never travel on the live feed: the onderwerp of a confidential contact (a
 * supervisor's role grants no vertrouwelijk content; docs/gateway.md). Applied when an event is published, so it is never stored or sent.
 */
export function sanitize(event: LiveEventBody): LiveEventBody {
  switch (event.type) {
    case 'call.started':
    case 'call.updated':
      return { ...event, call: shareableCall(event.call) }
    case 'agent.state':
    case 'call.ended':
    case 'transfer.offered':
    case 'transfer.closed':
    case 'contactverzoek.created':
    case 'monitor.started':
    case 'monitor.ended':
    case 'queue.changed':
    case 'queue.left':
    case 'terugbelverzoek.created':
    case 'klantcontact.afgehandeld':
    case 'inbox.changed':
      return event
    default: {
      const unreachable: never = event
      throw new Error(`unknown live event: ${JSON.stringify(unreachable)}`)
    }
  }
}
