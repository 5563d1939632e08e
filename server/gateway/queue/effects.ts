import type { RingOutcome } from '../../lib/call-queue'
import type { LiveEventBody } from '../live'
import type { Logger } from '../../lib/logger'
import type { QueueCallStore } from './call-store'
import type { Held, HeldCalls } from './held-calls'
import type { CallEffect, CallInput } from './machine'
import type { Members } from './members'
import { ANSWER_HOLD_MS, type Reservations } from './reservations'
import type { TerugbelverzoekRequest } from './terugbelverzoeken'
import type { QueueTimers } from './timers'

/**
 * What a waiting call's machine asks for (machine.ts `CallEffect`), done: the offer claimed in the
 * database and the line rung, agents reserved and released, the terugbelverzoek written, the caller
 * rejected, the leave recorded and published. `QueueEdge` is the queue (queue.ts) as these need it.
 */
export interface QueueEdge {
  store: QueueCallStore
  timers: QueueTimers
  reserved: Reservations
  members: Members
  calls: HeldCalls
  log: Logger
  terugbelverzoeken: { request(request: TerugbelverzoekRequest): Promise<unknown> }
  run(task: () => Promise<void>): void
  input(id: string, input: CallInput): Promise<void>
  pump(): Promise<void>
  block(held: Held, until: number): void
  scheduleMaxWait(held: Held): void
  publish(event: LiveEventBody): Promise<void>
  publishChanged(afdeling: string): Promise<void>
}

/** An offer's claim outlives its ring time by this much, so a late answer is not offered again. */
const OFFER_SLACK_MS = 5_000

export async function applyEffect(edge: QueueEdge, held: Held, effect: CallEffect): Promise<void> {
  const { store, timers, reserved, members, calls, log } = edge
  const id = held.call.id
  switch (effect.kind) {
    case 'ring': {
      const now = timers.now()
      const claimed = await store.claimOffer(
        id,
        effect.agent,
        now,
        now + effect.ringSeconds * 1000 + OFFER_SLACK_MS,
      )
      if (!claimed) {
        // Another gateway's offer of this call may still ring (it led until a moment ago).
        held.call = { ...held.call, phase: { kind: 'waiting' } }
        reserved.release(effect.agent)
        const row = await store.byId(id)
        edge.block(held, Number(row?.offer_until ?? 0))
        return
      }
      log.info({ queueCallId: id, agent: effect.agent }, 'offering call')
      ringAgent(edge, held, effect.agent, effect.ringSeconds)
      return
    }
    case 'agent_state':
      await members
        .setState(effect.agent, effect.state)
        .catch((err: unknown) =>
          log.warn({ err, agent: effect.agent }, 'could not set the state of an agent who did not answer'),
        )
      return
    case 'release_agent':
      await store.clearOffer(id, effect.agent)
      if (effect.answered) {
        reserved.answered(effect.agent, timers.now())
        timers.after(ANSWER_HOLD_MS, () => edge.run(() => edge.pump()))
      } else {
        reserved.release(effect.agent)
      }
      return
    case 'rest_agent':
      reserved.rest(effect.agent, timers.now(), effect.ms)
      timers.after(effect.ms, () => edge.run(() => edge.pump()))
      return
    case 'terugbelverzoek':
      await edge.terugbelverzoeken.request({
        afdeling: effect.afdeling,
        callerNumber: held.line.call.callerNumber,
        reason: effect.reason,
        enteredAt: held.call.enteredAt,
        waitedMs: effect.waitedMs,
      })
      return
    case 'reject':
      held.line.reject(effect.reason)
      return
    case 'left':
      held.cancelTimer?.()
      if (effect.outcome !== 'overflowed') {
        await store.remove(id)
        calls.drop(id)
      }
      log.info({ queueCallId: id, afdeling: effect.afdeling, outcome: effect.outcome }, 'call left the queue')
      await edge.publish({
        type: 'queue.left',
        queueCallId: id,
        afdeling: effect.afdeling,
        outcome: effect.outcome,
        waitedMs: effect.waitedMs,
        withinServiceLevel: effect.withinServiceLevel,
      })
      await edge.publishChanged(effect.afdeling)
      return
    case 'joined':
      await store.moveTo(id, effect.afdeling, held.call.afdelingSince)
      edge.scheduleMaxWait(held)
      await edge.publishChanged(effect.afdeling)
      if (!members.anyLoggedIn(effect.afdeling)) {
        await edge.input(id, { kind: 'nobody_logged_in' })
      }
      return
    default: {
      const unreachable: never = effect
      throw new Error(`unknown queue effect: ${JSON.stringify(unreachable)}`)
    }
  }
}

export function ringAgent(edge: QueueEdge, held: Held, agent: string, ringSeconds: number): void {
  const { members, log } = edge
  const id = held.call.id
  const ended = (outcome: RingOutcome): void =>
    edge.run(async () => {
      // The agent (and the call, unless it left) may be offered again now.
      await edge.input(id, { kind: 'ring_ended', outcome })
      await edge.pump()
    })
  let ringing: Promise<RingOutcome>
  try {
    ringing = held.line.ring(members.extensionOf(agent), ringSeconds)
  } catch (err) {
    log.warn({ err, queueCallId: id }, 'line could not ring the agent')
    ended('unreachable')
    return
  }
  ringing.then(ended, (err: unknown) => {
    log.warn({ err, queueCallId: id }, 'ring failed')
    ended('unreachable')
  })
}
