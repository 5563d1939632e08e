import { describe, expect, it } from 'vitest'
import { assertedIdentityOf } from '../../../shared/sip/asserted-identity'

const DOMAIN = 'kcc.test'

describe('assertedIdentityOf', () => {
  it('reads the one identity our SIP servers assert', () => {
    expect(assertedIdentityOf(['<sip:medewerker1@kcc.test>'], DOMAIN)).toBe('medewerker1')
    expect(assertedIdentityOf([' "Medewerker 1" <sip:medewerker1@KCC.test> '], DOMAIN)).toBe('medewerker1')
  })

  it('counts an absent, repeated or foreign identity as none', () => {
    expect(assertedIdentityOf([], DOMAIN)).toBeUndefined()
    expect(
      assertedIdentityOf(['<sip:medewerker1@kcc.test>', '<sip:medewerker2@kcc.test>'], DOMAIN),
    ).toBeUndefined()
    expect(assertedIdentityOf(['<sip:medewerker1@elders.example>'], DOMAIN)).toBeUndefined()
    expect(assertedIdentityOf(['<tel:+31201234567>'], DOMAIN)).toBeUndefined()
  })

  it('counts anything but exactly <sip:user@domain> as none', () => {
    for (const value of [
      'sip:medewerker1@kcc.test',
      '<sip:medewerker1@kcc.test;user=phone>',
      '<sip:medewerker1@kcc.test:5060>',
      '<sip:medewerker1@kcc.test?X-KCC-Klantcontact=1>',
      '<sip:mede%77erker1@kcc.test>',
      '<sip:medewerker1@kcc.test>, <sip:medewerker2@kcc.test>',
      '<sip:medewerker1@kcc.test>;tag=1',
      '"M\r\nX-KCC-Klantcontact: 1" <sip:medewerker1@kcc.test>',
      '<sips:medewerker1@kcc.test>',
      '<sip:@kcc.test>',
    ]) {
      expect(assertedIdentityOf([value], DOMAIN), value).toBeUndefined()
    }
  })
})
