import { describe, expect, it } from 'vitest'
import { medewerkerFromClaims } from '../../../../server/gateway/auth/oidc/claims'
import type { OidcConfig } from '../../../../server/gateway/config/types'

const MAPPING: Pick<OidcConfig, 'claims' | 'roles' | 'afdelingen'> = {
  roles: { 'kcc-medewerkers': 'agent', 'kcc-supervisors': 'supervisor' },
  afdelingen: { 'afd-kcc': 'kcc', 'afd-vergunningen': 'vergunningen', 'afd-opgeheven': 'opgeheven' },
}
const AFDELINGEN = new Set(['kcc', 'vergunningen'])

const claims = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  sub: '5f1c',
  preferred_username: 'Jan.Jansen@gemeente.test',
  name: 'Jan Jansen',
  email: 'jan.jansen@gemeente.test',
  groups: ['kcc-medewerkers', 'afd-vergunningen', 'afd-kcc'],
  ...extra,
})

describe('a medewerker from the provider claims', () => {
  it('takes login, name, e-mail and the extension from the login, and the first mapped afdeling in configuration order', () => {
    expect(medewerkerFromClaims(claims(), MAPPING, AFDELINGEN)).toEqual({
      medewerker: {
        login: 'jan.jansen@gemeente.test',
        displayName: 'Jan Jansen',
        email: 'jan.jansen@gemeente.test',
        role: 'agent',
        afdeling: 'kcc',
        sipExtension: 'jan.jansen',
      },
    })
  })

  it('reads the claims the configuration names, an extension as a number too', () => {
    const mapping = { ...MAPPING, claims: { login: 'upn', groups: 'roles', extension: 'telephoneNumber' } }
    const result = medewerkerFromClaims(
      {
        upn: 'pdv',
        name: 'Petra',
        email: 'p@gemeente.test',
        roles: 'kcc-supervisors afd-kcc'.split(' '),
        telephoneNumber: 2102,
      },
      mapping,
      AFDELINGEN,
    )
    expect(result).toMatchObject({ medewerker: { login: 'pdv', sipExtension: '2102', role: 'supervisor' } })
  })

  it('makes a supervisor of someone in both role groups, supervising every mapped afdeling that exists', () => {
    const result = medewerkerFromClaims(
      claims({
        groups: ['afd-opgeheven', 'kcc-medewerkers', 'kcc-supervisors', 'afd-vergunningen', 'afd-kcc'],
      }),
      MAPPING,
      AFDELINGEN,
    )
    expect(result).toMatchObject({
      medewerker: { role: 'supervisor', afdeling: 'kcc', supervises: ['kcc', 'vergunningen'] },
    })
  })

  it('accepts a group claim that is one string', () => {
    const result = medewerkerFromClaims(
      claims({ groups: 'kcc-medewerkers' }),
      { ...MAPPING, afdelingen: { 'kcc-medewerkers': 'kcc' } },
      AFDELINGEN,
    )
    expect(result).toMatchObject({ medewerker: { afdeling: 'kcc' } })
  })

  it.each([
    ['no login', { preferred_username: undefined }, 'geen-login'],
    ['a login with a space', { preferred_username: 'jan jansen' }, 'geen-login'],
    ['a login object', { preferred_username: { value: 'jan' } }, 'geen-login'],
    ['no e-mail and a login that is none', { preferred_username: 'jjansen', email: undefined }, 'geen-email'],
    ['an e-mail without a domain', { email: 'jan@' }, 'geen-email'],
    [
      'a login whose part before @ is no SIP user',
      { preferred_username: '-jan@gemeente.test' },
      'ongeldig-toestel',
    ],
    ['no mapped role group', { groups: ['afd-kcc', 'marketing'] }, 'geen-rol'],
    ['no groups claim', { groups: undefined }, 'geen-rol'],
    [
      'only an afdeling that is not configured',
      { groups: ['kcc-medewerkers', 'afd-opgeheven'] },
      'geen-afdeling',
    ],
  ])('refuses %s', (_what, extra, reason) => {
    expect(medewerkerFromClaims(claims(extra), MAPPING, AFDELINGEN)).toEqual({ refused: reason })
  })

  it('falls back to the login as e-mail address and name when those claims are absent', () => {
    const result = medewerkerFromClaims(claims({ email: undefined, name: '  ' }), MAPPING, AFDELINGEN)
    expect(result).toMatchObject({
      medewerker: { email: 'jan.jansen@gemeente.test', displayName: 'jan.jansen@gemeente.test' },
    })
  })
})
