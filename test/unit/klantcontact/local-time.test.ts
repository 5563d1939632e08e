import { describe, expect, it } from 'vitest'
import {
  fromNlDateTime,
  parseNlDate,
  parseNlTime,
  toNlDate,
  toNlTime,
} from '../../../renderer/src/klantcontact/local-time'

describe('plaatsgevondenOp as a Dutch date and time', () => {
  it('shows a time as dd-mm-jjjj and uu:mm in the local zone, and reads it back to the minute', () => {
    const iso = new Date(2026, 2, 2, 14, 5).toISOString()
    expect(toNlDate(iso)).toBe('02-03-2026')
    expect(toNlTime(iso)).toBe('14:05')
    expect(fromNlDateTime('02-03-2026', '14:05')).toBe(iso)
  })

  it('uses 24 hours, never AM/PM', () => {
    expect(toNlTime(new Date(2026, 2, 2, 21, 30).toISOString())).toBe('21:30')
    expect(toNlTime(new Date(2026, 2, 2, 0, 7).toISOString())).toBe('00:07')
  })

  it('accepts how people type a date and a time: one digit, "/", "." or a space; "." in the time', () => {
    const iso = new Date(2026, 2, 2, 9, 5).toISOString()
    for (const date of ['2-3-2026', '02/03/2026', '2.3.2026', '2 3 2026', ' 02-03-2026 ']) {
      expect(fromNlDateTime(date, '9:05')).toBe(iso)
    }
    expect(fromNlDateTime('02-03-2026', '09.05')).toBe(iso)
  })

  it('reads day before month, as the Netherlands writes it', () => {
    expect(parseNlDate('12-03-2026')).toEqual({ d: 12, mo: 3, y: 2026 })
  })

  it('refuses a date or time that does not exist or is not complete', () => {
    expect(parseNlDate('31-02-2026')).toBeUndefined()
    expect(parseNlDate('2026-03-02')).toBeUndefined()
    expect(parseNlDate('02-03-26')).toBeUndefined()
    expect(parseNlDate('')).toBeUndefined()
    expect(parseNlTime('24:00')).toBeUndefined()
    expect(parseNlTime('12:60')).toBeUndefined()
    expect(parseNlTime('2 PM')).toBeUndefined()
    expect(parseNlTime('14')).toBeUndefined()
    expect(fromNlDateTime('02-03-2026', '')).toBe('')
    expect(fromNlDateTime('', '14:05')).toBe('')
  })

  it('shows nothing for a value that is not a time', () => {
    expect(toNlDate('')).toBe('')
    expect(toNlTime('geen tijd')).toBe('')
  })
})
