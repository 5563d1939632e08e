import { describe, expect, it } from 'vitest'
import { fromLocalInput, toLocalInput } from '../../../renderer/src/klantcontact/local-time'

describe('the datetime-local value of plaatsgevondenOp', () => {
  it('round-trips a time to the minute in the local zone', () => {
    const iso = new Date(2026, 2, 2, 14, 5).toISOString()
    expect(toLocalInput(iso)).toBe('2026-03-02T14:05')
    expect(fromLocalInput('2026-03-02T14:05')).toBe(iso)
  })

  it('accepts seconds and fractions', () => {
    expect(fromLocalInput('2026-03-02T14:05:30.5')).toBe(new Date(2026, 2, 2, 14, 5, 30, 500).toISOString())
  })

  it('gives an empty value for a cleared, partial or impossible input', () => {
    expect(fromLocalInput('')).toBe('')
    expect(fromLocalInput('2026-03-02')).toBe('')
    expect(fromLocalInput('2026-02-31T10:00')).toBe('')
    expect(toLocalInput('')).toBe('')
    expect(toLocalInput('geen tijd')).toBe('')
  })
})
