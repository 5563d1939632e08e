import { openStorage } from '../../../../server/lib/db/database'
import { createRootLogger } from '../../../../server/lib/logger'
import type { RejectReason, RingOutcome, WaitingCall, WaitingLine } from '../../../../server/lib/call-queue'
import type { AgentConfig, AfdelingConfig } from '../../../../server/gateway/config/types'
import { migrateGateway } from '../../../../server/gateway/db/migrate'
import type { GatewayDb } from '../../../../server/gateway/db/tables'
import {
  createMemoryHub,
  type AgentState,
  type LiveEvent,
  type LiveHub,
} from '../../../../server/gateway/live'
import { QueueCallStore } from '../../../../server/gateway/queue/call-store'
import type { Leadership } from '../../../../server/gateway/queue/leadership'
import { createCallQueue, type GatewayCallQueue } from '../../../../server/gateway/queue/queue'
import { queueDb } from '../../../../server/gateway/queue/tables'
import type { TerugbelverzoekRequest } from '../../../../server/gateway/queue/terugbelverzoeken'
import type { QueueTimers } from '../../../../server/gateway/queue/timers'
import { configuredRoster } from '../configured-roster'

export const silent = createRootLogger({ level: 'silent' })

/** A clock and timers that move only when the test says so. */
export class FakeTimers implements QueueTimers {
  private current = Date.parse('2026-12-07T09:00:00Z')
  private readonly pending: Array<{ at: number; fn: () => void; cancelled: boolean }> = []

  now = (): number => this.current

  after(ms: number, fn: () => void): () => void {
    const timer = { at: this.current + ms, fn, cancelled: false }
    this.pending.push(timer)
    return () => {
      timer.cancelled = true
    }
  }

  /** Moves the clock on, firing every timer due on the way in time order. */
  advance(ms: number): void {
    const end = this.current + ms
    for (;;) {
      const due = this.pending.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at)[0]
      if (!due) {
        break
      }
      this.current = Math.max(this.current, due.at)
      due.cancelled = true
      due.fn()
    }
    this.current = end
  }
}

/** A line as a SIP server would hold it: the test decides how each ring ends. */
export class FakeLine implements WaitingLine {
  readonly rings: Array<{ extension: string; ringSeconds: number; end: (outcome: RingOutcome) => void }> = []
  readonly rejected: RejectReason[] = []
  private leftListener: (() => void) | undefined

  constructor(readonly call: WaitingCall) {}

  ring(extension: string, ringSeconds: number): Promise<RingOutcome> {
    return new Promise((resolve) => this.rings.push({ extension, ringSeconds, end: resolve }))
  }

  reject(reason: RejectReason): void {
    this.rejected.push(reason)
  }

  onCallerLeft(listener: () => void): void {
    this.leftListener = listener
  }

  /** The caller hangs up while no phone rings for them. */
  hangUp(): void {
    this.leftListener?.()
  }

  get ringing(): string | undefined {
    return this.rings.at(-1)?.extension
  }

  endRing(outcome: RingOutcome): void {
    const ring = this.rings.at(-1)
    if (!ring) {
      throw new Error('no ring to end')
    }
    ring.end(outcome)
  }
}

export const AFDELINGEN: AfdelingConfig[] = [
  { id: 'kcc', naam: 'KCC', groupAddress: 'kcc', queue: { overflowTo: 'vergunningen', maxWaitSeconds: 120 } },
  { id: 'vergunningen', naam: 'Vergunningen', groupAddress: 'vergunningen', queue: { maxWaitSeconds: 60 } },
  {
    id: 'burgerzaken',
    naam: 'Burgerzaken',
    groupAddress: 'burgerzaken',
    queue: { noAnswerState: 'beschikbaar' },
  },
]

function agent(login: string, afdeling: string): AgentConfig {
  return {
    login,
    displayName: login,
    email: `${login}@kcc.test`,
    role: 'agent',
    afdeling,
    passwordHash: 'scrypt$unused',
    sipExtension: `ext-${login}`,
  }
}

export const AGENTS: AgentConfig[] = [
  agent('anna', 'kcc'),
  agent('bram', 'kcc'),
  agent('cas', 'kcc'),
  agent('dewi', 'vergunningen'),
  agent('eva', 'burgerzaken'),
  agent('fenna', 'burgerzaken'),
]

export class Leader implements Leadership {
  leader = true
  private readonly listeners: Array<(leader: boolean) => void> = []
  isLeader(): boolean {
    return this.leader
  }
  onChange(listener: (leader: boolean) => void): void {
    this.listeners.push(listener)
  }
  set(leader: boolean): void {
    this.leader = leader
    this.listeners.forEach((l) => l(leader))
  }
  close(): Promise<void> {
    this.leader = false
    return Promise.resolve()
  }
}

export interface Rig {
  queue: GatewayCallQueue
  leadership: Leader
  hub: LiveHub
  timers: FakeTimers
  db: GatewayDb
  events: LiveEvent[]
  terugbelverzoeken: TerugbelverzoekRequest[]
  /** Sets an agent's state as their app would (the hub stamps `since` with the fake clock). */
  setState(login: string, state: AgentState): Promise<void>
  /** A caller dials `group`; `waitedMs` earlier than now. */
  call(group: string, options?: { callerNumber?: string; sipCallId?: string; waitedMs?: number }): FakeLine
  /** Lets the queue finish what it is doing. */
  settle(): Promise<void>
  /** The same database and hub, another queue (as after a gateway restart). */
  restart(): Promise<Rig>
  close(): Promise<void>
}

let calls = 0

export async function queueRig(shared?: {
  db?: GatewayDb
  hub?: LiveHub
  timers?: FakeTimers
  events?: LiveEvent[]
  leader?: boolean
}): Promise<Rig> {
  const timers = shared?.timers ?? new FakeTimers()
  let db = shared?.db
  let closeDb = async (): Promise<void> => undefined
  if (!db) {
    const storage = openStorage({ sqliteFile: ':memory:' })
    await migrateGateway(storage.db as never, storage.engine)
    db = storage.db as unknown as GatewayDb
    closeDb = () => storage.close()
  }
  const hub = shared?.hub ?? createMemoryHub({ logger: silent, now: timers.now })
  const events = shared?.events ?? []
  const ownHub = shared?.hub === undefined
  if (ownHub) {
    hub.subscribe({ kind: 'everything' }, (event) => events.push(event))
  }
  const terugbelverzoeken: TerugbelverzoekRequest[] = []
  const leadership = new Leader()
  leadership.leader = shared?.leader ?? true
  const queue = createCallQueue({
    config: { afdelingen: AFDELINGEN },
    roster: configuredRoster(AGENTS),
    hub,
    store: new QueueCallStore(queueDb(db)),
    leadership,
    terugbelverzoeken: {
      request: (request) => {
        terugbelverzoeken.push(request)
        return Promise.resolve('id')
      },
      setActive: () => undefined,
    },
    timers,
    logger: silent,
  })
  const database = db
  const rig: Rig = {
    queue,
    leadership,
    hub,
    timers,
    db: database,
    events,
    terugbelverzoeken,
    async setState(login, state) {
      const afdeling = AGENTS.find((a) => a.login === login)?.afdeling ?? 'kcc'
      await hub.publish({ type: 'agent.state', login, afdeling, state })
      await queue.idle()
    },
    call(group, options = {}) {
      const line = new FakeLine({
        sipCallId: options.sipCallId ?? `call-${++calls}@test`,
        group,
        callerNumber: options.callerNumber ?? '0612345678',
        enteredAt: timers.now() - (options.waitedMs ?? 0),
      })
      queue.enter(line)
      return line
    },
    settle: () => queue.idle(),
    async restart() {
      await queue.close()
      return queueRig({ db: database, hub, timers, events })
    },
    async close() {
      await queue.close()
      if (ownHub) {
        await hub.close()
      }
      await closeDb()
    },
  }
  return rig
}

/** Lets promise callbacks (a ring's outcome) run, then waits for the queue. */
export async function settle(rig: Rig): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve))
  await rig.settle()
}

export function ofType<T extends LiveEvent['type']>(
  events: LiveEvent[],
  type: T,
): Array<Extract<LiveEvent, { type: T }>> {
  return events.filter((e): e is Extract<LiveEvent, { type: T }> => e.type === type)
}
