import { describe, expect, it } from 'vitest'
import { createAuthLimits, type AuthLimitSettings } from '../../../server/sip/auth-limits'
import { createRootLogger } from '../../../server/lib/logger'

const settings: AuthLimitSettings = {
  failuresPerAccount: 3,
  failuresPerAddress: 10,
  windowSeconds: 60,
  blockSeconds: 10,
  maxBlockSeconds: 40,
}
const silent = createRootLogger({ level: 'silent' })

function limitsWithClock(): { limits: ReturnType<typeof createAuthLimits>; advance(seconds: number): void } {
  let t = 1_000_000
  const limits = createAuthLimits(settings, silent, () => t)
  return { limits, advance: (seconds) => (t += seconds * 1000) }
}

const failTimes = (limits: ReturnType<typeof createAuthLimits>, n: number): number => {
  let block = 0
  for (let i = 0; i < n; i++) {
    block = limits.failed('agent1', '10.0.0.1')
  }
  return block
}

describe('auth limits', () => {
  it('doubles each next block of the same key, up to the longest', () => {
    const { limits, advance } = limitsWithClock()
    const blocks: number[] = []
    for (let run = 0; run < 4; run++) {
      blocks.push(failTimes(limits, 3))
      advance(limits.blockedFor('agent1', '10.0.0.1'))
    }

    expect(blocks).toEqual([10, 20, 40, 40])
  })

  it('starts the back-off afresh after a long quiet time', () => {
    const { limits, advance } = limitsWithClock()
    failTimes(limits, 3)
    advance(10)
    failTimes(limits, 3)
    advance(41 + 20)

    expect(failTimes(limits, 3)).toBe(10)
  })

  it('does not count failures older than the window', () => {
    const { limits, advance } = limitsWithClock()
    failTimes(limits, 2)
    advance(61)

    expect(limits.failed('agent1', '10.0.0.1')).toBe(0)
    expect(limits.blockedFor('agent1', '10.0.0.1')).toBe(0)
  })

  it("clears an account's count from an address on success, but not the address's", () => {
    const { limits } = limitsWithClock()
    for (let i = 0; i < 9; i++) {
      limits.failed(`agent${i % 3}`, '10.0.0.1') // 3 accounts, 3 failures each: all three blocked
    }
    limits.succeeded('agent9', '10.0.0.1')

    expect(limits.failed('agent9', '10.0.0.1')).toBe(10) // the address's tenth failure
    expect(limits.blockedFor('agent9', '10.0.0.2')).toBe(0)
  })

  it('forgets keys that neither block nor count any more', () => {
    const { limits, advance } = limitsWithClock()
    failTimes(limits, 3)
    advance(10)
    expect(limits.size()).toBe(2)
    advance(61)
    limits.sweep()

    expect(limits.size()).toBe(0)
  })
})
