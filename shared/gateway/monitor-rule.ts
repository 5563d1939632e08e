import type { AgentRole } from './api'

/**
 * Who may listen in on, whisper to or join whose call (docs/supervisor.md). The gateway enforces
 * it on `POST /api/monitor-sessions` (server/gateway/monitoring/service.ts); the app offers
 * Meeluisteren, Fluisteren and Inbreken only where it allows them, so a supervisor never gets a
 * button that can only be refused. One rule for both: they cannot drift apart.
 */
export interface MonitorScope {
  readonly login: string
  readonly role: AgentRole
  /** The afdelingen the supervisor supervises, as the gateway resolved them (`AgentView.supervises`). */
  readonly supervises: readonly string[]
}

export interface MonitorTarget {
  readonly login: string
  readonly afdeling: string
  /** Whether the agent has a live call right now. */
  readonly inCall: boolean
}

/** Why monitoring is not allowed, in the order the gateway checks; undefined when it is. */
export type MonitorRefusal = 'not_supervisor' | 'own_call' | 'other_afdeling' | 'no_call'

export function monitorRefusal(scope: MonitorScope, target: MonitorTarget): MonitorRefusal | undefined {
  if (scope.role !== 'supervisor') {
    return 'not_supervisor'
  }
  if (target.login === scope.login) {
    return 'own_call'
  }
  if (!scope.supervises.includes(target.afdeling)) {
    return 'other_afdeling'
  }
  return target.inCall ? undefined : 'no_call'
}

export function mayMonitor(scope: MonitorScope, target: MonitorTarget): boolean {
  return monitorRefusal(scope, target) === undefined
}
