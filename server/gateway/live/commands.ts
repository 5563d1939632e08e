import { DEFAULT_AGENT_TIME_RULES, type AgentTimeRules } from './agent-time'
import { transition } from './transitions'
import type {
  AgentStatus,
  CallInfo,
  ClientCallInfo,
  ClientMessage,
  LiveCall,
  LiveErrorCode,
  LiveEventBody,
  LiveIdentity,
} from './types'

/**
 * What an agent app may publish about itself, and the event it becomes. The login and afdeling
 * always come from the authenticated session, never from the message: that is what makes "only
 * their own state" hold. Calls are owned by the agent that started them.
 */
export type Command = Extract<
  ClientMessage,
  { type: 'state' | 'call.started' | 'call.updated' | 'call.ended' }
>

export type CommandResult =
  | { ok: true; event: LiveEventBody }
  /** Nothing changes (the agent republished its current state): no event, no error. */
  | { ok: true; event: null }
  | { ok: false; code: LiveErrorCode; message: string }

/** What the checks need to know of the current state (a hub satisfies it). */
export interface LiveView {
  agent(login: string): AgentStatus | undefined
  call(callId: string): LiveCall | undefined
  callsOf(login: string): LiveCall[]
}

/** A consult makes two calls; more than this at once is a misbehaving client. */
export const MAX_CALLS_PER_AGENT = 4

/**
 * The call as the hub publishes it. `answeredAt` is the gateway's time: kept from the hub's record
 * once set, else stamped now when the app first says the call is answered (the app's clock may be
 * off; every screen counts from this one).
 */
function callOf(
  identity: LiveIdentity,
  call: ClientCallInfo,
  known: LiveCall | undefined,
  now: Date,
): CallInfo {
  const { answered, ...info } = call
  const answeredAt = known?.answeredAt ?? (answered === true ? now.toISOString() : undefined)
  return {
    ...info,
    agent: identity.login,
    afdeling: identity.afdeling,
    vertrouwelijk: call.vertrouwelijk ?? false,
    ...(answeredAt !== undefined ? { answeredAt } : {}),
  }
}

function ownCall(identity: LiveIdentity, callId: string, view: LiveView): CommandResult | LiveCall {
  const existing = view.call(callId)
  if (!existing) {
    return { ok: false, code: 'unknown_call', message: `no live call ${callId}` }
  }
  if (existing.agent !== identity.login) {
    return { ok: false, code: 'forbidden', message: `call ${callId} belongs to another agent` }
  }
  return existing
}

/**
 * An agent's own state change. Pauze carries one of the configured reasons, or none (an app from
 * before reasons existed); changing the reason while on pauze is a change too. Entering nawerk in
 * an afdeling with a limit stamps when the gateway ends it (`nawerkTot`, nawerk-limit.ts), by the
 * gateway's clock.
 */
function stateEvent(
  identity: LiveIdentity,
  command: Extract<Command, { type: 'state' }>,
  view: LiveView,
  now: Date,
  rules: AgentTimeRules,
): CommandResult {
  const { login, afdeling } = identity
  const agent = view.agent(login)
  const current = agent?.state ?? 'offline'
  if (command.from !== undefined && command.from !== current) {
    // A change the app derived from its call, made stale by the gateway (the queue set pauze
    // after a ring-out, the nawerk limit ran out): the hub's state stands, and the app follows
    // it when its event arrives.
    return { ok: true, event: null }
  }
  const reden = command.pauzeReden
  if (reden !== undefined && !rules.pauzeRedenen.includes(reden)) {
    return {
      ok: false,
      code: 'invalid_message',
      message: `message.pauzeReden: expected one of ${rules.pauzeRedenen.join(', ')}`,
    }
  }
  const outcome = transition(current, command.state)
  const otherReden = command.state === 'pauze' && current === 'pauze' && agent?.pauzeReden !== reden
  switch (outcome) {
    case 'unchanged':
      if (!otherReden) {
        return { ok: true, event: null }
      }
      break
    case 'invalid':
      return {
        ok: false,
        code: 'invalid_transition',
        message: `cannot go from ${current} to ${command.state}`,
      }
    case 'change':
      break
    default: {
      const unreachable: never = outcome
      throw new Error(`unknown transition: ${String(unreachable)}`)
    }
  }
  const limit = command.state === 'nawerk' ? rules.nawerkSeconds(afdeling) : undefined
  return {
    ok: true,
    event: {
      type: 'agent.state',
      login,
      afdeling,
      state: command.state,
      ...(reden !== undefined ? { pauzeReden: reden } : {}),
      ...(limit !== undefined ? { nawerkTot: new Date(now.getTime() + limit * 1000).toISOString() } : {}),
    },
  }
}

export function commandEvent(
  identity: LiveIdentity,
  command: Command,
  view: LiveView,
  now: Date = new Date(),
  rules: AgentTimeRules = DEFAULT_AGENT_TIME_RULES,
): CommandResult {
  const { login, afdeling } = identity
  switch (command.type) {
    case 'state':
      return stateEvent(identity, command, view, now, rules)
    case 'call.started': {
      const existing = view.call(command.call.callId)
      if (existing?.agent === login) {
        // The app re-sends its calls after every reconnect (it cannot know whether the hub kept
        // them through the grace period), with whatever it learned meanwhile: an update.
        return {
          ok: true,
          event: { type: 'call.updated', call: callOf(identity, command.call, existing, now) },
        }
      }
      if (existing) {
        return { ok: false, code: 'call_exists', message: `call ${command.call.callId} is already live` }
      }
      if (view.callsOf(login).length >= MAX_CALLS_PER_AGENT) {
        return {
          ok: false,
          code: 'forbidden',
          message: `at most ${MAX_CALLS_PER_AGENT} live calls per agent`,
        }
      }
      return {
        ok: true,
        event: { type: 'call.started', call: callOf(identity, command.call, undefined, now) },
      }
    }
    case 'call.updated': {
      const owned = ownCall(identity, command.call.callId, view)
      if ('ok' in owned) {
        return owned
      }
      return { ok: true, event: { type: 'call.updated', call: callOf(identity, command.call, owned, now) } }
    }
    case 'call.ended': {
      const owned = ownCall(identity, command.callId, view)
      if ('ok' in owned) {
        return owned
      }
      return {
        ok: true,
        event: {
          type: 'call.ended',
          callId: owned.callId,
          agent: login,
          afdeling,
          reason: command.reason,
          ...(command.handledMs !== undefined ? { handledMs: command.handledMs } : {}),
          ...(owned.internal === true ? { internal: true } : {}),
        },
      }
    }
    default: {
      const unreachable: never = command
      throw new Error(`unknown command: ${JSON.stringify(unreachable)}`)
    }
  }
}
