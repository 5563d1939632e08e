import { describe, expect, it } from 'vitest'
import { registerTelefoonnummer } from '../../../server/gateway/register-client/klant-telefoonnummer'
import { isValidPhoneNumber } from '../../../server/klantinteracties/validation/phone'

describe('the caller’s number as the register stores it', () => {
  it('stores Dutch numbers however spelled in E.164', () => {
    for (const spelled of [
      '06 12 34 56 78',
      '0612345678',
      '+31 6 12345678',
      '0031612345678',
      '+31 (0)6-1234 5678',
    ]) {
      expect(registerTelefoonnummer(spelled), spelled).toBe('+31612345678')
    }
    expect(registerTelefoonnummer('020-123 4567')).toBe('+31201234567')
  })

  it('keeps foreign numbers international, with 00 where Open Klant admits no + form', () => {
    expect(registerTelefoonnummer('+44 20 7946 0958')).toBe('+442079460958')
    expect(registerTelefoonnummer('+1234567')).toBe('001234567')
  })

  it('stores nothing for what is no phone number', () => {
    for (const raw of ['1001', 'anonymous', '', '14 020', null, undefined]) {
      expect(registerTelefoonnummer(raw), String(raw)).toBeNull()
    }
  })

  it('only ever answers a spelling the register accepts', () => {
    for (const raw of ['0612345678', '+442079460958', '+1234567', '0031201234567', '+4915112345678']) {
      const stored = registerTelefoonnummer(raw)
      expect(stored !== null && isValidPhoneNumber(stored), raw).toBe(true)
    }
  })
})
