import { SSO_CODE_PATTERN } from '../../../shared/ipc'
import type { SsoSecrets } from './pkce'

/**
 * Single sign-on in the web build (shared/gateway/sso.ts): the tab itself goes to the gateway, the
 * provider and back. What must survive that round trip, the verifier, the state and the page's own
 * address (a wall screen's `#/wallboard`), waits in `sessionStorage`: this tab only, gone when it
 * closes, never sent anywhere. The gateway returns the tab to `/#sso=<code>&state=<state>`; the
 * fragment never reaches a server, and the address bar and the history get the page's own address
 * back before anything else happens.
 */

type Storage_ = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

const PENDING_KEY = 'kcc.sso.pending'

/** The gateway's start URL for this browser tab. */
export function webStartUrl(gatewayUrl: string, secrets: SsoSecrets): string {
  const query = new URLSearchParams({ client: 'web', challenge: secrets.challenge, state: secrets.state })
  return `${gatewayUrl.replace(/\/$/, '')}/api/auth/oidc/start?${query.toString()}`
}

/**
 * Keeps what the return needs, with the address of the page that starts the sign-in (path, query
 * and fragment); the caller then sends the tab to {@link webStartUrl}.
 */
export function rememberWebSso(
  storage: Storage_,
  secrets: SsoSecrets,
  page: Pick<Location, 'hash' | 'pathname' | 'search'>,
): void {
  const returnTo = `${page.pathname}${page.search}${page.hash}`
  storage.setItem(PENDING_KEY, JSON.stringify({ verifier: secrets.verifier, state: secrets.state, returnTo }))
}

/**
 * The page address a sign-in under way started from, while the tab is at the gateway's return
 * (`#sso=…`): the app chooses its screen by it (wallboard/screen.ts), as it would have without the
 * round trip. Undefined otherwise.
 */
export function addressBeforeSso(
  location: Pick<Location, 'hash'>,
  storage: Pick<Storage, 'getItem'>,
): Pick<Location, 'hash' | 'search'> | undefined {
  if (!location.hash.startsWith('#sso=')) {
    return undefined
  }
  const returnTo = pendingOf(storage.getItem(PENDING_KEY))?.returnTo
  if (returnTo === undefined) {
    return undefined
  }
  const url = new URL(returnTo, 'http://page.invalid')
  return { hash: url.hash, search: url.search }
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
  const pending = pendingOf(storage.getItem(PENDING_KEY))
  history.replaceState(null, '', pending?.returnTo ?? `${location.pathname}${location.search}`)
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

interface Pending {
  verifier: string
  state: string
  /** A same-origin path (never `//host`, which the history would refuse anyway). */
  returnTo?: string
}

function pendingOf(stored: string | null): Pending | undefined {
  if (stored === null) {
    return undefined
  }
  try {
    const value: unknown = JSON.parse(stored)
    if (typeof value === 'object' && value !== null) {
      const { verifier, state, returnTo } = value as Record<string, unknown>
      if (typeof verifier === 'string' && typeof state === 'string') {
        const samePage = typeof returnTo === 'string' && /^\/(?!\/)/.test(returnTo)
        return { verifier, state, ...(samePage ? { returnTo } : {}) }
      }
    }
  } catch {
    // Not ours, or damaged: the same as nothing pending.
  }
  return undefined
}
