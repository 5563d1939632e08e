import { describe, expect, it } from 'vitest'
import { challengeOf, makeSsoSecrets } from '../../../renderer/src/login/pkce'
import { SSO_CHALLENGE_PATTERN, SSO_STATE_PATTERN, SSO_VERIFIER_PATTERN } from '../../../shared/gateway/sso'

describe('the single-sign-on values', () => {
  it('derive the S256 challenge as RFC 7636 Appendix B does', async () => {
    await expect(challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).resolves.toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    )
  })

  it('are a verifier, its challenge and a state in the formats the gateway accepts', async () => {
    const secrets = await makeSsoSecrets()
    expect(secrets.verifier).toMatch(SSO_VERIFIER_PATTERN)
    expect(secrets.challenge).toMatch(SSO_CHALLENGE_PATTERN)
    expect(secrets.state).toMatch(SSO_STATE_PATTERN)
    await expect(challengeOf(secrets.verifier)).resolves.toBe(secrets.challenge)
  })

  it('are new each time', async () => {
    const [a, b] = await Promise.all([makeSsoSecrets(), makeSsoSecrets()])
    expect(a.verifier).not.toBe(b.verifier)
    expect(a.state).not.toBe(b.state)
    expect(a.state).not.toBe(a.verifier)
  })
})
