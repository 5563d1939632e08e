import type { LiveEvent, LiveFilter, LiveIdentity, LiveSnapshot, TransferTarget } from './types'

/**
 * Who sees what. Supervisors see everything (every agent's state, the live calls, transfers in
 * flight, every afdeling's queue and how callers left it). An agent sees only its own state and
 * calls, transfers it offered or that are addressed to it or its afdeling, and how many callers
 * wait for its own afdeling: a colleague's call details are none of its business, and today's
 * counters are the supervisor's.
 */
export function filterFor(identity: LiveIdentity): LiveFilter {
  switch (identity.role) {
    case 'supervisor':
      return { kind: 'everything' }
    case 'agent':
      return { kind: 'agent', login: identity.login, afdeling: identity.afdeling }
    default: {
      const unreachable: never = identity.role
      throw new Error(`unknown role: ${String(unreachable)}`)
    }
  }
}

function addressedTo(target: TransferTarget, login: string, afdeling: string): boolean {
  switch (target.kind) {
    case 'agent':
      return target.login === login
    case 'afdeling':
      return target.afdeling === afdeling
    default: {
      const unreachable: never = target
      throw new Error(`unknown transfer target: ${JSON.stringify(unreachable)}`)
    }
  }
}

function concernsAgent(event: LiveEvent, login: string, afdeling: string): boolean {
  switch (event.type) {
    case 'agent.state':
      return event.login === login
    case 'call.started':
    case 'call.updated':
      return event.call.agent === login
    case 'call.ended':
      return event.agent === login
    case 'transfer.offered':
      return event.transfer.from === login || addressedTo(event.transfer.to, login, afdeling)
    case 'transfer.closed':
      return event.from === login || addressedTo(event.to, login, afdeling)
    case 'contactverzoek.created':
      return event.from === login
    // The monitored agent's app makes the monitor call, so it must hear of the session.
    case 'monitor.started':
      return event.monitor.agent === login
    case 'monitor.ended':
      return event.agent === login
    // An agent sees how many callers wait for its own afdeling; the outcomes are the supervisor's.
    case 'queue.changed':
      return event.queue.afdeling === afdeling
    // The header's count of open contactverzoeken is the agent's own afdeling's.
    case 'inbox.changed':
      return event.inbox.afdeling === afdeling
    case 'klantcontact.afgehandeld':
      return event.login === login
    case 'queue.left':
    case 'terugbelverzoek.created':
      return false
    default: {
      const unreachable: never = event
      throw new Error(`unknown live event: ${JSON.stringify(unreachable)}`)
    }
  }
}

export function matches(filter: LiveFilter, event: LiveEvent): boolean {
  switch (filter.kind) {
    case 'everything':
      return true
    case 'agent':
      return concernsAgent(event, filter.login, filter.afdeling)
    case 'types':
      return filter.types.includes(event.type)
    default: {
      const unreachable: never = filter
      throw new Error(`unknown live filter: ${JSON.stringify(unreachable)}`)
    }
  }
}

/** The part of a snapshot a filter may see; same rules as `matches`. */
export function filterSnapshot(filter: LiveFilter, snapshot: LiveSnapshot): LiveSnapshot {
  switch (filter.kind) {
    case 'everything':
      return snapshot
    case 'agent': {
      const { login, afdeling } = filter
      // No counters: they add up events an agent does not get (colleagues' calls, how callers left
      // the queue), so an agent's app could only show them wrong, and they are the supervisor's.
      return {
        epoch: snapshot.epoch,
        seq: snapshot.seq,
        agents: snapshot.agents.filter((a) => a.login === login),
        calls: snapshot.calls.filter((c) => c.agent === login),
        transfers: snapshot.transfers.filter((t) => t.from === login || addressedTo(t.to, login, afdeling)),
        ...(snapshot.queues ? { queues: snapshot.queues.filter((q) => q.afdeling === afdeling) } : {}),
      }
    }
    case 'types': {
      const has = (type: LiveEvent['type']): boolean => filter.types.includes(type)
      return {
        ...snapshot,
        agents: has('agent.state') ? snapshot.agents : [],
        calls: has('call.started') || has('call.updated') ? snapshot.calls : [],
        transfers: has('transfer.offered') ? snapshot.transfers : [],
        ...(snapshot.queues ? { queues: has('queue.changed') ? snapshot.queues : [] } : {}),
      }
    }
    default: {
      const unreachable: never = filter
      throw new Error(`unknown live filter: ${JSON.stringify(unreachable)}`)
    }
  }
}
