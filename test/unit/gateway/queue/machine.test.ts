import { describe, expect, it } from 'vitest'
import { step, type QueuedCall } from '../../../../server/gateway/queue/machine'
import { queueSettingsOf } from '../../../../server/gateway/queue/settings'
import { AFDELINGEN } from './support'

const T0 = Date.parse('2026-12-07T09:00:00Z')
const settingsOf = (id: string) => queueSettingsOf(AFDELINGEN.find((a) => a.id === id)!)

function waiting(overrides: Partial<QueuedCall> = {}): QueuedCall {
  return {
    id: 'q1',
    dialled: 'kcc',
    afdeling: 'kcc',
    enteredAt: T0,
    afdelingSince: T0,
    overflowed: false,
    tried: [],
    phase: { kind: 'waiting' },
    ...overrides,
  }
}

const ringingAt = (agent: string, expired = false): QueuedCall =>
  waiting({ phase: { kind: 'ringing', agent, expired } })

describe('a waiting call', () => {
  it('rings the offered agent for the afdeling’s ring time', () => {
    const { call, effects } = step(waiting(), { kind: 'offer', agent: 'anna' }, settingsOf, T0)
    expect(call.phase).toEqual({ kind: 'ringing', agent: 'anna', expired: false })
    expect(effects).toEqual([{ kind: 'ring', agent: 'anna', ringSeconds: 15 }])
  })

  it('leaves as answered, within the service level when answered within 20 s', () => {
    const soon = step(ringingAt('anna'), { kind: 'ring_ended', outcome: 'answered' }, settingsOf, T0 + 20_000)
    expect(soon.call.phase.kind).toBe('left')
    expect(soon.effects).toContainEqual({
      kind: 'left',
      afdeling: 'kcc',
      outcome: 'answered',
      waitedMs: 20_000,
      withinServiceLevel: true,
    })
    const late = step(ringingAt('anna'), { kind: 'ring_ended', outcome: 'answered' }, settingsOf, T0 + 20_001)
    expect(late.effects).toContainEqual(
      expect.objectContaining({ outcome: 'answered', withinServiceLevel: false }),
    )
  })

  it('sends an agent who let it ring out or declined to Pauze, and waits for the next agent', () => {
    for (const outcome of ['no_answer', 'declined'] as const) {
      const { call, effects } = step(
        ringingAt('anna'),
        { kind: 'ring_ended', outcome },
        settingsOf,
        T0 + 15_000,
      )
      expect(call.phase).toEqual({ kind: 'waiting' })
      expect(call.tried).toEqual(['anna'])
      expect(effects).toEqual([
        { kind: 'agent_state', agent: 'anna', state: 'pauze' },
        { kind: 'release_agent', agent: 'anna', answered: false },
      ])
    }
  })

  it('leaves an unreachable agent’s state alone, rests them a ring time, and waits for the next agent', () => {
    const { call, effects } = step(
      ringingAt('anna'),
      { kind: 'ring_ended', outcome: 'unreachable' },
      settingsOf,
      T0,
    )
    expect(call.phase).toEqual({ kind: 'waiting' })
    expect(effects).toEqual([
      { kind: 'release_agent', agent: 'anna', answered: false },
      { kind: 'rest_agent', agent: 'anna', ms: 15_000 },
    ])
  })

  it('overflows once when the maximum wait passes, and then ends in a terugbelverzoek', () => {
    const first = step(waiting(), { kind: 'max_wait' }, settingsOf, T0 + 120_000)
    expect(first.call).toMatchObject({
      afdeling: 'vergunningen',
      afdelingSince: T0 + 120_000,
      overflowed: true,
    })
    expect(first.effects).toEqual([
      { kind: 'left', afdeling: 'kcc', outcome: 'overflowed', waitedMs: 120_000, withinServiceLevel: false },
      { kind: 'joined', afdeling: 'vergunningen' },
    ])
    const second = step(first.call, { kind: 'max_wait' }, settingsOf, T0 + 180_000)
    expect(second.call.phase.kind).toBe('left')
    expect(second.effects).toEqual([
      { kind: 'terugbelverzoek', afdeling: 'kcc', reason: 'timeout', waitedMs: 180_000 },
      { kind: 'reject', reason: 'terugbelverzoek' },
      {
        kind: 'left',
        afdeling: 'vergunningen',
        outcome: 'timeout',
        waitedMs: 180_000,
        withinServiceLevel: false,
      },
    ])
  })

  it('lets a ringing phone finish when the maximum wait passes, then gives up if it was not answered', () => {
    const expired = step(ringingAt('dewi'), { kind: 'max_wait' }, settingsOf, T0 + 120_000)
    expect(expired.effects).toEqual([])
    const answered = step(expired.call, { kind: 'ring_ended', outcome: 'answered' }, settingsOf, T0 + 125_000)
    expect(answered.effects).toContainEqual(expect.objectContaining({ kind: 'left', outcome: 'answered' }))
    const missed = step(expired.call, { kind: 'ring_ended', outcome: 'no_answer' }, settingsOf, T0 + 125_000)
    expect(missed.effects.map((e) => e.kind)).toEqual(['agent_state', 'release_agent', 'left', 'joined'])
  })

  it('is abandoned when the caller hangs up, with a terugbelverzoek only after 30 s of waiting', () => {
    const quick = step(waiting(), { kind: 'caller_left' }, settingsOf, T0 + 30_000)
    expect(quick.effects).toEqual([
      { kind: 'left', afdeling: 'kcc', outcome: 'abandoned', waitedMs: 30_000, withinServiceLevel: false },
    ])
    const patient = step(
      ringingAt('anna'),
      { kind: 'ring_ended', outcome: 'caller_left' },
      settingsOf,
      T0 + 30_001,
    )
    expect(patient.effects).toEqual([
      { kind: 'release_agent', agent: 'anna', answered: false },
      { kind: 'terugbelverzoek', afdeling: 'kcc', reason: 'abandoned', waitedMs: 30_001 },
      { kind: 'left', afdeling: 'kcc', outcome: 'abandoned', waitedMs: 30_001, withinServiceLevel: false },
    ])
  })

  it('overflows when nobody of the afdeling is logged in, and is rejected with no_agent where it cannot', () => {
    const overflow = step(waiting(), { kind: 'nobody_logged_in' }, settingsOf, T0)
    expect(overflow.effects.map((e) => e.kind)).toEqual(['left', 'joined'])
    const none = step(overflow.call, { kind: 'nobody_logged_in' }, settingsOf, T0)
    expect(none.effects).toEqual([
      { kind: 'terugbelverzoek', afdeling: 'kcc', reason: 'no_agent', waitedMs: 0 },
      { kind: 'reject', reason: 'no_agent' },
      { kind: 'left', afdeling: 'vergunningen', outcome: 'no_agent', waitedMs: 0, withinServiceLevel: false },
    ])
  })

  it('ignores everything once it has left', () => {
    const left = waiting({ phase: { kind: 'left' } })
    expect(step(left, { kind: 'max_wait' }, settingsOf, T0).effects).toEqual([])
    expect(step(left, { kind: 'ring_ended', outcome: 'answered' }, settingsOf, T0).effects).toEqual([])
  })
})
