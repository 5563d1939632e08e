import type { AgentBridge } from '../../../shared/bridge'
import { parseIpcResult, ssoStartResult } from '../../../shared/ipc'
import { createLogger, type Logger } from '../log'
import type { useAppStore } from '../store'
import type { AgentSession } from '../workspace/session'
import { makeSsoSecrets, type SsoSecrets } from './pkce'
import { rememberWebSso, takeWebSsoReturn, webStartUrl } from './sso-web'

type Store = typeof useAppStore
type Storage_ = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/**
 * Signing in through the municipality's identity provider (shared/gateway/sso.ts,
 * docs/agent-app.md). The app makes the PKCE verifier and keeps it; the gateway gets the challenge,
 * talks to the provider, and hands back a single-use code that only this verifier redeems.
 *
 * - Web build: this tab goes to the gateway and comes back to `/#sso=…` (sso-web.ts).
 * - Desktop app: main opens the system browser and waits on a loopback port (RFC 8252); this tab
 *   stays and shows that it waits, with a way to stop waiting.
 */
export interface SsoLoginOptions {
  readonly gatewayUrl: string
  /** The desktop bridge; undefined in the web build. */
  readonly bridge: AgentBridge | undefined
  readonly session: Pick<AgentSession, 'loginWithSso'>
  readonly store: Store
  readonly storage?: Storage_
  /** Sends this tab elsewhere (web build); `location.assign` by default. */
  readonly navigate?: (url: string) => void
  readonly location?: Pick<Location, 'hash' | 'pathname' | 'search'>
  readonly history?: Pick<History, 'replaceState'>
  readonly makeSecrets?: () => Promise<SsoSecrets>
  readonly logger?: Logger
}

export const SSO_TEXT = {
  failed: 'Aanmelden is niet gelukt. Probeer het opnieuw.',
  timeout: 'U bent niet binnen 5 minuten aangemeld in de browser. Probeer het opnieuw.',
  foreign: 'Deze aanmelding is niet in dit venster gestart. Meld u opnieuw aan.',
  noBrowser: 'De browser voor het aanmelden kon niet worden geopend. Probeer het opnieuw.',
} as const

export class SsoLogin {
  private readonly log: Logger
  private readonly storage: Storage_
  private readonly navigate: (url: string) => void

  constructor(private readonly options: SsoLoginOptions) {
    this.log = options.logger ?? createLogger('sso')
    this.storage = options.storage ?? sessionStorage
    this.navigate = options.navigate ?? ((url) => window.location.assign(url))
  }

  /** The agent chose the single-sign-on button. */
  async start(): Promise<void> {
    const workspace = () => this.options.store.getState().workspace
    let secrets: SsoSecrets
    try {
      secrets = await (this.options.makeSecrets ?? makeSsoSecrets)()
    } catch (error) {
      this.log.error({ error: String(error) }, 'no sign-in values')
      workspace().setSession({ status: 'anonymous', error: SSO_TEXT.failed })
      return
    }
    const { bridge } = this.options
    if (bridge === undefined) {
      rememberWebSso(this.storage, secrets, this.options.location ?? window.location)
      workspace().setSession({ status: 'logging_in' })
      this.navigate(webStartUrl(this.options.gatewayUrl, secrets))
      return
    }
    await this.startInBrowser(bridge, secrets)
  }

  /** Stops waiting for the system browser (desktop app). */
  cancel(): void {
    void this.options.bridge?.auth?.cancelSso()
  }

  /**
   * Web build, at page load: finishes a sign-in the gateway returned to this page with. Answers
   * whether there was one (then the session is active, or the login screen says why not).
   */
  async completeWebReturn(): Promise<boolean> {
    if (this.options.bridge !== undefined) {
      return false
    }
    const returned = takeWebSsoReturn(
      this.options.location ?? window.location,
      this.options.history ?? window.history,
      this.storage,
    )
    switch (returned.kind) {
      case 'none':
        return false
      case 'refused':
        this.log.warn('sign-in return refused')
        this.options.store.getState().workspace.setSession({ status: 'anonymous', error: SSO_TEXT.foreign })
        return true
      case 'code':
        await this.options.session.loginWithSso(returned.code, returned.verifier)
        return true
      default: {
        const unknown: never = returned
        throw new Error(`unknown return ${String(unknown)}`)
      }
    }
  }

  /**
   * After logging out of a single-sign-on session: the provider's session ends too. The web build
   * goes there in this tab; the desktop app opens it in the system browser, where the agent signed in.
   */
  async endProviderSession(url: string): Promise<void> {
    const { bridge } = this.options
    if (bridge === undefined) {
      this.navigate(url)
      return
    }
    const reply = await bridge.auth?.openEndSession(url)
    if (reply === undefined || !reply.ok) {
      this.log.warn({ code: reply?.ok === false ? reply.error.code : 'no bridge' }, 'end session not opened')
    }
  }

  private async startInBrowser(bridge: AgentBridge, secrets: SsoSecrets): Promise<void> {
    const workspace = () => this.options.store.getState().workspace
    workspace().setSession({ status: 'logging_in', waitingFor: 'browser' })
    const reply: unknown = await bridge.auth
      ?.startSso({ challenge: secrets.challenge, state: secrets.state })
      .catch(() => undefined)
    const result = parseIpcResult(reply, ssoStartResult)
    if (!result.ok) {
      this.log.error({ code: result.error.code }, 'sign-in in the browser failed')
      workspace().setSession({ status: 'anonymous', error: SSO_TEXT.noBrowser })
      return
    }
    switch (result.value.outcome) {
      case 'code':
        await this.options.session.loginWithSso(result.value.code, secrets.verifier)
        return
      case 'cancelled':
        workspace().setSession({ status: 'anonymous' })
        return
      case 'timeout':
        workspace().setSession({ status: 'anonymous', error: SSO_TEXT.timeout })
        return
      default: {
        const unknown: never = result.value
        throw new Error(`unknown outcome ${String(unknown)}`)
      }
    }
  }
}
