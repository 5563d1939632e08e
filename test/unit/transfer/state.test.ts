import { describe, expect, it } from 'vitest'
import {
  isPreparing,
  nextTransferPhase,
  type TransferPhase,
  type TransferPhaseEvent,
} from '../../../renderer/src/transfer/state'

const PHASES: readonly TransferPhase[] = ['saving', 'announcing', 'dialling', 'handed', 'refused']
const EVENTS: readonly TransferPhaseEvent[] = ['saved', 'announced', 'handed', 'refuse']

/** The table in state.ts; every cell not listed is refused. */
const ALLOWED: Partial<Record<TransferPhase, Partial<Record<TransferPhaseEvent, TransferPhase>>>> = {
  saving: { saved: 'announcing', refuse: 'refused' },
  announcing: { announced: 'dialling', refuse: 'refused' },
  dialling: { handed: 'handed', refuse: 'refused' },
  handed: { refuse: 'refused' },
}

const CELLS = PHASES.flatMap((from) => EVENTS.map((event) => ({ from, event, to: ALLOWED[from]?.[event] })))

describe('nextTransferPhase', () => {
  it('covers all 20 cells of the table', () => {
    expect(CELLS).toHaveLength(PHASES.length * EVENTS.length)
    expect(CELLS.filter((cell) => cell.to !== undefined)).toHaveLength(7)
  })

  it.each(CELLS)('$from + $event → $to', ({ from, event, to }) => {
    expect(nextTransferPhase(from, event)).toBe(to)
  })

  it('walks a warm transfer with an unsaved klantcontact from saving to handed', () => {
    const walk = (['saved', 'announced', 'handed'] as const).reduce<TransferPhase[]>(
      (phases, event) => {
        const next = nextTransferPhase(phases.at(-1)!, event)
        return next === undefined ? phases : [...phases, next]
      },
      ['saving'],
    )
    expect(walk).toEqual(['saving', 'announcing', 'dialling', 'handed'])
  })

  it('lets nothing follow a refusal: the next Doorverbinden starts a new transfer', () => {
    for (const event of EVENTS) {
      expect(nextTransferPhase('refused', event)).toBeUndefined()
    }
  })

  it('throws for a phase it does not know', () => {
    expect(() => nextTransferPhase('gone' as TransferPhase, 'saved')).toThrow(TypeError)
  })
})

describe('isPreparing', () => {
  it.each([
    ['saving', true],
    ['announcing', true],
    ['dialling', true],
    ['handed', false],
    ['refused', false],
  ] as const)('%s → %s', (phase, preparing) => {
    expect(isPreparing(phase)).toBe(preparing)
  })

  it('throws for a phase it does not know', () => {
    expect(() => isPreparing('gone' as TransferPhase)).toThrow(TypeError)
  })
})
