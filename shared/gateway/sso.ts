/**
 * Signing in through the municipality's identity provider (OpenID Connect), as the app and the
 * gateway speak it. The gateway is the OIDC client; the app never sees the provider's tokens.
 *
 * 1. The app makes a one-time `verifier` (43–128 characters, RFC 7636) and sends its S256
 *    `challenge` to `GET /api/auth/oidc/start` (in the browser tab, or the system browser for the
 *    desktop app, RFC 8252: never an embedded window).
 * 2. After the provider, the gateway's callback sends the browser back to the app with a
 *    single-use `code` (valid 60 seconds, bound to the challenge): the web build to
 *    `<gateway>/#sso=<code>&state=<state>`, the desktop app to its loopback listener
 *    `http://127.0.0.1:<port>/aanmelden?code=<code>&state=<state>`.
 * 3. The app exchanges code + verifier at `POST /api/session/sso` for the usual session
 *    (`SessionView`, as a password login gives).
 */

/** `GET /api/auth/methods` (public): which sign-in the login screen offers. */
export interface AuthMethodsView {
  password: boolean
  /** Present when single sign-on is on; `label` is the button's text. */
  oidc: { label: string } | null
}

/** Where the gateway returns the browser after the provider. */
export type SsoClient = 'web' | 'desktop'

/** Query of `GET /api/auth/oidc/start`. */
export interface SsoStartQuery {
  client: SsoClient
  /** base64url(SHA-256(verifier)), 43 characters. */
  challenge: string
  /** Opaque value the app checks on return (16–128 URL-safe characters). */
  state: string
  /** Desktop only: the loopback port the app listens on. */
  port?: number
}

/** Body of `POST /api/session/sso`; answered 201 with a `SessionView`, or 401 problem. */
export interface SsoExchangeBody {
  code: string
  verifier: string
}

/**
 * `DELETE /api/session` of a single-sign-on session answers 200 with this: where to send the
 * browser so the provider ends its session too (a gateway URL that redirects there). A password
 * session answers 204.
 */
export interface LogoutView {
  endSessionUrl: string | null
}

/** The loopback path the desktop app listens on (RFC 8252 §7.3). */
export const SSO_LOOPBACK_PATH = '/aanmelden'
export const SSO_CODE_TTL_SECONDS = 60
export const SSO_VERIFIER_PATTERN = /^[A-Za-z0-9._~-]{43,128}$/
export const SSO_CHALLENGE_PATTERN = /^[A-Za-z0-9_-]{43}$/
export const SSO_STATE_PATTERN = /^[A-Za-z0-9_-]{16,128}$/
