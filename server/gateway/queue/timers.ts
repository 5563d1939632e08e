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
