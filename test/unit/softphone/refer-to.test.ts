import { Grammar, UserAgent, type NameAddrHeader } from 'sip.js'
import { describe, expect, it } from 'vitest'
import { klantcontactnummerFromHeaders } from '../../../shared/sip/klantcontactnummer'
import { callTargetUri } from '../../../renderer/src/softphone/call/call-target'
import { blindReferTo } from '../../../renderer/src/softphone/transfer/refer-to'
import { embeddedHeaders } from '../../../shared/sip/refer-headers'

const colleague = () => UserAgent.makeURI('sip:medewerker2@kcc.test')!

/** The Refer-To as a receiving sip.js parses it (IncomingMessage.parseHeader), or -1. */
const parsedReferTo = (value: string): NameAddrHeader | -1 =>
  Grammar.parse(value, 'Refer_To') as NameAddrHeader | -1

describe('blindReferTo', () => {
  it('writes the Refer-To in angle brackets with the nummer in both headers, escaped', () => {
    expect(blindReferTo(colleague(), '26000001').toString()).toBe(
      '<sip:medewerker2@kcc.test?X-KCC-Klantcontact=26000001' +
        '&User-to-User=043236303030303031%3Bencoding%3Dhex%3Bpurpose%3Disdn-uui%3Bcontent%3Disdn-uui>',
    )
  })

  it('writes a plain target in angle brackets without a nummer', () => {
    expect(blindReferTo(colleague()).toString()).toBe('<sip:medewerker2@kcc.test>')
  })

  it('keeps the target parameters and drops any headers a typed sip: URI brought along', () => {
    const typed = UserAgent.makeURI('sip:medewerker2@kcc.test;transport=ws?Replaces=abc%3Bto-tag%3D1')!
    expect(blindReferTo(typed, '7').toString()).toMatch(
      /^<sip:medewerker2@kcc\.test;transport=ws\?X-KCC-Klantcontact=7&User-to-User=[^?]+>$/,
    )
  })

  it.each(['', '26&x=1', '12345678901', '2600 0001', '2600\r\nX-Evil: 1', '２６', '26000001;a=b'])(
    'refuses the nummer %j before building anything',
    (nummer) => {
      expect(() => blindReferTo(colleague(), nummer)).toThrow(RangeError)
    },
  )

  it('parses as a sip.js transferee parses it, and the copied headers give the nummer back', () => {
    const referTo = parsedReferTo(blindReferTo(colleague(), '26000001').toString())
    expect(referTo).not.toBe(-1)
    const header = referTo as NameAddrHeader
    expect(header.uri.aor).toBe('medewerker2@kcc.test')

    const copied = new Map(
      embeddedHeaders(header).map((line) => [
        line.slice(0, line.indexOf(':')).toLowerCase(),
        line.slice(line.indexOf(':') + 2),
      ]),
    )
    expect(klantcontactnummerFromHeaders((name) => copied.get(name.toLowerCase()))).toBe('26000001')
    expect(copied.get('user-to-user')).toBe(
      '043236303030303031;encoding=hex;purpose=isdn-uui;content=isdn-uui',
    )
  })

  it('needs both the angle brackets and the escaping: sip.js cannot parse the Refer-To without either', () => {
    const ours = blindReferTo(colleague(), '26000001').toString()
    const unbracketed = ours.slice(1, -1)
    const unescaped = decodeURIComponent(ours)
    expect(parsedReferTo(ours)).not.toBe(-1)
    expect(parsedReferTo(unbracketed)).toBe(-1)
    expect(parsedReferTo(unescaped)).toBe(-1)
  })
})

describe('callTargetUri', () => {
  it('puts an extension or group address on our domain and takes a sip: URI as it is', () => {
    expect(callTargetUri('medewerker2', 'kcc.test').toString()).toBe('sip:medewerker2@kcc.test')
    expect(callTargetUri('vergunningen', 'kcc.test').toString()).toBe('sip:vergunningen@kcc.test')
    expect(callTargetUri('sip:iemand@elders.test', 'kcc.test').toString()).toBe('sip:iemand@elders.test')
  })

  it.each(['', 'two words', 'a@b', 'x>y', 'sip:'])('refuses %j', (target) => {
    expect(() => callTargetUri(target, 'kcc.test')).toThrow(RangeError)
  })
})
