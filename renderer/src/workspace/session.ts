import type { AgentView, SessionView } from '../../../shared/gateway/api'
import { createGatewayClient, type GatewayApi } from '../api/gateway-client'
import { isGatewayError } from '../api/errors'
import { createLogger, type Logger } from '../log'
import type { useAppStore } from '../store'

type Store = typeof useAppStore

/**
 * Login, logout and the session token. The token lives in `sessionStorage`: it survives a reload or
 * a renderer crash of this window (so an agent mid-call is not thrown out), and is gone when the
 * window closes. It never enters the zustand store, so it can never be persisted with drafts or
 * logged with state.
 */
export interface AgentSessionOptions {
  gatewayUrl: string
  store: Store
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>
  /** Called once a session is active (after login or restore) and when it ends. */
  onActive: (agent: AgentView) => void
  onEnded: () => void
  logger?: Logger
}

const TOKEN_KEY = 'kcc.session.token'

export class AgentSession {
  readonly api: GatewayApi
  private readonly log: Logger
  private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>
  private token: string | undefined

  constructor(private readonly options: AgentSessionOptions) {
    this.log = options.logger ?? createLogger('session')
    this.storage = options.storage ?? sessionStorage
    this.token = this.storage.getItem(TOKEN_KEY) ?? undefined
    this.api = createGatewayClient({
      baseUrl: options.gatewayUrl,
      token: () => this.token,
      onUnauthenticated: () => this.end('Uw sessie is verlopen. Log opnieuw in.'),
    })
  }

  get currentToken(): string | undefined {
    return this.token
  }

  /** Picks up the session of this window after a reload; anonymous when there is none. */
  async restore(): Promise<void> {
    const store = this.options.store.getState().workspace
    if (!this.token) {
      store.setSession({ status: 'anonymous' })
      return
    }
    try {
      const agent = await this.api.me()
      this.activate(agent)
    } catch (error) {
      if (isGatewayError(error) && error.kind === 'unauthenticated') {
        return // end() already ran through onUnauthenticated
      }
      // The gateway is unreachable: keep the token and show the login screen with the reason; the
      // drafts stay in local storage and go out after the next login.
      this.log.warn({ kind: isGatewayError(error) ? error.kind : 'unknown' }, 'session restore failed')
      store.setSession({
        status: 'anonymous',
        error: 'De server van de KCC Werkplek is niet bereikbaar. Probeer het opnieuw.',
      })
    }
  }

  async login(login: string, password: string): Promise<void> {
    await this.open(() => this.api.login(login, password), loginErrorText)
  }

  /** The end of a single sign-on: the gateway's handoff code and this app's verifier (login/). */
  async loginWithSso(code: string, verifier: string): Promise<void> {
    await this.open(() => this.api.loginWithSso(code, verifier), ssoErrorText)
  }

  /**
   * Ends the session at the gateway and here. Answers where the identity provider's session ends
   * (a single-sign-on session), so the caller can send a browser there once the workspace stopped.
   */
  async logout(): Promise<string | undefined> {
    let endSessionUrl: string | undefined
    try {
      endSessionUrl = (await this.api.logout()).endSessionUrl ?? undefined
    } catch (error) {
      this.log.warn({ kind: isGatewayError(error) ? error.kind : 'unknown' }, 'logout request failed')
    }
    this.end()
    return endSessionUrl
  }

  private async open(create: () => Promise<SessionView>, errorText: (error: unknown) => string) {
    const store = this.options.store.getState().workspace
    store.setSession({ status: 'logging_in' })
    try {
      const session = await create()
      this.token = session.token
      this.storage.setItem(TOKEN_KEY, session.token)
      this.activate(session.agent)
    } catch (error) {
      store.setSession({ status: 'anonymous', error: errorText(error) })
    }
  }

  private activate(agent: AgentView): void {
    this.options.store.getState().workspace.setSession({ status: 'active', agent })
    this.options.onActive(agent)
  }

  private end(error?: string): void {
    const wasActive = this.options.store.getState().workspace.session.status === 'active'
    this.token = undefined
    this.storage.removeItem(TOKEN_KEY)
    this.options.store.getState().workspace.setSession({ status: 'anonymous', ...(error ? { error } : {}) })
    if (wasActive) {
      this.options.onEnded()
    }
  }
}

function loginErrorText(error: unknown): string {
  if (!isGatewayError(error)) {
    return 'Inloggen is mislukt.'
  }
  switch (error.kind) {
    case 'unauthenticated':
      return 'Onbekende gebruikersnaam of onjuist wachtwoord.'
    case 'rejected':
      return error.status === 429
        ? 'Te veel pogingen. Wacht een minuut en probeer het opnieuw.'
        : 'Vul uw gebruikersnaam en wachtwoord in.'
    case 'unreachable':
    case 'failed':
      return 'De server van de KCC Werkplek is niet bereikbaar. Probeer het opnieuw.'
    default: {
      const unreachable: never = error.kind
      return String(unreachable)
    }
  }
}

function ssoErrorText(error: unknown): string {
  if (isGatewayError(error) && (error.kind === 'unreachable' || error.kind === 'failed')) {
    return 'De server van de KCC Werkplek is niet bereikbaar. Probeer het opnieuw.'
  }
  if (isGatewayError(error) && error.status === 429) {
    return 'Te veel pogingen. Wacht een minuut en probeer het opnieuw.'
  }
  // A used, expired or foreign code: starting again is all the agent can do.
  return 'Aanmelden is niet gelukt. Probeer het opnieuw.'
}
