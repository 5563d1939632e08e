import { describe, expect, it } from 'vitest'
import {
  decodeUserToUser,
  encodeUserToUser,
  klantcontactHeaders,
  klantcontactnummerFromHeaders,
} from '../../../shared/sip/klantcontactnummer'
import { parseKlantcontactnummer } from '../../../shared/klantcontact/klantcontactnummer'

const headers =
  (values: Record<string, string>) =>
  (name: string): string | undefined =>
    Object.entries(values).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1]

// What a nummer is: test/unit/shared/klantcontact/klantcontactnummer.test.ts.
describe('klantcontactnummer in SIP headers', () => {
  it('writes both headers for a consult INVITE, User-to-User hex-encoded per RFC 7433', () => {
    expect(klantcontactHeaders('23009182')).toEqual([
      'X-KCC-Klantcontact: 23009182',
      'User-to-User: 043233303039313832;encoding=hex;purpose=isdn-uui;content=isdn-uui',
    ])
  })

  it('refuses to put anything but digits into a header', () => {
    for (const bad of ['23009182\r\nVia: SIP/2.0/WS evil', '', '12345678901', 'abc']) {
      expect(() => klantcontactHeaders(bad)).toThrow(RangeError)
      expect(() => encodeUserToUser(bad)).toThrow(RangeError)
    }
  })

  it('decodes what it encodes, for every length', () => {
    for (let digits = 1; digits <= 10; digits++) {
      const nummer = '9876543210'.slice(0, digits)
      expect(decodeUserToUser(encodeUserToUser(nummer))).toBe(nummer)
    }
  })

  it('decodes a User-to-User value without parameters (hex is the default encoding)', () => {
    expect(decodeUserToUser('043233303039313832')).toBe('23009182')
  })

  it('rejects User-to-User values that are not hex IA5 digits', () => {
    for (const bad of [
      '053233303039313832;encoding=hex',
      '0432333030393138;encoding=ascii',
      '04323g;encoding=hex',
      '04',
      '04410D0A;encoding=hex',
      `04${'31'.repeat(11)}`,
      undefined,
    ]) {
      expect(decodeUserToUser(bad), String(bad)).toBeUndefined()
    }
  })

  it('reads X-KCC-Klantcontact first and User-to-User when it is absent', () => {
    expect(klantcontactnummerFromHeaders(headers({ 'X-Kcc-Klantcontact': '26000001' }))).toBe('26000001')
    expect(
      klantcontactnummerFromHeaders(
        headers({ 'User-To-User': '043236303030303032;encoding=hex;purpose=isdn-uui;content=isdn-uui' }),
      ),
    ).toBe('26000002')
    expect(klantcontactnummerFromHeaders(headers({}))).toBeUndefined()
  })

  it('does not fall back to User-to-User when X-KCC-Klantcontact is present but malformed', () => {
    const tampered = headers({
      'X-KCC-Klantcontact': '26000001; drop',
      'User-to-User': '043236303030303032;encoding=hex',
    })
    expect(klantcontactnummerFromHeaders(tampered)).toBeUndefined()
  })

  it('never accepts a value that could break a header line, over many random inputs', () => {
    const alphabet = '0123456789\r\n;:,+- aZ٣\u0000'
    let seed = 7
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    for (let i = 0; i < 5000; i++) {
      const length = Math.floor(random() * 14)
      const value = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('')
      const parsed = parseKlantcontactnummer(value)
      if (parsed !== undefined) {
        expect(parsed).toMatch(/^[0-9]{1,10}$/)
        const lines = klantcontactHeaders(parsed)
        expect(lines.some((line) => /[\r\n]/.test(line) || line.includes('\u0000'))).toBe(false)
      } else {
        expect(() => klantcontactHeaders(value)).toThrow()
      }
    }
  })
})
