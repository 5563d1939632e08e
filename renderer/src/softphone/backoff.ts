/**
 * Delay before reconnect attempt `attempt` (0-based): 1, 2, 4 … capped at `maxMs`, then jittered
 * into its upper half so a whole KCC floor does not reconnect in lock-step after a proxy restart.
 */
export interface BackoffOptions {
  baseMs: number
  maxMs: number
  /** A number in [0, 1); `Math.random` in production, fixed in tests. */
  random: () => number
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 30_000, random: Math.random }

export function reconnectDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(Math.max(attempt, 0), 30))
  return Math.round(ceiling / 2 + (ceiling / 2) * options.random())
}
