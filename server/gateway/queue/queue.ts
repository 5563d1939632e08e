import type { QueueStatus } from '../../../shared/live/queue'
import type { CallQueue, RingOutcome, WaitingLine } from '../../lib/call-queue'
import { scopedLogger, type Logger } from '../../lib/logger'
import type { GatewayConfig } from '../config/types'
import type { LiveHub } from '../live'
import type { QueueCallStore } from './call-store'
import { fromRow, HeldCalls, type Held } from './held-calls'
import type { Leadership } from './leadership'
import { step, type CallEffect, type CallInput } from './machine'
import { Members } from './members'
import { ANSWER_HOLD_MS, Reservations } from './reservations'
import { assign } from './routing'
import { queueSettingsOf, type QueueSettings } from './settings'
import type { TerugbelverzoekRequest } from './terugbelverzoeken'
import type { QueueTimers } from './timers'

/**
 * The gateway's call queue: both SIP servers hand it their callers for an afdeling's group address
 * (server/lib/call-queue.ts) and it decides who rings. Each call runs the pure machine of
 * machine.ts, the choice of agent is routing.ts; this file is the edge: the lines, the timers, the
 * hub, the database. Everything runs one task at a time (`run`), so the machine's view of calls and
 * reserved agents never races with itself. With several gateways on one PostgreSQL only the leader
 * (leadership.ts) routes; the others hold their lines and follow the leader's `queue.left` events.
 */
export interface GatewayCallQueue extends CallQueue {
  /** Each afdeling's queue now (waiting, including calls ringing at an agent; the oldest). */
  stats(): QueueStatus[]
  /** Resolves when no queue work is running or queued (rings in progress do not count). */
  idle(): Promise<void>
  /** Stops timers and routing; waiting calls are not rejected (Kamailio keeps them for the next gateway). */
  close(): Promise<void>
}

export interface CallQueueDeps {
  config: Pick<GatewayConfig, 'agents' | 'afdelingen'>
  hub: LiveHub
  store: QueueCallStore
  leadership: Leadership
  terugbelverzoeken: {
    request(request: TerugbelverzoekRequest): Promise<unknown>
    setActive(active: boolean): void
  }
  timers: QueueTimers
  logger: Logger
  /** After taking over, how long calls in the database have to be announced again before they are dropped (default 60 s). */
  reannounceGraceMs?: number
}

/** An offer's claim outlives its ring time by this much, so a late answer is not offered again. */
const OFFER_SLACK_MS = 5_000

export function createCallQueue(deps: CallQueueDeps): GatewayCallQueue {
  return new Queue(deps)
}

class Queue implements GatewayCallQueue {
  private readonly log: Logger
  private readonly members: Members
  private readonly settings = new Map<string, QueueSettings>()
  private readonly byGroup = new Map<string, string>()
  private readonly calls = new HeldCalls()
  private readonly reserved: Reservations
  private readonly unsubscribe: Array<() => void> = []
  private cancelPurge: (() => void) | undefined
  private chain: Promise<void> = Promise.resolve()
  private tasks = 0
  private closed = false

  constructor(private readonly deps: CallQueueDeps) {
    this.log = scopedLogger(deps.logger, 'queue')
    this.members = new Members(deps.config.agents, deps.hub)
    this.reserved = new Reservations(this.members)
    for (const afdeling of deps.config.afdelingen) {
      this.settings.set(afdeling.id, queueSettingsOf(afdeling))
      this.byGroup.set(afdeling.groupAddress, afdeling.id)
    }
    this.unsubscribe.push(
      deps.hub.subscribe({ kind: 'types', types: ['agent.state'] }, () => this.run(() => this.pump())),
      deps.hub.subscribe({ kind: 'types', types: ['queue.left'] }, (event) => {
        if (event.type === 'queue.left') {
          this.run(() => this.followLeft(event.queueCallId, event.outcome === 'overflowed'))
        }
      }),
      deps.hub.onReset(() => this.run(() => this.pump())),
    )
    deps.leadership.onChange((leader) => this.run(() => (leader ? this.lead() : this.follow())))
    if (deps.leadership.isLeader()) {
      this.run(() => this.lead())
    }
  }

  serves(group: string): boolean {
    return this.byGroup.has(group)
  }

  enter(line: WaitingLine): void {
    const afdeling = this.byGroup.get(line.call.group)
    if (afdeling === undefined) {
      line.reject('no_agent')
      return
    }
    line.onCallerLeft(() =>
      this.run(async () => {
        const id = this.calls.idOf(line)
        if (id !== undefined) {
          await this.input(id, { kind: 'caller_left' })
          await this.pump()
        }
      }),
    )
    this.run(async () => {
      const { row, fresh } = await this.deps.store.upsert(line.call, afdeling)
      const known = this.calls.get(row.id)
      if (known) {
        this.calls.replaceLine(known, line)
        return
      }
      const held: Held = {
        call: fromRow(row),
        line,
        checked: Number(row.checked) === 1,
        admitted: false,
        blockedUntil: 0,
      }
      this.calls.add(held)
      this.log.info({ queueCallId: row.id, afdeling: row.afdeling, fresh }, 'caller waits')
      if (this.deps.leadership.isLeader()) {
        await this.admit(held)
        await this.pump()
      }
    })
  }

  stats(): QueueStatus[] {
    return this.deps.config.afdelingen.map((a) => this.calls.status(a.id))
  }

  async idle(): Promise<void> {
    while (this.tasks > 0) {
      await this.chain
    }
  }

  async close(): Promise<void> {
    this.closed = true
    this.cancelPurge?.()
    for (const held of this.calls.all()) {
      held.cancelTimer?.()
    }
    this.unsubscribe.forEach((stop) => stop())
    await this.deps.leadership.close()
    await this.idle()
  }

  private run(task: () => Promise<void>): void {
    if (this.closed) {
      return
    }
    this.tasks++
    this.chain = this.chain
      .then(() => (this.closed ? undefined : task()))
      .catch((err: unknown) => this.log.error({ err }, 'queue task failed'))
      .finally(() => {
        this.tasks--
      })
  }

  /** This instance routes now: take the database's word for every call it holds, then route. */
  private async lead(): Promise<void> {
    this.deps.terugbelverzoeken.setActive(true)
    for (const held of this.calls.all()) {
      const row = await this.deps.store.byId(held.call.id)
      if (!row) {
        this.calls.drop(held.call.id)
        continue
      }
      held.checked = Number(row.checked) === 1
      held.call = { ...fromRow(row), tried: held.call.tried }
      this.block(held, row.offer_agent !== null ? Number(row.offer_until) : 0)
      await this.admit(held)
    }
    this.cancelPurge?.()
    this.cancelPurge = this.deps.timers.after(this.deps.reannounceGraceMs ?? 60_000, () =>
      this.run(() => this.purge()),
    )
    await this.pump()
  }

  private follow(): Promise<void> {
    this.deps.terugbelverzoeken.setActive(false)
    this.cancelPurge?.()
    for (const held of this.calls.all()) {
      held.cancelTimer?.()
      held.admitted = false
    }
    return Promise.resolve()
  }

  /** Calls in the database that no SIP server announced again since this instance took over. */
  private async purge(): Promise<void> {
    if (!this.deps.leadership.isLeader()) {
      return
    }
    const removed = await this.deps.store.removeAllBut(this.calls.ids())
    if (removed > 0) {
      this.log.warn({ removed }, 'waiting calls no SIP server announced again were removed')
    }
  }

  /** A follower drops (or moves, after an overflow) a call the leader took out of its queue. */
  private async followLeft(id: string, overflowed: boolean): Promise<void> {
    const held = this.calls.get(id)
    if (!held || this.deps.leadership.isLeader()) {
      return
    }
    const row = overflowed ? await this.deps.store.byId(id) : undefined
    if (row) {
      held.call = fromRow(row)
    } else {
      this.calls.drop(id)
    }
  }

  private async admit(held: Held): Promise<void> {
    held.admitted = true
    this.scheduleMaxWait(held)
    await this.publishChanged(held.call.afdeling)
    if (held.checked) {
      return
    }
    held.checked = true
    await this.deps.store.markChecked(held.call.id)
    if (!this.members.anyLoggedIn(held.call.afdeling)) {
      await this.input(held.call.id, { kind: 'nobody_logged_in' })
    }
  }

  private async input(id: string, input: CallInput): Promise<void> {
    const held = this.calls.get(id)
    if (!held) {
      return
    }
    if (!this.deps.leadership.isLeader() && input.kind !== 'ring_ended') {
      // The leader decides; a follower only forgets a caller who left.
      if (input.kind === 'caller_left') {
        this.calls.drop(id)
      }
      return
    }
    const { call, effects } = step(held.call, input, (a) => this.settingsOf(a), this.deps.timers.now())
    held.call = call
    for (const effect of effects) {
      await this.apply(held, effect)
    }
  }

  private async apply(held: Held, effect: CallEffect): Promise<void> {
    const { store, timers } = this.deps
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
          this.reserved.release(effect.agent)
          const row = await store.byId(id)
          this.block(held, Number(row?.offer_until ?? 0))
          return
        }
        this.log.info({ queueCallId: id, agent: effect.agent }, 'offering call')
        this.ring(held, effect.agent, effect.ringSeconds)
        return
      }
      case 'agent_state':
        await this.members
          .setState(effect.agent, effect.state)
          .catch((err: unknown) =>
            this.log.warn(
              { err, agent: effect.agent },
              'could not set the state of an agent who did not answer',
            ),
          )
        return
      case 'release_agent':
        await store.clearOffer(id, effect.agent)
        if (effect.answered) {
          this.reserved.answered(effect.agent, timers.now())
          timers.after(ANSWER_HOLD_MS, () => this.run(() => this.pump()))
        } else {
          this.reserved.release(effect.agent)
        }
        return
      case 'terugbelverzoek':
        await this.deps.terugbelverzoeken.request({
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
          this.calls.drop(id)
        }
        this.log.info(
          { queueCallId: id, afdeling: effect.afdeling, outcome: effect.outcome },
          'call left the queue',
        )
        await this.publish({
          type: 'queue.left',
          queueCallId: id,
          afdeling: effect.afdeling,
          outcome: effect.outcome,
          waitedMs: effect.waitedMs,
          withinServiceLevel: effect.withinServiceLevel,
        })
        await this.publishChanged(effect.afdeling)
        return
      case 'joined':
        await store.moveTo(id, effect.afdeling, held.call.afdelingSince)
        this.scheduleMaxWait(held)
        await this.publishChanged(effect.afdeling)
        if (!this.members.anyLoggedIn(effect.afdeling)) {
          await this.input(id, { kind: 'nobody_logged_in' })
        }
        return
      default: {
        const unreachable: never = effect
        throw new Error(`unknown queue effect: ${JSON.stringify(unreachable)}`)
      }
    }
  }

  private ring(held: Held, agent: string, ringSeconds: number): void {
    const id = held.call.id
    const ended = (outcome: RingOutcome): void =>
      this.run(async () => {
        // The agent (and the call, unless it left) may be offered again now.
        await this.input(id, { kind: 'ring_ended', outcome })
        await this.pump()
      })
    let ringing: Promise<RingOutcome>
    try {
      ringing = held.line.ring(this.members.extensionOf(agent), ringSeconds)
    } catch (err) {
      this.log.warn({ err, queueCallId: id }, 'line could not ring the agent')
      ended('unreachable')
      return
    }
    ringing.then(ended, (err: unknown) => {
      this.log.warn({ err, queueCallId: id }, 'ring failed')
      ended('unreachable')
    })
  }

  /** Offers every afdeling's waiting calls, oldest first, to its longest-idle free members. */
  private async pump(): Promise<void> {
    if (!this.deps.leadership.isLeader()) {
      return
    }
    const now = this.deps.timers.now()
    for (const afdeling of this.deps.config.afdelingen) {
      const waiting = this.calls.waitingIn(afdeling.id, now)
      if (waiting.length === 0) {
        continue
      }
      for (const offer of assign(waiting, this.members.available(afdeling.id), this.reserved.current(now))) {
        this.reserved.offer(offer.agent)
        await this.input(offer.callId, { kind: 'offer', agent: offer.agent })
      }
    }
  }

  /** Keeps the call from being offered until `until`, and routes again then. */
  private block(held: Held, until: number): void {
    held.blockedUntil = until
    const delay = until - this.deps.timers.now()
    if (delay > 0) {
      this.deps.timers.after(delay, () => this.run(() => this.pump()))
    }
  }

  private scheduleMaxWait(held: Held): void {
    held.cancelTimer?.()
    const deadline = held.call.afdelingSince + this.settingsOf(held.call.afdeling).maxWaitSeconds * 1000
    const id = held.call.id
    held.cancelTimer = this.deps.timers.after(Math.max(0, deadline - this.deps.timers.now()), () =>
      this.run(async () => {
        await this.input(id, { kind: 'max_wait' })
        await this.pump()
      }),
    )
  }

  private settingsOf(afdeling: string): QueueSettings {
    const settings = this.settings.get(afdeling)
    if (!settings) {
      throw new Error(`no queue for afdeling ${afdeling}`)
    }
    return settings
  }

  private async publishChanged(afdeling: string): Promise<void> {
    await this.publish({ type: 'queue.changed', queue: this.calls.status(afdeling) })
  }

  private async publish(event: Parameters<LiveHub['publish']>[0]): Promise<void> {
    await this.deps.hub
      .publish(event)
      .catch((err: unknown) => this.log.warn({ err, type: event.type }, 'queue event not published'))
  }
}
