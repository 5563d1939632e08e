import { describe, expect, it } from 'vitest'
import { maskNumber } from '../../../renderer/src/supervisor/mask'

describe('maskNumber, the caller number as the supervisor sees it', () => {
  it.each([
    ['a mobile number', '0612345678', '06••••••78'],
    ['a landline number', '0201234567', '02••••••67'],
    ['an international number, keeping the plus', '+31612345678', '+31•••••••78'],
    ['a number written with spaces', '06 12 34 56 78', '06••••••78'],
    ['a number written with dashes', '020-123-4567', '02••••••67'],
    ['an international number with spaces', '+31 6 1234 5678', '+31•••••••78'],
    ['a number with the area code in brackets', '(020) 123 4567', '02••••••67'],
    ['a number of exactly seven digits', '1234567', '12•••67'],
  ])('keeps the first two and last two digits of %s', (_name, number, masked) => {
    expect(maskNumber(number)).toBe(masked)
  })

  it('hides every digit between the first two and the last two', () => {
    const masked = maskNumber('0612345678')
    expect(masked).not.toMatch(/345/)
    expect(masked.replace(/[^\d]/g, '')).toBe('0678')
    expect([...masked].filter((c) => c === '•')).toHaveLength(6)
  })

  it.each([
    ['a short service number', '14020'],
    ['an emergency number', '112'],
    ['six digits', '123456'],
    ['an internal extension', 'medewerker2'],
    ['an anonymous caller', 'anonymous'],
    ['a web caller', 'burger'],
    ['an empty number', ''],
  ])('leaves %s as it is', (_name, number) => {
    expect(maskNumber(number)).toBe(number)
  })
})
