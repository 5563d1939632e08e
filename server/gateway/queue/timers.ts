import type { Clock } from '../lib/clock'

/** The queue's clock and timers, injected so unit tests run the queue on a fake clock. */
export interface QueueTimers {
  now: Clock
  /** Runs `fn` after `ms`; answers a function that cancels it. */
  after(ms: number, fn: () => void): () => void
}

export function realTimers(clock: Clock): QueueTimers {
  return {
    now: clock,
    after(ms, fn) {
      const timer = setTimeout(fn, ms)
      return () => clearTimeout(timer)
    },
  }
}

/** Timers that can all be cancelled at once (the queue closing), over `timers`. */
export function cancellable(timers: QueueTimers): QueueTimers & { cancelAll(): void } {
  const pending = new Set<() => void>()
  return {
    now: timers.now,
    after(ms, fn) {
      const cancel = timers.after(ms, () => {
        pending.delete(cancel)
        fn()
      })
      pending.add(cancel)
      return () => {
        pending.delete(cancel)
        cancel()
      }
    },
    cancelAll() {
      for (const cancel of pending) {
        cancel()
      }
      pending.clear()
    },
  }
}
