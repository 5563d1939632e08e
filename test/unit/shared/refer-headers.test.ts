import { Grammar, type NameAddrHeader } from 'sip.js'
import { describe, expect, it } from 'vitest'
import { embeddedHeaders, type ReferToLike } from '../../../shared/sip/refer-headers'

/** The Refer-To as a receiving sip.js parses it (what `Referral.referTo` returns). */
function parsed(value: string): NameAddrHeader {
  const header = Grammar.parse(value, 'Refer_To') as NameAddrHeader | -1
  if (header === -1) {
    throw new Error(`sip.js does not parse ${value}`)
  }
  return header
}

/** A Refer-To with URI headers sip.js' grammar would not let through, to test the checks anyway. */
const withHeaders = (headers: Record<string, string[]>): ReferToLike => ({ uri: { headers } })

describe('embeddedHeaders', () => {
  it('copies the headers of a blind transfer, percent-decoded', () => {
    const referTo = parsed(
      '<sip:medewerker2@kcc.test?X-KCC-Klantcontact=26000001' +
        '&User-to-User=043236303030303031%3Bencoding%3Dhex%3Bpurpose%3Disdn-uui%3Bcontent%3Disdn-uui>',
    )
    // sip.js capitalises each word of a name (X-Kcc-Klantcontact, User-To-User); header names are
    // case-insensitive (RFC 3261 §7.3.1).
    expect(embeddedHeaders(referTo)).toEqual([
      'X-Kcc-Klantcontact: 26000001',
      'User-To-User: 043236303030303031;encoding=hex;purpose=isdn-uui;content=isdn-uui',
    ])
  })

  it('gives nothing for a Refer-To without headers', () => {
    expect(embeddedHeaders(parsed('<sip:vergunningen@kcc.test>'))).toEqual([])
    expect(embeddedHeaders(parsed('sip:vergunningen@kcc.test'))).toEqual([])
  })

  it('leaves Replaces, Referred-By and body to sip.js, in any case', () => {
    const referTo = parsed(
      '<sip:medewerker2@kcc.test?replaces=abc%40kcc.test%3Bto-tag%3D1%3Bfrom-tag%3D2' +
        '&Referred-By=%3Csip%3Amedewerker1%40kcc.test%3E&BODY=hallo&X-KCC-Klantcontact=7>',
    )
    expect(embeddedHeaders(referTo)).toEqual(['X-Kcc-Klantcontact: 7'])
    expect(
      embeddedHeaders(withHeaders({ Replaces: ['a'], 'REFERRED-BY': ['b'], body: ['c'], 'X-Ander': ['d'] })),
    ).toEqual(['X-Ander: d'])
  })

  it('writes one line per value of a header given more than once', () => {
    expect(embeddedHeaders(parsed('<sip:a@kcc.test?X-A=1&x-a=2>'))).toEqual(['X-A: 1', 'X-A: 2'])
  })

  it('drops a value that decodes to a CR or LF, so nothing can inject a header line', () => {
    expect(
      embeddedHeaders(
        parsed('<sip:a@kcc.test?X-Evil=1%0D%0AVia%3A%20SIP%2F2.0%2FWS%20x&X-Lf=1%0Ab&X-Goed=ja>'),
      ),
    ).toEqual(['X-Goed: ja'])
  })

  it('drops a value that does not decode (not UTF-8)', () => {
    expect(embeddedHeaders(parsed('<sip:a@kcc.test?X-Bad=%E0%A4&X-Goed=ja>'))).toEqual(['X-Goed: ja'])
  })

  it('drops a name that is not a token (RFC 3261 §25.1)', () => {
    expect(
      embeddedHeaders(
        withHeaders({
          'X Spatie': ['1'],
          'X-Dubbele:punt': ['2'],
          'X-Regel\r\nVia': ['3'],
          '': ['4'],
          "X-Token.!%*_+`'~": ['5'],
        }),
      ),
    ).toEqual(["X-Token.!%*_+`'~: 5"])
  })

  it('keeps an empty value', () => {
    expect(embeddedHeaders(withHeaders({ 'X-Leeg': [''] }))).toEqual(['X-Leeg: '])
  })
})
