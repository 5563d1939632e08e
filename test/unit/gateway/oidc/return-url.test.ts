import { describe, expect, it } from 'vitest'
import { returnUrl } from '../../../../server/gateway/auth/oidc/routes'
import type { PendingLogin } from '../../../../server/gateway/auth/oidc/store'
import type { OidcConfig } from '../../../../server/gateway/config/types'

const settings = (redirectUri: string): OidcConfig => ({
  issuer: 'https://login.gemeente.example',
  clientId: 'kcc-gateway',
  redirectUri,
  roles: {},
  afdelingen: {},
})

const pending = (app: PendingLogin['app']): PendingLogin => ({
  state: 's',
  nonce: 'n',
  codeVerifier: 'v',
  app,
})

const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'

describe('where the gateway sends the browser back after the identity provider', () => {
  it('returns the web app to the address the callback is under, with the code in the fragment', () => {
    const web = pending({ client: 'web', challenge: CHALLENGE, state: 'state-of-the-app-1', port: null })
    expect(returnUrl(web, 'CODE', settings('https://kcc.gemeente.example/api/auth/oidc/callback'))).toBe(
      'https://kcc.gemeente.example/#sso=CODE&state=state-of-the-app-1',
    )
    // Behind a reverse proxy under a path, the app is under that path too.
    expect(returnUrl(web, 'CODE', settings('https://www.gemeente.example/kcc/api/auth/oidc/callback'))).toBe(
      'https://www.gemeente.example/kcc/#sso=CODE&state=state-of-the-app-1',
    )
  })

  it('returns the desktop app to its loopback listener on 127.0.0.1, whatever the callback', () => {
    const desktop = pending({
      client: 'desktop',
      challenge: CHALLENGE,
      state: 'state-of-the-app-2',
      port: 49152,
    })
    expect(returnUrl(desktop, 'CODE', settings('https://kcc.gemeente.example/api/auth/oidc/callback'))).toBe(
      'http://127.0.0.1:49152/aanmelden?code=CODE&state=state-of-the-app-2',
    )
  })
})
