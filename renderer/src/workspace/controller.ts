import type { AgentBridge } from '../../../shared/bridge'
import type { AuthMethodsView } from '../../../shared/gateway/sso'
import { appConfig, parseIpcResult } from '../../../shared/ipc'
import { createLogger } from '../log'
import { SsoLogin } from '../login/sso-login'
import type { Services } from '../services/context'
import type { Screen } from '../wallboard/screen'
import { WallboardRuntime } from '../wallboard/runtime'
import type { useAppStore } from '../store'
import type { Availability } from './agent-state'
import { WorkspaceRuntime } from './runtime'
import { AgentSession } from './session'

type Store = typeof useAppStore

const log = createLogger('app')

/**
 * The app's lifecycle in one object: find the gateway, restore or create a session, start and stop
 * the workspace runtime. React subscribes to `services` (useSyncExternalStore) to render the
 * workspace once it runs. Lives as long as the page.
 */
export class AppController {
  private session: AgentSession | undefined
  private sso: SsoLogin | undefined
  private authMethods: AuthMethodsView | undefined
  /** Settles once the workspace of the last session stopped (softphone unregistered, socket closed). */
  private stopped: Promise<void> = Promise.resolve()
  private runtime: WorkspaceRuntime | undefined
  private wallboard: WallboardRuntime | undefined
  private booted = false
  private services: Services | undefined
  private readonly listeners = new Set<() => void>()

  constructor(
    private readonly store: Store,
    private readonly bridge: AgentBridge | undefined,
    /** The wallboard runs only the live socket: no softphone, no own state (wallboard/runtime.ts). */
    private readonly screen: Screen = 'workspace',
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  readonly getServices = (): Services | undefined => this.services

  /** Which sign-in the login screen offers; undefined until the gateway answered (or did not). */
  readonly getAuthMethods = (): AuthMethodsView | undefined => this.authMethods

  async boot(): Promise<void> {
    if (this.booted) {
      return
    }
    this.booted = true
    const gatewayUrl = await this.gatewayUrl()
    const session = new AgentSession({
      gatewayUrl,
      store: this.store,
      onActive: (agent) => {
        if (this.screen === 'wallboard') {
          // Only a supervisor's live socket carries every afdeling; WallboardApp tells anyone else.
          if (agent.role === 'supervisor' && !this.wallboard) {
            this.wallboard = new WallboardRuntime({
              gatewayUrl,
              api: session.api,
              store: this.store,
              token: () => session.currentToken,
              onUnauthenticated: () => void session.logout(),
            })
          }
          return
        }
        WorkspaceRuntime.start({
          gatewayUrl,
          api: session.api,
          agent,
          store: this.store,
          token: () => session.currentToken,
          onUnauthenticated: () => void session.logout(),
          ...(this.bridge ? { bridge: this.bridge } : {}),
        })
          .then((runtime) => {
            this.runtime = runtime
            this.setServices(runtime.services)
          })
          .catch((error: unknown) => {
            log.error({ error: String(error) }, 'workspace failed to start')
            this.store.getState().workspace.setSession({
              status: 'anonymous',
              error: 'De werkplek kon niet worden gestart: de server is niet bereikbaar.',
            })
          })
      },
      onEnded: () => {
        this.stopped = this.stopRuntime()
      },
    })
    this.session = session
    this.sso = new SsoLogin({ gatewayUrl, bridge: this.bridge, session, store: this.store })
    const methods = this.loadAuthMethods(session)
    if (!(await this.sso.completeWebReturn())) {
      await session.restore()
    }
    await methods
  }

  login = (login: string, password: string): void => {
    void this.session?.login(login, password)
  }

  loginWithSso = (): void => {
    void this.sso?.start()
  }

  cancelSso = (): void => {
    this.sso?.cancel()
  }

  logout = (): void => {
    void this.endSession()
  }

  private async endSession(): Promise<void> {
    const endSessionUrl = await this.session?.logout()
    if (endSessionUrl !== undefined) {
      // The workspace first: leaving the page (web build) must not cut the softphone's unregister.
      await this.stopped
      await this.sso?.endProviderSession(endSessionUrl)
    }
  }

  private async loadAuthMethods(session: AgentSession): Promise<void> {
    try {
      this.authMethods = await session.api.authMethods()
    } catch (error) {
      // An older or unreachable gateway: the password form, as before single sign-on. A login
      // attempt then says what is wrong.
      log.warn({ error: String(error) }, 'sign-in methods unknown')
      this.authMethods = { password: true, oidc: null }
    }
    this.notify()
  }

  choose = (availability: Availability): void => {
    this.runtime?.choose(availability)
  }

  refreshRecent = (): void => {
    this.runtime?.refreshRecent()
  }

  private async stopRuntime(): Promise<void> {
    this.wallboard?.stop()
    this.wallboard = undefined
    const runtime = this.runtime
    this.runtime = undefined
    this.setServices(undefined)
    await runtime?.stop()
  }

  private setServices(services: Services | undefined): void {
    this.services = services
    this.notify()
  }

  private notify(): void {
    for (const listener of this.listeners) {
      listener()
    }
  }

  /** The desktop shell names the gateway; the web build is served by the gateway itself. */
  private async gatewayUrl(): Promise<string> {
    if (!this.bridge) {
      return window.location.origin
    }
    const reply: unknown = await this.bridge.app.getConfig?.().catch(() => undefined)
    const result = parseIpcResult(reply, appConfig)
    if (!result.ok) {
      log.error({ code: result.error.code }, 'no gateway configured by the desktop shell')
      return window.location.origin
    }
    return result.value.gatewayUrl
  }
}
