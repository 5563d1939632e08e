import { describe, expect, it } from 'vitest'
import {
  ephemeralPassword,
  issueEphemeral,
  parseEphemeralUsername,
  randomEphemeralSecret,
} from '../../../server/lib/sip-ephemeral'

describe('ephemeral SIP credentials (autheph)', () => {
  it('derives the password as base64(HMAC-SHA1(secret, username)) (RFC 2202 test case 2)', () => {
    // HMAC-SHA1("Jefe", "what do ya want for nothing?") = effcdf6ae5eb2fa2d27416d5f184df9c259a7c79
    expect(ephemeralPassword('Jefe', 'what do ya want for nothing?')).toBe('7/zfauXrL6LSdBbV8YTfnCWafHk=')
  })

  it("issues '<expiry>:<user>' with the password Kamailio's auth_ephemeral computes for it", () => {
    // openssl dgst -sha1 -hmac kamailio_rules -binary <<< '1433895918:1001' (without newline) | base64
    expect(issueEphemeral('kamailio_rules', '1001', 1433895918.9)).toEqual({
      username: '1433895918:1001',
      password: 'TJ/1g8ZlmoeCYLbFcsJT7VAiLuw=',
      expiresAt: 1433895918,
    })
  })

  it('reads the expiry and the user back, and nothing from a name that is not ephemeral', () => {
    expect(parseEphemeralUsername('1433895918:medewerker1')).toEqual({
      expiresAt: 1433895918,
      user: 'medewerker1',
    })
    expect(parseEphemeralUsername('medewerker1')).toBeUndefined()
    expect(parseEphemeralUsername('abc:medewerker1')).toBeUndefined()
    expect(parseEphemeralUsername('1433895918:')).toBeUndefined()
  })

  it('makes a different secret every time', () => {
    const a = randomEphemeralSecret()
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(randomEphemeralSecret()).not.toBe(a)
  })
})
