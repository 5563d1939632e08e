import { describe, expect, it } from 'vitest'
import {
  registerSpellings,
  samePhoneNumber,
  toE164,
} from '../../../server/gateway/register-client/phone-number'

describe('phone numbers', () => {
  it('reduces every Dutch spelling of one mobile number to the same E.164 number', () => {
    for (const spelling of [
      '06 12 34 56 78',
      '0612345678',
      '06-12345678',
      '+31612345678',
      '+31 6 12345678',
      '0031612345678',
      '0031 6 1234 5678',
      '+31 (0)6 12 34 56 78',
    ]) {
      expect(toE164(spelling), spelling).toBe('+31612345678')
    }
  })

  it('reduces a geographic number with its area code the same way', () => {
    expect(toE164('(020) 624 11 11')).toBe('+31206241111')
    expect(toE164('0031-20-6241111')).toBe('+31206241111')
  })

  it('keeps a foreign number foreign, whichever international prefix it was dialled with', () => {
    expect(toE164('+49 30 1234567')).toBe('+49301234567')
    expect(toE164('0049301234567')).toBe('+49301234567')
  })

  it('finds no E.164 number in an extension, a short number, a withheld caller or a malformed number', () => {
    for (const input of [
      '1001',
      '14020',
      '112',
      'anonymous',
      '',
      '+',
      '06',
      '0612345678901',
      '+0612345678',
    ]) {
      expect(toE164(input), input).toBeNull()
    }
  })

  it('tells whether two spellings are one number', () => {
    expect(samePhoneNumber('06 12 34 56 78', '0031612345678')).toBe(true)
    expect(samePhoneNumber('0612345678', '0612345679')).toBe(false)
    expect(samePhoneNumber('+44612345678', '0612345678')).toBe(false)
    expect(samePhoneNumber('1001', '1001')).toBe(false)
  })

  it('lists the spellings a register can hold: national for Dutch numbers, and both international forms', () => {
    expect(registerSpellings('+31612345678')).toEqual(['0612345678', '+31612345678', '0031612345678'])
    expect(registerSpellings('+49301234567')).toEqual(['+49301234567', '0049301234567'])
  })
})
