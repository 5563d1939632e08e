import { SSO_CHALLENGE_PATTERN, SSO_STATE_PATTERN } from '../gateway/sso'
import { object, oneOf, string, variants, type Infer } from './validate'

/**
 * The desktop app's part of single sign-on (shared/gateway/sso.ts, docs/desktop.md): the renderer
 * keeps the PKCE verifier and hands main only the challenge and the state; main opens the gateway's
 * start URL in the system browser (RFC 8252 §4.1: never an embedded window) and listens once on a
 * loopback port for the gateway's redirect, which carries the single-use code.
 */

export const ssoStartRequest = object({
  challenge: string({ pattern: SSO_CHALLENGE_PATTERN }),
  state: string({ pattern: SSO_STATE_PATTERN }),
})

export type SsoStartRequest = Infer<typeof ssoStartRequest>

/**
 * The gateway's single-use handoff code, as it arrives on the loopback redirect: URL-safe and
 * bounded, so nothing else (markup, line breaks, a second parameter) reaches the renderer.
 */
export const SSO_CODE_PATTERN = /^[A-Za-z0-9._~-]{16,256}$/

/**
 * How the sign-in in the system browser ended: with the code, cancelled by the agent (or by a newer
 * sign-in), or without an answer within {@link SSO_LOOPBACK_TIMEOUT_MS}.
 */
export const ssoStartResult = variants('outcome', {
  code: object({ outcome: oneOf(['code']), code: string({ pattern: SSO_CODE_PATTERN }) }),
  cancelled: object({ outcome: oneOf(['cancelled']) }),
  timeout: object({ outcome: oneOf(['timeout']) }),
})

export type SsoStartResult = Infer<typeof ssoStartResult>

/** How long the loopback listener waits for the browser: long enough for a login with MFA. */
export const SSO_LOOPBACK_TIMEOUT_MS = 5 * 60_000

/**
 * The gateway's end-session URL after logging out of a single-sign-on session (`LogoutView`). A
 * shape check only; main opens it only on the configured gateway's origin.
 */
export const endSessionRequest = object({
  url: string({ minLength: 1, maxLength: 4096, pattern: /^https?:\/\/[^\s]+$/ }),
})

export type EndSessionRequest = Infer<typeof endSessionRequest>
