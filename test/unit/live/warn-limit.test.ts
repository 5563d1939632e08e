import { describe, expect, it } from 'vitest'
import { createRootLogger } from '../../../server/lib/logger'
import { createWarnLimit } from '../../../server/lib/warn-limit'

describe('warnings about client mistakes', () => {
  it('are written up to the cap per minute, then counted and reported once the next minute starts', () => {
    const lines: Array<{ msg: string; suppressed?: number }> = []
    const logger = createRootLogger({
      level: 'warn',
      destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
    })
    let now = 0
    const limit = createWarnLimit(logger, { perMinute: 2, now: () => now })

    for (let i = 0; i < 5; i++) {
      limit.warn({ i }, 'client mistake')
    }
    now = 60_000
    limit.warn({}, 'client mistake')

    expect(lines.map((l) => l.msg)).toEqual([
      'client mistake',
      'client mistake',
      'warnings about client mistakes suppressed in the last minute',
      'client mistake',
    ])
    expect(lines[2]!.suppressed).toBe(3)
  })
})
