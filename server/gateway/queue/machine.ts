import type { RejectReason, RingOutcome } from '../../lib/call-queue'
import type { QueueOutcome } from '../../../shared/live/queue'
import type { QueueSettings } from './settings'
import type { TerugbelverzoekReason } from './tables'

/**
 * One waiting call's state machine, pure: given the call, what happened and the time, it answers
 * the call's next state and what must be done (effects). The queue (queue.ts) runs the effects:
 * ringing, the hub, the database, the register. Every rule of docs/queue.md about one call is here.
 */
export type CallPhase =
  /** In its afdeling's queue, no agent's phone ringing for it. */
  | { kind: 'waiting' }
  /** Offered to `agent`; `expired`: the maximum wait passed meanwhile (handled when the ring ends). */
  | { kind: 'ringing'; agent: string; expired: boolean }
  /** Out of the queue (answered, rejected, abandoned); later inputs change nothing. */
  | { kind: 'left' }

export interface QueuedCall {
  /** The gateway's id (`queue.left`'s `queueCallId`). */
  readonly id: string
  /** The afdeling whose group address was dialled: a terugbelverzoek goes to it. */
  readonly dialled: string
  /** The afdeling whose queue holds it now. */
  readonly afdeling: string
  /** When the caller started waiting; the FIFO order and every waited time count from here. */
  readonly enteredAt: number
  /** When it joined `afdeling`'s queue: that afdeling's maximum wait counts from here. */
  readonly afdelingSince: number
  /** It already overflowed once (an overflow is used at most once per call). */
  readonly overflowed: boolean
  /** Agents offered this call who did not take it; tried again only when nobody else is free. */
  readonly tried: readonly string[]
  readonly phase: CallPhase
}

export type CallInput =
  | { kind: 'offer'; agent: string }
  | { kind: 'ring_ended'; outcome: RingOutcome }
  | { kind: 'max_wait' }
  | { kind: 'caller_left' }
  /** No member of the call's afdeling is logged in (checked when it joins a queue). */
  | { kind: 'nobody_logged_in' }

export type CallEffect =
  | { kind: 'ring'; agent: string; ringSeconds: number }
  /** The agent let the offer ring out or declined it. */
  | { kind: 'agent_state'; agent: string; state: QueueSettings['noAnswerState'] }
  /** The agent's offer ended; `answered`: the call is now theirs. */
  | { kind: 'release_agent'; agent: string; answered: boolean }
  /** The agent has no registration: offer them no call for `ms` (not at once again, in a loop). */
  | { kind: 'rest_agent'; agent: string; ms: number }
  /** Register a terugbelverzoek for the dialled afdeling (before the call leaves, so it is durable). */
  | { kind: 'terugbelverzoek'; afdeling: string; reason: TerugbelverzoekReason; waitedMs: number }
  | { kind: 'reject'; reason: RejectReason }
  | { kind: 'left'; afdeling: string; outcome: QueueOutcome; waitedMs: number; withinServiceLevel: boolean }
  /** Joined another afdeling's queue (overflow): its maximum wait starts now. */
  | { kind: 'joined'; afdeling: string }

export interface Step {
  call: QueuedCall
  effects: CallEffect[]
}

export type SettingsOf = (afdeling: string) => QueueSettings

export function step(call: QueuedCall, input: CallInput, settingsOf: SettingsOf, now: number): Step {
  const { phase } = call
  if (phase.kind === 'left') {
    return { call, effects: [] }
  }
  const settings = settingsOf(call.afdeling)
  const waitedMs = Math.max(0, now - call.enteredAt)
  switch (input.kind) {
    case 'offer':
      if (phase.kind !== 'waiting') {
        return { call, effects: [] }
      }
      return {
        call: { ...call, phase: { kind: 'ringing', agent: input.agent, expired: false } },
        effects: [{ kind: 'ring', agent: input.agent, ringSeconds: settings.ringSeconds }],
      }
    case 'ring_ended':
      return phase.kind === 'ringing'
        ? ringEnded(call, phase, input.outcome, settingsOf, now)
        : { call, effects: [] }
    case 'max_wait':
      if (phase.kind === 'ringing') {
        // Let the agent's phone finish ringing: they may answer yet.
        return { call: { ...call, phase: { ...phase, expired: true } }, effects: [] }
      }
      return giveUp(call, 'timeout', settingsOf, now)
    case 'caller_left': {
      const release: CallEffect[] =
        phase.kind === 'ringing' ? [{ kind: 'release_agent', agent: phase.agent, answered: false }] : []
      return {
        call: { ...call, phase: { kind: 'left' } },
        effects: [...release, ...abandoned(call, settings, waitedMs)],
      }
    }
    case 'nobody_logged_in':
      return phase.kind === 'waiting' ? giveUp(call, 'no_agent', settingsOf, now) : { call, effects: [] }
    default: {
      const unreachable: never = input
      throw new Error(`unknown queue input: ${JSON.stringify(unreachable)}`)
    }
  }
}

function ringEnded(
  call: QueuedCall,
  phase: Extract<CallPhase, { kind: 'ringing' }>,
  outcome: RingOutcome,
  settingsOf: SettingsOf,
  now: number,
): Step {
  const settings = settingsOf(call.afdeling)
  const waitedMs = Math.max(0, now - call.enteredAt)
  const agent = phase.agent
  switch (outcome) {
    case 'answered':
      return {
        call: { ...call, phase: { kind: 'left' } },
        effects: [
          { kind: 'release_agent', agent, answered: true },
          {
            kind: 'left',
            afdeling: call.afdeling,
            outcome: 'answered',
            waitedMs,
            withinServiceLevel: waitedMs <= settings.serviceLevelSeconds * 1000,
          },
        ],
      }
    case 'caller_left':
      return {
        call: { ...call, phase: { kind: 'left' } },
        effects: [{ kind: 'release_agent', agent, answered: false }, ...abandoned(call, settings, waitedMs)],
      }
    case 'no_answer':
    case 'declined':
    case 'unreachable': {
      const stateChange: CallEffect[] =
        outcome === 'unreachable' ? [] : [{ kind: 'agent_state', agent, state: settings.noAnswerState }]
      const next: QueuedCall = {
        ...call,
        tried: call.tried.includes(agent) ? call.tried : [...call.tried, agent],
        phase: { kind: 'waiting' },
      }
      const rest: CallEffect[] =
        outcome === 'unreachable' ? [{ kind: 'rest_agent', agent, ms: settings.ringSeconds * 1000 }] : []
      const effects: CallEffect[] = [
        ...stateChange,
        { kind: 'release_agent', agent, answered: false },
        ...rest,
      ]
      if (phase.expired) {
        const after = giveUp(next, 'timeout', settingsOf, now)
        return { call: after.call, effects: [...effects, ...after.effects] }
      }
      return { call: next, effects }
    }
    default: {
      const unreachable: never = outcome
      throw new Error(`unknown ring outcome: ${String(unreachable)}`)
    }
  }
}

/**
 * The afdeling cannot take the call (its maximum wait passed, or nobody is logged in): overflow
 * once if configured, otherwise the caller hears the reason and a terugbelverzoek is made, so a
 * citizen who called is never lost without a trace.
 */
function giveUp(call: QueuedCall, why: 'timeout' | 'no_agent', settingsOf: SettingsOf, now: number): Step {
  const settings = settingsOf(call.afdeling)
  const waitedMs = Math.max(0, now - call.enteredAt)
  if (settings.overflowTo !== undefined && !call.overflowed) {
    return {
      call: {
        ...call,
        afdeling: settings.overflowTo,
        afdelingSince: now,
        overflowed: true,
        tried: [],
        phase: { kind: 'waiting' },
      },
      effects: [
        { kind: 'left', afdeling: call.afdeling, outcome: 'overflowed', waitedMs, withinServiceLevel: false },
        { kind: 'joined', afdeling: settings.overflowTo },
      ],
    }
  }
  return {
    call: { ...call, phase: { kind: 'left' } },
    effects: [
      { kind: 'terugbelverzoek', afdeling: call.dialled, reason: why, waitedMs },
      { kind: 'reject', reason: why === 'timeout' ? 'terugbelverzoek' : 'no_agent' },
      { kind: 'left', afdeling: call.afdeling, outcome: why, waitedMs, withinServiceLevel: false },
    ],
  }
}

function abandoned(call: QueuedCall, settings: QueueSettings, waitedMs: number): CallEffect[] {
  const terugbellen: CallEffect[] =
    waitedMs > settings.terugbelverzoekAfterSeconds * 1000
      ? [{ kind: 'terugbelverzoek', afdeling: call.dialled, reason: 'abandoned', waitedMs }]
      : []
  return [
    ...terugbellen,
    { kind: 'left', afdeling: call.afdeling, outcome: 'abandoned', waitedMs, withinServiceLevel: false },
  ]
}
