import type { MonitorSessionInput, MonitorSessionView } from '../../../shared/gateway/api'
import { monitorRefusal, type MonitorRefusal } from '../../../shared/gateway/monitor-rule'
import type { AgentIdentity } from '../auth/authenticator'
import type { Roster } from '../directory/roster'
import { conflict, notFound, permissionDenied, validationError } from '../http/problems'
import type { LiveCall } from '../live/types'
import type { MonitorSessionRecord, MonitorSessionStore } from './store'

/**
 * Monitoring (docs/supervisor.md): a supervisor listens in on, whispers to or joins ("barge") the live call
 * of an agent of an afdeling the supervisor supervises. This is the gateway's authorisation and
 * record of it; the audio itself is the softphones' and the PBX's business, never the gateway's.
 */
export type { MonitorSessionView } from '../../../shared/gateway/api'

/** An agent's live calls right now (the live hub's `callsOf`). */
export type LiveCalls = (login: string) => LiveCall[]

/** Told when a monitoring session starts or ends (the live hub tells the monitored agent's app: announcements.ts). */
export type MonitorListener = (session: MonitorSessionView) => void | Promise<void>

export class MonitorService {
  constructor(
    private readonly deps: {
      roster: Pick<Roster, 'byLogin'>
      store: MonitorSessionStore
      liveCalls: LiveCalls
      started: MonitorListener
      ended: MonitorListener
    },
  ) {}

  /** The session, and the klantcontactnummer of the monitored call if it has one (for the audit line). */
  async start(
    supervisor: AgentIdentity,
    input: MonitorSessionInput,
  ): Promise<{ session: MonitorSessionView; klantcontactnummer: string | undefined }> {
    const { roster, store } = this.deps
    const agent = roster.byLogin(input.agent)
    if (!agent) {
      throw validationError([{ name: 'agent', code: 'does_not_exist', reason: 'Onbekende medewerker.' }])
    }
    const calls = this.deps.liveCalls(agent.login)
    const refusal = monitorRefusal(
      {
        login: supervisor.login,
        role: supervisor.role,
        supervises: supervisedAfdelingen(roster, supervisor.login),
      },
      { login: agent.login, afdeling: agent.afdeling, inCall: calls.length > 0 },
    )
    if (refusal !== undefined) {
      throw refused(refusal)
    }
    const call = newest(calls)
    if (!call) {
      throw refused('no_call')
    }
    const view = viewOf(
      await store.create({
        supervisor: supervisor.login,
        agent: agent.login,
        mode: input.mode,
        callId: call.callId,
      }),
    )
    await this.deps.started(view)
    return { session: view, klantcontactnummer: call.klantcontactnummer }
  }

  /** Ends a session the supervisor started; for anyone else it does not exist. Ending twice is harmless. */
  async stop(supervisor: AgentIdentity, id: string): Promise<MonitorSessionView> {
    const record = await this.deps.store.startedBy(id, supervisor.login)
    if (!record) {
      throw notFound()
    }
    const view = viewOf(record)
    if (await this.deps.store.end(id)) {
      await this.deps.ended(view)
    }
    return view
  }
}

/** The problem for each refusal of the shared rule (shared/gateway/monitor-rule.ts). */
function refused(refusal: MonitorRefusal): Error {
  switch (refusal) {
    case 'not_supervisor':
      return permissionDenied('Alleen een supervisor kan meeluisteren met een gesprek.')
    case 'own_call':
      return validationError([
        { name: 'agent', code: 'invalid', reason: 'U kunt niet meeluisteren met uw eigen gesprek.' },
      ])
    case 'other_afdeling':
      return permissionDenied(
        'U kunt alleen meeluisteren met medewerkers van een afdeling waarover u supervisor bent.',
      )
    case 'no_call':
      return conflict('geen_gesprek', 'Deze medewerker is nu niet in gesprek.')
    default: {
      const unreachable: never = refusal
      throw new Error(`unknown refusal: ${String(unreachable)}`)
    }
  }
}

/**
 * The afdelingen a supervisor supervises: its `supervises` list (configured, or every afdeling the
 * provider's groups mapped at single sign-on), else its own afdeling.
 */
export function supervisedAfdelingen(roster: Pick<Roster, 'byLogin'>, login: string): string[] {
  const agent = roster.byLogin(login)
  if (!agent) {
    return []
  }
  return agent.supervises ?? [agent.afdeling]
}

function newest(calls: LiveCall[]): LiveCall | undefined {
  return [...calls].sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0]
}

function viewOf(record: MonitorSessionRecord): MonitorSessionView {
  return {
    id: record.id,
    supervisor: record.supervisor_login,
    agent: record.agent_login,
    mode: record.mode,
    startedAt: new Date(Number(record.started_at)).toISOString(),
    callId: record.call_id,
  }
}
