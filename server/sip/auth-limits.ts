import type { Logger } from '../lib/logger'

/**
 * Password guessing across connections: failed digest attempts are counted per (account, source
 * address) and per source address alone, over all connections. A key that fails too often within
 * the window is refused for a while, and each further block of the same key lasts twice as long
 * (up to a maximum). Keying on the account together with the address means a guesser elsewhere
 * cannot lock the real agent out; the address-only key stops one address trying many accounts.
 * A success clears the (account, address) key only: a guesser holding one valid account (a guest's
 * password on Kamailio) must not be able to wipe its address's record with it.
 */
export interface AuthLimitSettings {
  /** Failures of one account from one address within the window before that pair is blocked. */
  failuresPerAccount: number
  /** Failures from one address (any accounts) within the window before the address is blocked. */
  failuresPerAddress: number
  /** How long a failure counts, in seconds. */
  windowSeconds: number
  /** The first block, in seconds; each next block of the same key doubles it. */
  blockSeconds: number
  /** The longest block, in seconds; a key's history is forgotten after this long without failures. */
  maxBlockSeconds: number
}

export interface AuthLimits {
  /** Seconds the attempt must wait (0 = it may try): the larger of the pair's and the address's block. */
  blockedFor(account: string, address: string): number
  /** Counts a failed attempt; returns the seconds of a block it started (0 = none). */
  failed(account: string, address: string): number
  succeeded(account: string, address: string): void
  /** Forgets keys that neither block nor count any more. */
  sweep(): void
  size(): number
}

interface Entry {
  /** Times of the failures still inside the window (oldest first). */
  failures: number[]
  blockedUntil: number
  /** Blocks so far: the next one lasts blockSeconds * 2^blocks. */
  blocks: number
  lastFailure: number
}

/** Bounds memory against a flood of distinct (account, address) keys; oldest keys go first. */
const MAX_KEYS = 100_000

export function createAuthLimits(
  settings: AuthLimitSettings,
  logger: Logger,
  now: () => number = Date.now,
): AuthLimits {
  const entries = new Map<string, Entry>()
  const pairKey = (account: string, address: string): string => `${account}@${address}`
  const addressKey = (address: string): string => `@${address}`

  const remaining = (key: string, t: number): number => {
    const entry = entries.get(key)
    return entry && entry.blockedUntil > t ? Math.ceil((entry.blockedUntil - t) / 1000) : 0
  }

  const count = (key: string, limit: number, t: number): number => {
    let entry = entries.get(key)
    if (!entry) {
      if (entries.size >= MAX_KEYS) {
        entries.delete(entries.keys().next().value!)
      }
      entry = { failures: [], blockedUntil: 0, blocks: 0, lastFailure: t }
      entries.set(key, entry)
    }
    if (t - entry.lastFailure > settings.maxBlockSeconds * 1000) {
      entry.blocks = 0 // long quiet: start the back-off from the beginning again
    }
    entry.lastFailure = t
    const windowStart = t - settings.windowSeconds * 1000
    entry.failures = entry.failures.filter((at) => at > windowStart)
    entry.failures.push(t)
    if (entry.failures.length < limit || entry.blockedUntil > t) {
      return 0
    }
    const seconds = Math.min(settings.blockSeconds * 2 ** entry.blocks, settings.maxBlockSeconds)
    entry.blocks++
    entry.failures = []
    entry.blockedUntil = t + seconds * 1000
    return seconds
  }

  return {
    blockedFor(account, address) {
      const t = now()
      return Math.max(remaining(pairKey(account, address), t), remaining(addressKey(address), t))
    },

    failed(account, address) {
      const t = now()
      const pair = count(pairKey(account, address), settings.failuresPerAccount, t)
      const whole = count(addressKey(address), settings.failuresPerAddress, t)
      if (pair > 0) {
        logger.warn({ user: account, address, seconds: pair }, 'sip auth: account blocked for this address')
      }
      if (whole > 0) {
        logger.warn({ address, seconds: whole }, 'sip auth: address blocked')
      }
      return Math.max(pair, whole)
    },

    succeeded(account, address) {
      entries.delete(pairKey(account, address))
    },

    sweep() {
      const t = now()
      for (const [key, entry] of entries) {
        const quiet =
          t - entry.lastFailure > Math.max(settings.maxBlockSeconds, settings.windowSeconds) * 1000
        if (entry.blockedUntil <= t && quiet) {
          entries.delete(key)
        }
      }
    },

    size: () => entries.size,
  }
}
