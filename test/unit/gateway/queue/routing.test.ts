import { describe, expect, it } from 'vitest'
import { assign, chooseAgent } from '../../../../server/gateway/queue/routing'

const idle = (login: string, idleSince: number) => ({ login, idleSince })

describe('choosing an agent', () => {
  it('picks the member who has been Beschikbaar longest', () => {
    expect(chooseAgent([idle('anna', 300), idle('bram', 100), idle('cas', 200)], new Set(), [])?.login).toBe(
      'bram',
    )
  })

  it('skips a reserved agent, whose offer still rings', () => {
    expect(chooseAgent([idle('anna', 300), idle('bram', 100)], new Set(['bram']), [])?.login).toBe('anna')
    expect(chooseAgent([idle('bram', 100)], new Set(['bram']), [])).toBeUndefined()
  })

  it('tries an agent who already let the call ring out only when nobody else is free', () => {
    expect(chooseAgent([idle('anna', 300), idle('bram', 100)], new Set(), ['bram'])?.login).toBe('anna')
    expect(chooseAgent([idle('bram', 100)], new Set(), ['bram'])?.login).toBe('bram')
  })

  it('gives the oldest caller the longest-idle agent and each caller a different agent', () => {
    const offers = assign(
      [
        { id: 'new', enteredAt: 2_000, tried: [] },
        { id: 'old', enteredAt: 1_000, tried: [] },
        { id: 'newest', enteredAt: 3_000, tried: [] },
      ],
      [idle('anna', 50), idle('bram', 10)],
      new Set(),
    )
    expect(offers).toEqual([
      { callId: 'old', agent: 'bram' },
      { callId: 'new', agent: 'anna' },
    ])
  })
})
