import { shell, type BrowserWindow } from 'electron'
import {
  IpcChannel,
  SSO_LOOPBACK_TIMEOUT_MS,
  ipcContract,
  type SsoStartRequest,
  type SsoStartResult,
} from '../../../shared/ipc'
import type { Handle } from '../ipc'
import type { Logger } from '../log'
import { listenForSsoRedirect, type LoopbackListener } from '../sso-loopback'
import { bringToFront } from '../window-front'

/**
 * Single sign-on for the desktop app (docs/desktop.md, shared/ipc/sso.ts):
 * - `auth:sso:start` opens a loopback listener (sso-loopback.ts), then the gateway's
 *   `/api/auth/oidc/start` in the system browser, and answers with the code the browser brings
 *   back. The start URL is built here from the configured gateway, never taken from the page.
 * - `auth:sso:cancel` stops waiting (the agent closed the browser, or chose another account).
 * - `auth:end-session:open` opens the gateway's end-session URL after a logout, so the provider's
 *   session ends too; only a URL under the configured gateway is opened.
 */

export interface SsoHandlerOptions {
  /** The gateway's base URL as endpoints.ts normalised it (no trailing slash, query or fragment). */
  readonly gatewayUrl: string
  readonly getWindow: () => BrowserWindow | undefined
  readonly log: Logger
  /** For tests; the system browser by default. */
  readonly openExternal?: (url: string) => Promise<void>
  readonly timeoutMs?: number
}

export function registerSsoHandlers(handle: Handle, options: SsoHandlerOptions): void {
  const { gatewayUrl, getWindow, log } = options
  const openExternal = options.openExternal ?? ((url: string) => shell.openExternal(url))
  const timeoutMs = options.timeoutMs ?? SSO_LOOPBACK_TIMEOUT_MS
  const gateway = new URL(gatewayUrl)
  // One sign-in at a time: a new one (the agent clicked again) replaces the one still waiting.
  let pending: LoopbackListener | undefined

  const start = async (request: SsoStartRequest): Promise<SsoStartResult> => {
    pending?.cancel()
    const listener = await listenForSsoRedirect({ state: request.state, timeoutMs, log })
    pending = listener
    const query = new URLSearchParams({
      client: 'desktop',
      challenge: request.challenge,
      state: request.state,
      port: String(listener.port),
    })
    try {
      await openExternal(`${gatewayUrl}/api/auth/oidc/start?${query.toString()}`)
    } catch (error) {
      listener.cancel()
      throw error
    }
    log.info('sso sign-in opened in the browser', { port: listener.port })
    const result = await listener.result
    if (pending === listener) {
      pending = undefined
    }
    // The agent was in the browser: the app comes back to the front with the session.
    const window = getWindow()
    if (result.outcome === 'code' && window !== undefined) {
      bringToFront(window)
    }
    log.info('sso sign-in ended', { outcome: result.outcome })
    return result
  }

  handle(IpcChannel.AuthSsoStart, ipcContract[IpcChannel.AuthSsoStart].request, start)
  handle(IpcChannel.AuthSsoCancel, ipcContract[IpcChannel.AuthSsoCancel].request, () => {
    pending?.cancel()
    return null
  })
  handle(
    IpcChannel.AuthEndSessionOpen,
    ipcContract[IpcChannel.AuthEndSessionOpen].request,
    async ({ url }) => {
      if (!isUnderGateway(url, gateway)) {
        // The page asked for something else than the gateway's logout: not opened, and not logged
        // in full (a URL may carry anything).
        log.warn('end-session url refused', { reason: 'not under the gateway' })
        return null
      }
      await openExternal(url)
      log.info('end-session opened in the browser')
      return null
    },
  )
}

/** Same scheme, host and port as the gateway, and a path under its base path. */
export function isUnderGateway(url: string, gateway: URL): boolean {
  let target: URL
  try {
    target = new URL(url)
  } catch {
    return false
  }
  const base = gateway.pathname.replace(/\/+$/, '')
  return (
    target.origin === gateway.origin &&
    target.username === '' &&
    target.password === '' &&
    target.pathname.startsWith(`${base}/`)
  )
}
