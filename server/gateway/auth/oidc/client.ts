import * as oidc from 'openid-client'
import type { OidcConfig } from '../../config/types'
import { DEFAULT_CLAIMS } from './claims'

/**
 * The gateway as a confidential OpenID Connect client (openid-client 6): authorization code flow
 * with PKCE (RFC 7636) and a nonce, client_secret_basic at the token endpoint (RFC 6749 §2.3.1).
 * openid-client checks the ID token's issuer, audience, expiry and nonce; its signature is checked
 * too (`enableNonRepudiationChecks`, against the provider's published keys), although OIDC Core
 * §3.1.3.7 would let a client rely on TLS for a token from the token endpoint: the gateway does
 * not make its trust depend on a proxy in between.
 *
 * The provider's discovery document is fetched at the first sign-in, not at start, so the gateway
 * (and password login) starts while the provider is unreachable; a failed discovery is retried by
 * the next sign-in. Plain HTTP is allowed only for a provider on this machine's loopback.
 */
export const DEFAULT_SCOPES = ['openid', 'profile', 'email']

export interface SignedIn {
  claims: Record<string, unknown>
  idToken: string | null
}

export class OidcClient {
  private configuration: Promise<oidc.Configuration> | undefined

  constructor(private readonly settings: OidcConfig) {}

  /** The provider's authorization URL for one sign-in. */
  async authorizationUrl(check: { state: string; nonce: string; codeVerifier: string }): Promise<URL> {
    const config = await this.config()
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: (this.settings.scopes ?? DEFAULT_SCOPES).join(' '),
      state: check.state,
      nonce: check.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(check.codeVerifier),
      code_challenge_method: 'S256',
    })
  }

  /**
   * Exchanges the code of the provider's answer (the callback's query) and answers the verified ID
   * token's claims; the UserInfo endpoint's are added when the ID token lacks the login or group
   * claim (a provider may keep them out of the token).
   */
  async signedIn(
    query: string,
    check: { state: string; nonce: string; codeVerifier: string },
  ): Promise<SignedIn> {
    const config = await this.config()
    // The redirect URI as registered, not the Host header of the request: openid-client checks it.
    const current = new URL(this.settings.redirectUri)
    current.search = query
    const tokens = await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: check.codeVerifier,
      expectedState: check.state,
      expectedNonce: check.nonce,
      idTokenExpected: true,
    })
    const idClaims = tokens.claims()
    if (!idClaims) {
      throw new Error('the provider sent no ID token')
    }
    let claims: Record<string, unknown> = { ...idClaims }
    const names = { ...DEFAULT_CLAIMS, ...this.settings.claims }
    const lacking = claims[names.login] === undefined || claims[names.groups] === undefined
    if (lacking && config.serverMetadata().userinfo_endpoint) {
      const userInfo = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub)
      claims = { ...userInfo, ...claims }
    }
    return { claims, idToken: tokens.id_token ?? null }
  }

  /** The provider's end-session URL (RP-Initiated Logout 1.0), or null when it has none. */
  async endSessionUrl(idToken: string | null): Promise<URL | null> {
    const config = await this.config()
    if (!config.serverMetadata().end_session_endpoint) {
      return null
    }
    return oidc.buildEndSessionUrl(config, {
      ...(idToken ? { id_token_hint: idToken } : {}),
      ...(this.settings.postLogoutRedirectUri
        ? { post_logout_redirect_uri: this.settings.postLogoutRedirectUri }
        : {}),
    })
  }

  private config(): Promise<oidc.Configuration> {
    this.configuration ??= this.discover().catch((error: unknown) => {
      this.configuration = undefined
      throw error
    })
    return this.configuration
  }

  private discover(): Promise<oidc.Configuration> {
    const { issuer, clientId, clientSecret } = this.settings
    return oidc.discovery(new URL(issuer), clientId, undefined, oidc.ClientSecretBasic(clientSecret ?? ''), {
      execute: [
        oidc.enableNonRepudiationChecks,
        ...(isLoopbackHttp(issuer) ? [oidc.allowInsecureRequests] : []),
      ],
      timeout: 10,
    })
  }
}

/** An http:// issuer on this machine's loopback (a test or development provider). */
export function isLoopbackHttp(issuer: string): boolean {
  const url = new URL(issuer)
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
}
