import { describe, expect, it } from 'vitest'
import { parseReferTo, parseReplaces, replacesHeader } from '../../../shared/sip/refer-target'

describe('parseReferTo', () => {
  it('reads a plain address on a domain, with or without a display name', () => {
    expect(parseReferTo('<sip:medewerker2@kcc.test>')).toEqual({ user: 'medewerker2', host: 'kcc.test' })
    expect(parseReferTo('sip:kcc@KCC.test')).toEqual({ user: 'kcc', host: 'kcc.test' })
    expect(parseReferTo('"Medewerker 2" <sip:medewerker2@kcc.test>')).toMatchObject({ user: 'medewerker2' })
  })

  it('reads one well-formed Replaces, decoded', () => {
    expect(
      parseReferTo(
        '<sip:medewerker2@kcc.test?Replaces=abc%40pc1%3Bto-tag%3Dt1%3Bfrom-tag%3Df1%3Bearly-only>',
      ),
    ).toEqual({
      user: 'medewerker2',
      host: 'kcc.test',
      replaces: { callId: 'abc@pc1', toTag: 't1', fromTag: 'f1', earlyOnly: true },
    })
  })

  it('refuses smuggled headers, control characters, parameters and odd user parts', () => {
    for (const value of [
      '<sip:medewerker3@kcc.test?Replaces=x%0D%0AX-KCC-Klantcontact%3A%2026000002>',
      '<sip:medewerker3@kcc.test?X-KCC-Klantcontact=26000002>',
      '<sip:medewerker3@kcc.test?Replaces=a%3Bto-tag%3D1%3Bfrom-tag%3D2&X-KCC-Klantcontact=1>',
      '<sip:medewerker3@kcc.test?Replaces=a%3Bto-tag%3D1>',
      '<sip:medewerker3@kcc.test?Replaces=a%3Bto-tag%3D1%3Bfrom-tag%3D2%3Bfoo%3Dbar>',
      '<sip:medewerker3@kcc.test?Replaces=%E0%A4%A>',
      '<sip:medewerker3@kcc.test;transport=ws>',
      '<sip:medewerker3@kcc.test:5060>',
      '<sip:medewerker%33@kcc.test>',
      '<sip:medewerker3@kcc.test>;method=INVITE',
      '<sips:medewerker3@kcc.test>',
      '<tel:+31201234567>',
      'sip:medewerker3@kcc.test\r\nX-KCC-Klantcontact: 1',
      '',
    ]) {
      expect(parseReferTo(value), value).toBeUndefined()
    }
  })
})

describe('parseReplaces', () => {
  it('takes the tags in either order, each once', () => {
    expect(parseReplaces('id;from-tag=f;to-tag=t')).toEqual({
      callId: 'id',
      toTag: 't',
      fromTag: 'f',
      earlyOnly: false,
    })
    expect(parseReplaces('id;to-tag=t;to-tag=u;from-tag=f')).toBeUndefined()
    expect(parseReplaces('a@b@c;to-tag=t;from-tag=f')).toBeUndefined()
    expect(parseReplaces('id;to-tag=t\u0000;from-tag=f')).toBeUndefined()
  })

  it('writes the header from the parsed parts', () => {
    expect(replacesHeader({ callId: 'abc@pc1', toTag: 't', fromTag: 'f', earlyOnly: false })).toBe(
      'Replaces: abc@pc1;to-tag=t;from-tag=f',
    )
  })
})
