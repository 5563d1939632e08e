import { SSO_CHALLENGE_PATTERN, SSO_STATE_PATTERN, SSO_VERIFIER_PATTERN } from '../../../shared/gateway/sso'

/**
 * The one-time values of a single sign-on (shared/gateway/sso.ts): a PKCE verifier and its S256
 * challenge (RFC 7636 §4.1–4.2), and a state the app checks when the browser comes back. Made with
 * the platform's WebCrypto: 32 random bytes each, base64url without padding (43 characters).
 */
export interface SsoSecrets {
  readonly verifier: string
  readonly challenge: string
  readonly state: string
}

export async function makeSsoSecrets(crypto: Crypto = globalThis.crypto): Promise<SsoSecrets> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)))
  const state = base64url(crypto.getRandomValues(new Uint8Array(32)))
  const challenge = await challengeOf(verifier, crypto)
  if (
    !SSO_VERIFIER_PATTERN.test(verifier) ||
    !SSO_CHALLENGE_PATTERN.test(challenge) ||
    !SSO_STATE_PATTERN.test(state)
  ) {
    // Cannot happen with a working WebCrypto; a broken one must not start a sign-in.
    throw new Error('the sign-in values do not have the expected format')
  }
  return { verifier, challenge, state }
}

/** base64url(SHA-256(ASCII(verifier))), RFC 7636 §4.2. */
export async function challengeOf(verifier: string, crypto: Crypto = globalThis.crypto): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))
  return base64url(new Uint8Array(digest))
}

function base64url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) {
    binary += String.fromCharCode(byte)
  }
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}
