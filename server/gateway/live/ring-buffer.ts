/**
 * The last N events of a hub, for clients that reconnect: `after(seq)` gives what they missed, or
 * `undefined` when some of it has already been overwritten (or never was here), in which case the
 * client must take a snapshot. Fixed capacity, so a busy hub never grows without bound.
 */
export interface Sequenced {
  readonly seq: number
}

export class EventRing<T extends Sequenced> {
  private readonly slots: (T | undefined)[]
  private start = 0
  private count = 0
  /**
   * Every event with seq ≤ this is gone (overwritten, or before the ring started). A reader at
   * exactly this seq misses nothing; a reader before it has missed something.
   */
  private horizon: number

  constructor(
    readonly capacity: number,
    startSeq = 0,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new Error(`ring buffer capacity must be a positive integer, got ${capacity}`)
    }
    this.slots = new Array<T | undefined>(capacity)
    this.horizon = startSeq
  }

  /** Seq of the newest event held, or the start seq when empty. */
  get lastSeq(): number {
    return this.count === 0 ? this.horizon : this.at(this.count - 1).seq
  }

  get size(): number {
    return this.count
  }

  /** Appends an event; seqs must increase (the hub applies events in order). */
  push(event: T): void {
    if (event.seq <= this.lastSeq) {
      throw new Error(`ring buffer: seq ${event.seq} is not after ${this.lastSeq}`)
    }
    if (this.count === this.capacity) {
      this.horizon = this.at(0).seq
      this.slots[this.start] = event
      this.start = (this.start + 1) % this.capacity
      return
    }
    this.slots[(this.start + this.count) % this.capacity] = event
    this.count += 1
  }

  /** Events with seq > `seq`, oldest first; `undefined` if some of them are no longer held. */
  after(seq: number): T[] | undefined {
    if (seq < this.horizon || seq > this.lastSeq) {
      // Too old, or from the future (a client of an earlier life of this hub): take a snapshot.
      return undefined
    }
    const first = this.firstAfter(seq)
    const events: T[] = []
    for (let i = first; i < this.count; i += 1) {
      events.push(this.at(i))
    }
    return events
  }

  /** Forgets everything; the next event must come after `seq`. */
  reset(seq: number): void {
    this.slots.fill(undefined)
    this.start = 0
    this.count = 0
    this.horizon = seq
  }

  private at(index: number): T {
    const event = this.slots[(this.start + index) % this.capacity]
    if (event === undefined) {
      throw new Error(`ring buffer: no event at index ${index}`)
    }
    return event
  }

  /** Binary search: seqs increase but need not be contiguous. */
  private firstAfter(seq: number): number {
    let low = 0
    let high = this.count
    while (low < high) {
      const mid = (low + high) >>> 1
      if (this.at(mid).seq <= seq) {
        low = mid + 1
      } else {
        high = mid
      }
    }
    return low
  }
}
