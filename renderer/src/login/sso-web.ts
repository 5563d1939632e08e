import { SSO_CODE_PATTERN } from '../../../shared/ipc'
import type { SsoSecrets } from './pkce'

/**
 * Single sign-on in the web build (shared/gateway/sso.ts): the tab itself goes to the gateway, the
 * provider and back. What must survive that round trip, the verifier and the state, waits in
 * `sessionStorage`: this tab only, gone when it closes, never sent anywhere. The gateway returns
 * the tab to `/#sso=<code>&state=<state>`; the fragment never reaches a server, and it is cleared
 * from the address bar and the history before anything else happens.
 */

type Storage_ = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

const PENDING_KEY = 'kcc.sso.pending'

/** The gateway's start URL for this browser tab. */
export function webStartUrl(gatewayUrl: string, secrets: SsoSecrets): string {
  const query = new URLSearchParams({ client: 'web', challenge: secrets.challenge, state: secrets.state })
  return `${gatewayUrl.replace(/\/$/, '')}/api/auth/oidc/start?${query.toString()}`
}

/** Keeps what the return needs; the caller then sends the tab to {@link webStartUrl}. */
export function rememberWebSso(storage: Storage_, secrets: SsoSecrets): void {
  storage.setItem(PENDING_KEY, JSON.stringify({ verifier: secrets.verifier, state: secrets.state }))
}

export type WebSsoReturn =
  | { readonly kind: 'none' }
  | { readonly kind: 'code'; readonly code: string; readonly verifier: string }
  /** A return this tab did not start (another state, or nothing pending), or a malformed code. */
  | { readonly kind: 'refused' }

/**
 * Reads the gateway's return from the fragment, once: the fragment and the pending values are
 * removed whatever they held, so a reload or the back button cannot use them again.
 */
export function takeWebSsoReturn(
  location: Pick<Location, 'hash' | 'pathname' | 'search'>,
  history: Pick<History, 'replaceState'>,
  storage: Storage_,
): WebSsoReturn {
  if (!location.hash.startsWith('#sso=')) {
    return { kind: 'none' }
  }
  const returned = new URLSearchParams(location.hash.slice(1))
  history.replaceState(null, '', `${location.pathname}${location.search}`)
  const pending = pendingOf(storage.getItem(PENDING_KEY))
  storage.removeItem(PENDING_KEY)
  const code = returned.get('sso')
  if (
    pending === undefined ||
    returned.get('state') !== pending.state ||
    code === null ||
    !SSO_CODE_PATTERN.test(code)
  ) {
    return { kind: 'refused' }
  }
  return { kind: 'code', code, verifier: pending.verifier }
}

function pendingOf(stored: string | null): { verifier: string; state: string } | undefined {
  if (stored === null) {
    return undefined
  }
  try {
    const value: unknown = JSON.parse(stored)
    if (typeof value === 'object' && value !== null) {
      const { verifier, state } = value as Record<string, unknown>
      if (typeof verifier === 'string' && typeof state === 'string') {
        return { verifier, state }
      }
    }
  } catch {
    // Not ours, or damaged: the same as nothing pending.
  }
  return undefined
}
