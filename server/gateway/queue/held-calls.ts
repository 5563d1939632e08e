import type { QueueStatus } from '../../../shared/live/queue'
import type { WaitingLine } from '../../lib/call-queue'
import type { StoredCall } from './call-store'
import type { QueuedCall } from './machine'

/** A waiting call this gateway holds a line for, with what the queue keeps beside its machine. */
export interface Held {
  call: QueuedCall
  line: WaitingLine
  /**
   * A leader has checked on entry that somebody of the afdeling is logged in (recorded in the
   * database, so a call announced again after a restart or to a new leader is not checked twice).
   */
  checked: boolean
  /** Counted, timed and published by this instance as leader. */
  admitted: boolean
  /** Until then another gateway's offer of this call may still ring: not offered here. */
  blockedUntil: number
  cancelTimer?: (() => void) | undefined
}

/** The calls this instance holds lines for, by the gateway's id and by line. */
export class HeldCalls {
  private readonly calls = new Map<string, Held>()
  private readonly byLine = new Map<WaitingLine, string>()

  get(id: string): Held | undefined {
    return this.calls.get(id)
  }

  idOf(line: WaitingLine): string | undefined {
    return this.byLine.get(line)
  }

  add(held: Held): void {
    this.calls.set(held.call.id, held)
    this.byLine.set(held.line, held.call.id)
  }

  /** The SIP server announced the same call again on another line: that one is used from now on. */
  replaceLine(held: Held, line: WaitingLine): void {
    this.byLine.delete(held.line)
    held.line = line
    this.byLine.set(line, held.call.id)
  }

  drop(id: string): void {
    const held = this.calls.get(id)
    if (held) {
      held.cancelTimer?.()
      this.byLine.delete(held.line)
      this.calls.delete(id)
    }
  }

  ids(): Set<string> {
    return new Set(this.calls.keys())
  }

  all(): Held[] {
    return [...this.calls.values()]
  }

  /** Admitted calls of `afdeling` that wait for an agent and may be offered now. */
  waitingIn(afdeling: string, now: number): QueuedCall[] {
    return this.all()
      .filter(
        (h) =>
          h.admitted &&
          h.call.afdeling === afdeling &&
          h.call.phase.kind === 'waiting' &&
          h.blockedUntil <= now,
      )
      .map((h) => h.call)
  }

  status(afdeling: string): QueueStatus {
    const here = this.all().filter((h) => h.call.afdeling === afdeling && h.call.phase.kind !== 'left')
    const oldest = Math.min(...here.map((h) => h.call.enteredAt))
    return {
      afdeling,
      waiting: here.length,
      ...(here.length > 0 ? { oldestSince: new Date(oldest).toISOString() } : {}),
    }
  }
}

export function fromRow(row: StoredCall): QueuedCall {
  return {
    id: row.id,
    dialled: row.dialled,
    afdeling: row.afdeling,
    enteredAt: Number(row.entered_at),
    afdelingSince: Number(row.afdeling_since),
    overflowed: Number(row.overflowed) === 1,
    tried: [],
    phase: { kind: 'waiting' },
  }
}
