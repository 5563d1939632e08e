import type { Logger } from './logger'

/**
 * Warnings about clients' mistakes (junk on a socket, oversized messages), capped per minute over
 * the whole process: a client that makes them on purpose must not be able to fill the log or spend
 * our time writing it. What is over the cap is counted and said in one line when the next minute's
 * first warning is written.
 */
export interface WarnLimit {
  warn(fields: Record<string, unknown>, message: string): void
}

export function createWarnLimit(
  logger: Logger,
  options: { perMinute: number; now?: () => number },
): WarnLimit {
  const now = options.now ?? Date.now
  let windowStart = Number.NEGATIVE_INFINITY
  let written = 0
  let suppressed = 0
  return {
    warn(fields, message) {
      const time = now()
      if (time - windowStart >= 60_000) {
        windowStart = time
        written = 0
        if (suppressed > 0) {
          logger.warn({ suppressed }, 'warnings about client mistakes suppressed in the last minute')
          suppressed = 0
        }
      }
      if (written >= options.perMinute) {
        suppressed++
        return
      }
      written++
      logger.warn(fields, message)
    },
  }
}
