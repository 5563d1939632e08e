import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadGatewayConfig } from '../../../../server/gateway/config/load'

const DEMO = new URL('../../../../config/kcc.demo.json', import.meta.url)
const demo = (): Record<string, unknown> => JSON.parse(readFileSync(DEMO, 'utf8')) as Record<string, unknown>

const OIDC = {
  issuer: 'https://login.gemeente.test/realms/kcc',
  clientId: 'kcc-gateway',
  clientSecret: 'geheim',
  redirectUri: 'https://kcc.gemeente.test/api/auth/oidc/callback',
  roles: { 'kcc-medewerkers': 'agent' },
  afdelingen: { 'afd-kcc': 'kcc' },
}

function load(config: Record<string, unknown>): Promise<unknown> {
  const file = join(mkdtempSync(join(tmpdir(), 'kcc-config-')), 'kcc.json')
  writeFileSync(file, JSON.stringify(config))
  return loadGatewayConfig(file, {})
}

describe('the auth configuration agrees with the rest', () => {
  it('accepts single sign-on beside password login', async () => {
    await expect(
      load({ ...demo(), auth: { methods: ['password', 'oidc'], oidc: OIDC } }),
    ).resolves.toBeTruthy()
  })

  it.each([
    ['oidc without auth.oidc', { methods: ['oidc'] }, /auth.oidc is missing/],
    [
      'a group mapped to an afdeling that does not exist',
      { methods: ['oidc'], oidc: { ...OIDC, afdelingen: { 'afd-x': 'belastingen' } } },
      /group afd-x maps to afdeling belastingen, which is not configured/,
    ],
    ['no role groups', { methods: ['oidc'], oidc: { ...OIDC, roles: {} } }, /at least one group/],
    [
      'a plain-http issuer elsewhere than loopback',
      { methods: ['oidc'], oidc: { ...OIDC, issuer: 'http://login.gemeente.test' } },
      /issuer must be https/,
    ],
    ['no client secret', { methods: ['oidc'], oidc: { ...OIDC, clientSecret: undefined } }, /client secret/],
    [
      'scopes without openid',
      { methods: ['oidc'], oidc: { ...OIDC, scopes: ['profile'] } },
      /include openid/,
    ],
  ])('refuses %s', async (_what, auth, message) => {
    await expect(load({ ...demo(), auth })).rejects.toThrow(message)
  })

  it('refuses password login when no agent has a password', async () => {
    const agents = (demo()['agents'] as Array<Record<string, unknown>>).map(
      ({ passwordHash: _, ...agent }) => agent,
    )
    await expect(load({ ...demo(), agents, auth: { methods: ['password'] } })).rejects.toThrow(
      /no agent has a passwordHash/,
    )
    await expect(load({ ...demo(), agents, auth: { methods: ['oidc'], oidc: OIDC } })).resolves.toBeTruthy()
  })

  it('allows a plain-http issuer on loopback, for a provider on this machine', async () => {
    const auth = { methods: ['oidc'], oidc: { ...OIDC, issuer: 'http://127.0.0.1:8443' } }
    await expect(load({ ...demo(), auth })).resolves.toBeTruthy()
  })
})
