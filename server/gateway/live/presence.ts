import { scopedLogger, type Logger } from '../../lib/logger'
import type { LiveHub } from './hub'

/**
 * Connection presence: when a user's last live socket closes, their state becomes `offline`, but
 * only after a grace period, so a reconnect (network blip, laptop waking, gateway restart behind a
 * load balancer) does not make them flap offline and back for the supervisor and group routing.
 * Their live calls end with them: a call nobody reports on any more is not live.
 */
export type PresenceStatus =
  { kind: 'absent' } | { kind: 'connected'; connections: number } | { kind: 'grace' }
export type PresenceInput = 'connect' | 'disconnect' | 'grace_expired'
export type PresenceEffect = 'none' | 'start_grace' | 'cancel_grace' | 'go_offline'

/** The per-user machine, pure so every transition can be tested without timers. */
export function presenceStep(
  status: PresenceStatus,
  input: PresenceInput,
): { next: PresenceStatus; effect: PresenceEffect } {
  switch (status.kind) {
    case 'absent':
      // A disconnect or expiry for someone not tracked is stale; nothing to do.
      return input === 'connect'
        ? { next: { kind: 'connected', connections: 1 }, effect: 'none' }
        : { next: status, effect: 'none' }
    case 'connected':
      switch (input) {
        case 'connect':
          return { next: { kind: 'connected', connections: status.connections + 1 }, effect: 'none' }
        case 'disconnect':
          return status.connections > 1
            ? { next: { kind: 'connected', connections: status.connections - 1 }, effect: 'none' }
            : { next: { kind: 'grace' }, effect: 'start_grace' }
        case 'grace_expired':
          return { next: status, effect: 'none' } // a timer that lost its race with a reconnect
        default:
          return unknownInput(input)
      }
    case 'grace':
      switch (input) {
        case 'connect':
          return { next: { kind: 'connected', connections: 1 }, effect: 'cancel_grace' }
        case 'disconnect':
          return { next: status, effect: 'none' }
        case 'grace_expired':
          return { next: { kind: 'absent' }, effect: 'go_offline' }
        default:
          return unknownInput(input)
      }
    default: {
      const unreachable: never = status
      throw new Error(`unknown presence status: ${JSON.stringify(unreachable)}`)
    }
  }
}

function unknownInput(input: never): never {
  throw new Error(`unknown presence input: ${String(input)}`)
}

export interface PresenceTracker {
  connected(login: string): void
  disconnected(login: string): void
  /** Open sockets of a user on this instance (0 while in grace or absent). */
  connections(login: string): number
  /** Cancels grace timers (on shutdown: users are not marked offline because this instance stops). */
  close(): void
}

export interface PresenceOptions {
  hub: LiveHub
  logger: Logger
  /** How long after the last socket closed the user goes offline (default 10 s). */
  graceMs?: number
}

export const DEFAULT_GRACE_MS = 10_000

export function createPresenceTracker(options: PresenceOptions): PresenceTracker {
  const { hub } = options
  const logger = scopedLogger(options.logger, 'live.presence')
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS
  const statuses = new Map<string, PresenceStatus>()
  const timers = new Map<string, NodeJS.Timeout>()
  let closed = false

  const goOffline = async (login: string): Promise<void> => {
    for (const call of hub.callsOf(login)) {
      await hub.publish({
        type: 'call.ended',
        callId: call.callId,
        agent: call.agent,
        afdeling: call.afdeling,
        reason: 'agent_offline',
      })
    }
    const current = hub.agent(login)
    if (current && current.state !== 'offline') {
      await hub.publish({ type: 'agent.state', login, afdeling: current.afdeling, state: 'offline' })
    }
  }

  const step = (login: string, input: PresenceInput): void => {
    if (closed) {
      return // shutting down: sockets closing now must not start timers that outlive the hub
    }
    const { next, effect } = presenceStep(statuses.get(login) ?? { kind: 'absent' }, input)
    if (next.kind === 'absent') {
      statuses.delete(login)
    } else {
      statuses.set(login, next)
    }
    switch (effect) {
      case 'none':
        break
      case 'start_grace':
        timers.set(
          login,
          setTimeout(() => {
            timers.delete(login)
            step(login, 'grace_expired')
          }, graceMs),
        )
        break
      case 'cancel_grace':
        clearTimeout(timers.get(login))
        timers.delete(login)
        break
      case 'go_offline':
        logger.info({ login }, 'no live connection left after the grace period: offline')
        goOffline(login).catch((err: unknown) => logger.error({ err, login }, 'could not mark offline'))
        break
      default: {
        const unreachable: never = effect
        throw new Error(`unknown presence effect: ${String(unreachable)}`)
      }
    }
  }

  return {
    connected(login) {
      step(login, 'connect')
    },
    disconnected(login) {
      step(login, 'disconnect')
    },
    connections(login) {
      const status = statuses.get(login)
      return status?.kind === 'connected' ? status.connections : 0
    },
    close() {
      closed = true
      for (const timer of timers.values()) {
        clearTimeout(timer)
      }
      timers.clear()
      statuses.clear()
    },
  }
}
