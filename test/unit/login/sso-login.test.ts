import { afterEach, describe, expect, it, vi } from 'vitest'
import { challengeOf } from '../../../renderer/src/login/pkce'
import { SSO_TEXT, SsoLogin } from '../../../renderer/src/login/sso-login'
import { useAppStore } from '../../../renderer/src/store'
import type { AgentBridge, DesktopBridge } from '../../../shared/bridge'
import type { SsoStartRequest, SsoStartResult } from '../../../shared/ipc'

const CODE = 'handoff-0123456789abcdefghij'
const silent = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() }

function memoryStorage() {
  const items = new Map<string, string>()
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  }
}

function desktopBridge(answer: (request: SsoStartRequest) => Promise<unknown>) {
  const auth = {
    startSso: vi.fn(answer),
    cancelSso: vi.fn(async () => ({ ok: true as const, value: null })),
    openEndSession: vi.fn(async () => ({ ok: true as const, value: null })),
  }
  const bridge: AgentBridge = {
    app: { getInfo: vi.fn() },
    auth: auth as unknown as DesktopBridge['auth'],
  }
  return { bridge, auth }
}

function sso(options: { bridge?: AgentBridge; hash?: string } = {}) {
  const session = { loginWithSso: vi.fn(async () => undefined) }
  const navigate = vi.fn<(url: string) => void>()
  const storage = memoryStorage()
  const history = { replaceState: vi.fn() }
  const login = new SsoLogin({
    gatewayUrl: 'https://kcc.gemeente.example',
    bridge: options.bridge,
    session,
    store: useAppStore,
    storage,
    navigate,
    location: { hash: options.hash ?? '', pathname: '/', search: '' },
    history,
    logger: silent,
  })
  return { login, session, navigate, storage }
}

const sessionState = () => useAppStore.getState().workspace.session

afterEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true)
})

describe('single sign-on in the web build', () => {
  it('sends the tab to the gateway and, back with the code, logs in with the verifier it kept', async () => {
    const first = sso()
    await first.login.start()
    expect(sessionState()).toEqual({ status: 'logging_in' })
    const started = new URL(first.navigate.mock.calls[0]?.[0] ?? '')
    expect(started.pathname).toBe('/api/auth/oidc/start')
    const state = started.searchParams.get('state') ?? ''

    // The page loads again after the provider, with the same tab's sessionStorage.
    const session = { loginWithSso: vi.fn(async () => undefined) }
    const back = new SsoLogin({
      gatewayUrl: 'https://kcc.gemeente.example',
      bridge: undefined,
      session,
      store: useAppStore,
      storage: first.storage,
      location: { hash: `#sso=${CODE}&state=${state}`, pathname: '/', search: '' },
      history: { replaceState: vi.fn() },
      logger: silent,
    })
    await expect(back.completeWebReturn()).resolves.toBe(true)
    const [code, verifier] = session.loginWithSso.mock.calls[0] as unknown as [string, string]
    expect(code).toBe(CODE)
    await expect(challengeOf(verifier)).resolves.toBe(started.searchParams.get('challenge'))
  })

  it('tells the agent when a return was not started in this tab', async () => {
    const { login, session } = sso({ hash: `#sso=${CODE}&state=state-0123456789abcdef` })
    await expect(login.completeWebReturn()).resolves.toBe(true)
    expect(session.loginWithSso).not.toHaveBeenCalled()
    expect(sessionState()).toEqual({ status: 'anonymous', error: SSO_TEXT.foreign })
  })

  it('has nothing to finish on an ordinary page load', async () => {
    const { login } = sso()
    await expect(login.completeWebReturn()).resolves.toBe(false)
  })

  it('ends the provider’s session in this tab', async () => {
    const { login, navigate } = sso()
    await login.endProviderSession('https://kcc.gemeente.example/api/auth/oidc/logout?id=x')
    expect(navigate).toHaveBeenCalledWith('https://kcc.gemeente.example/api/auth/oidc/logout?id=x')
  })
})

describe('single sign-on in the desktop app', () => {
  it('waits for the system browser, then logs in with the code and the verifier of its challenge', async () => {
    let release: (result: SsoStartResult) => void = () => undefined
    const { bridge, auth } = desktopBridge(
      () => new Promise((resolve) => (release = (value) => resolve({ ok: true, value }))),
    )
    const { login, session, navigate } = sso({ bridge })
    const started = login.start()
    await vi.waitFor(() => expect(auth.startSso).toHaveBeenCalled())
    expect(sessionState()).toEqual({ status: 'logging_in', waitingFor: 'browser' })
    release({ outcome: 'code', code: CODE })
    await started
    const request = auth.startSso.mock.calls[0]?.[0] as SsoStartRequest
    expect(Object.keys(request).sort()).toEqual(['challenge', 'state'])
    const [code, verifier] = session.loginWithSso.mock.calls[0] as unknown as [string, string]
    expect(code).toBe(CODE)
    await expect(challengeOf(verifier)).resolves.toBe(request.challenge)
    expect(navigate).not.toHaveBeenCalled()
  })

  it('goes back to the login screen when the agent cancels, without an error', async () => {
    const { bridge } = desktopBridge(async () => ({ ok: true, value: { outcome: 'cancelled' } }))
    const { login, session } = sso({ bridge })
    await login.start()
    expect(session.loginWithSso).not.toHaveBeenCalled()
    expect(sessionState()).toEqual({ status: 'anonymous' })
  })

  it('says so when the browser did not come back in time', async () => {
    const { bridge } = desktopBridge(async () => ({ ok: true, value: { outcome: 'timeout' } }))
    const { login } = sso({ bridge })
    await login.start()
    expect(sessionState()).toEqual({ status: 'anonymous', error: SSO_TEXT.timeout })
  })

  it('does not trust a reply that breaks the contract, or a failure from main', async () => {
    for (const reply of [
      { ok: true, value: { outcome: 'code', code: '<script>' } },
      { ok: false, error: { code: 'INTERNAL', message: 'no browser' } },
    ]) {
      const { bridge } = desktopBridge(async () => reply)
      const { login, session } = sso({ bridge })
      await login.start()
      expect(session.loginWithSso).not.toHaveBeenCalled()
      expect(sessionState()).toEqual({ status: 'anonymous', error: SSO_TEXT.noBrowser })
    }
  })

  it('cancels through main, and opens the end-session URL in the system browser', async () => {
    const { bridge, auth } = desktopBridge(async () => ({ ok: true, value: { outcome: 'cancelled' } }))
    const { login, navigate } = sso({ bridge })
    login.cancel()
    expect(auth.cancelSso).toHaveBeenCalledOnce()
    await login.endProviderSession('https://kcc.gemeente.example/api/auth/oidc/logout?id=x')
    expect(auth.openEndSession).toHaveBeenCalledWith('https://kcc.gemeente.example/api/auth/oidc/logout?id=x')
    expect(navigate).not.toHaveBeenCalled()
  })

  it('never reads a return from the page address', async () => {
    const { bridge } = desktopBridge(async () => ({ ok: true, value: { outcome: 'cancelled' } }))
    const { login, session } = sso({ bridge, hash: `#sso=${CODE}&state=state-0123456789abcdef` })
    await expect(login.completeWebReturn()).resolves.toBe(false)
    expect(session.loginWithSso).not.toHaveBeenCalled()
  })
})
