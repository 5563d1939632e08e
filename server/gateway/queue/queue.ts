import type { QueueStatus } from '../../../shared/live/queue'
import type { CallQueue, WaitingLine } from '../../lib/call-queue'
import { scopedLogger, type Logger } from '../../lib/logger'
import type { GatewayConfig } from '../config/types'
import type { Roster } from '../directory/roster'
import type { LiveHub } from '../live'
import { AfdelingQueues } from './afdeling-settings'
import type { QueueCallStore } from './call-store'
import { applyEffect, type QueueEdge } from './effects'
import { fromRow, HeldCalls, type Held } from './held-calls'
import type { Leadership } from './leadership'
import { step, type CallInput } from './machine'
import { Members } from './members'
import { Reservations } from './reservations'
import { assign } from './routing'
import type { QueueSettings } from './settings'
import { TaskChain } from './task-chain'
import type { TerugbelverzoekRequest } from './terugbelverzoeken'
import { cancellable, type QueueTimers } from './timers'

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
  config: Pick<GatewayConfig, 'afdelingen'>
  /** The afdelingen' members (configured and provisioned at single sign-on). */
  roster: Pick<Roster, 'byLogin' | 'inAfdeling'>
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

export function createCallQueue(deps: CallQueueDeps): GatewayCallQueue {
  return new Queue(deps)
}

/** The queue; its members that effects.ts uses are public, but only `GatewayCallQueue` leaves this file. */
class Queue implements GatewayCallQueue, QueueEdge {
  readonly log: Logger
  readonly members: Members
  private readonly afdelingen: AfdelingQueues
  private readonly tasks: TaskChain
  readonly calls = new HeldCalls()
  readonly reserved: Reservations
  private readonly unsubscribe: Array<() => void> = []
  private cancelPurge: (() => void) | undefined
  private closing = false

  readonly store: QueueCallStore
  readonly timers: ReturnType<typeof cancellable>
  readonly terugbelverzoeken: CallQueueDeps['terugbelverzoeken']

  constructor(private readonly deps: CallQueueDeps) {
    this.store = deps.store
    this.timers = cancellable(deps.timers)
    this.terugbelverzoeken = deps.terugbelverzoeken
    this.log = scopedLogger(deps.logger, 'queue')
    this.members = new Members(deps.roster, deps.hub)
    this.reserved = new Reservations(this.members)
    this.afdelingen = new AfdelingQueues(deps.config.afdelingen)
    this.tasks = new TaskChain(this.log)
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
    return this.afdelingen.byGroupAddress(group) !== undefined
  }

  enter(line: WaitingLine): void {
    const afdeling = this.afdelingen.byGroupAddress(line.call.group)
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

  idle(): Promise<void> {
    return this.tasks.idle()
  }

  async close(): Promise<void> {
    this.closing = true
    const stopped = this.tasks.stop()
    this.unsubscribe.forEach((stop) => stop())
    // Still leading while the queued tasks run, so a caller who left just now is recorded (and
    // published) as gone; no new offers are made meanwhile.
    await stopped
    // Maximum waits, holds, rests: nothing of this instance's runs on.
    this.timers.cancelAll()
    await this.deps.leadership.close()
  }

  run(task: () => Promise<void>): void {
    this.tasks.run(task)
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
    this.cancelPurge = this.timers.after(this.deps.reannounceGraceMs ?? 60_000, () =>
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

  async input(id: string, input: CallInput): Promise<void> {
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
    const { call, effects } = step(held.call, input, (a) => this.settingsOf(a), this.timers.now())
    held.call = call
    for (const effect of effects) {
      await applyEffect(this, held, effect)
    }
  }

  /** Offers every afdeling's waiting calls, oldest first, to its longest-idle free members. */
  async pump(): Promise<void> {
    if (this.closing || !this.deps.leadership.isLeader()) {
      return
    }
    const now = this.timers.now()
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
  block(held: Held, until: number): void {
    held.blockedUntil = until
    const delay = until - this.timers.now()
    if (delay > 0) {
      this.timers.after(delay, () => this.run(() => this.pump()))
    }
  }

  scheduleMaxWait(held: Held): void {
    held.cancelTimer?.()
    const deadline = held.call.afdelingSince + this.settingsOf(held.call.afdeling).maxWaitSeconds * 1000
    const id = held.call.id
    held.cancelTimer = this.timers.after(Math.max(0, deadline - this.timers.now()), () =>
      this.run(async () => {
        await this.input(id, { kind: 'max_wait' })
        await this.pump()
      }),
    )
  }

  private settingsOf(afdeling: string): QueueSettings {
    return this.afdelingen.settingsOf(afdeling)
  }

  async publishChanged(afdeling: string): Promise<void> {
    await this.publish({ type: 'queue.changed', queue: this.calls.status(afdeling) })
  }

  async publish(event: Parameters<LiveHub['publish']>[0]): Promise<void> {
    await this.deps.hub
      .publish(event)
      .catch((err: unknown) => this.log.warn({ err, type: event.type }, 'queue event not published'))
  }
}
