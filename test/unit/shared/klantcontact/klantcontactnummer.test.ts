import { describe, expect, it } from 'vitest'
import { KLANTCONTACT_LIMITS } from '../../../../shared/api/klantinteracties-limits'
import {
  assertKlantcontactnummer,
  formatKlantcontactnummer,
  isKlantcontactnummer,
  KLANTCONTACTNUMMER_MAX_DIGITS,
  KLANTCONTACTNUMMER_PATTERN,
  KLANTCONTACTNUMMER_REASON,
  nummerYear,
  parseKlantcontactnummer,
  parseTypedKlantcontactnummer,
} from '../../../../shared/klantcontact/klantcontactnummer'

const NOT_NUMMERS: unknown[] = [
  '',
  '12345678901',
  '-1',
  '+31',
  ' 123',
  '123 ',
  '123\n',
  '12a',
  '１２３',
  '٣٤',
  '1\r\nVia: x',
  '1,2',
  '1.5',
  null,
  undefined,
  42,
  ['1'],
]

describe('what a klantcontactnummer is', () => {
  it('is 1 to 10 ASCII digits, leading zeros included', () => {
    for (const nummer of ['0', '7', '23009182', '0000000001', '1234567890']) {
      expect(isKlantcontactnummer(nummer), nummer).toBe(true)
      expect(parseKlantcontactnummer(nummer), nummer).toBe(nummer)
      expect(assertKlantcontactnummer(nummer), nummer).toBe(nummer)
    }
  })

  it('is nothing else: no 11th digit, no sign, space, line break, Unicode digit or non-string', () => {
    for (const value of NOT_NUMMERS) {
      expect(isKlantcontactnummer(value), JSON.stringify(value)).toBe(false)
      expect(parseKlantcontactnummer(value), JSON.stringify(value)).toBeUndefined()
      expect(() => assertKlantcontactnummer(value), JSON.stringify(value)).toThrow(RangeError)
    }
  })

  it('is as long as the OAS allows Klantcontact.nummer to be, and no longer', () => {
    expect(KLANTCONTACTNUMMER_MAX_DIGITS).toBe(KLANTCONTACT_LIMITS.nummer)
    expect(isKlantcontactnummer('9'.repeat(KLANTCONTACTNUMMER_MAX_DIGITS))).toBe(true)
    expect(isKlantcontactnummer('9'.repeat(KLANTCONTACTNUMMER_MAX_DIGITS + 1))).toBe(false)
  })

  it('has one anchored pattern, whose source is the JSON Schema pattern the gateway and Kamailio use', () => {
    expect(KLANTCONTACTNUMMER_PATTERN.source).toBe('^[0-9]{1,10}$')
    expect(KLANTCONTACTNUMMER_PATTERN.flags).toBe('')
  })

  it('is explained to the agent in Dutch with its length', () => {
    expect(KLANTCONTACTNUMMER_REASON).toBe('Een klantcontactnummer bestaat uit 1 tot 10 cijfers.')
  })
})

describe('a generated klantcontactnummer', () => {
  it('is the two-digit year and a sequence of at least six digits', () => {
    expect(formatKlantcontactnummer('26', 1)).toBe('26000001')
    expect(formatKlantcontactnummer('26', 42)).toBe('26000042')
    expect(formatKlantcontactnummer('26', 999_999)).toBe('26999999')
    expect(formatKlantcontactnummer('26', 1_000_000)).toBe('261000000')
    expect(formatKlantcontactnummer('26', 99_999_999)).toBe('2699999999')
  })

  it('refuses a sequence that no longer fits in the nummer', () => {
    expect(() => formatKlantcontactnummer('26', 100_000_000)).toThrow(/exhausted/)
  })

  it('is always a valid klantcontactnummer', () => {
    for (const sequence of [1, 10, 123_456, 9_999_999, 99_999_999]) {
      expect(isKlantcontactnummer(formatKlantcontactnummer(nummerYear(new Date()), sequence))).toBe(true)
    }
  })

  it('takes its year from the calendar in the Netherlands, not from UTC', () => {
    // 23:30 UTC on 31 December is already 00:30 on 1 January in Amsterdam (CET, UTC+1).
    expect(nummerYear(new Date('2025-12-31T22:30:00Z'))).toBe('25')
    expect(nummerYear(new Date('2025-12-31T23:30:00Z'))).toBe('26')
    expect(nummerYear(new Date('2030-07-01T12:00:00Z'))).toBe('30')
  })
})

describe('parseTypedKlantcontactnummer', () => {
  it('accepts the nummer typed in the groups the app shows it in', () => {
    expect(parseTypedKlantcontactnummer('26 000 001')).toBe('26000001')
  })

  it('leaves out any whitespace: around, between, tabs and a non-breaking space from a copy', () => {
    for (const typed of [
      ' 26000001 ',
      '26\t000\t001',
      '26\u00a0000\u00a0001',
      '2 6 0 0 0 0 0 1',
      '26  000 001\n',
    ]) {
      expect(parseTypedKlantcontactnummer(typed)).toBe('26000001')
    }
  })

  it('still refuses anything but digits, and more than ten of them', () => {
    for (const typed of ['26-000-001', '26.000.001', 'K26000001', '٢٦', '', '   ', '12 345 678 901']) {
      expect(parseTypedKlantcontactnummer(typed)).toBeUndefined()
    }
  })
})
