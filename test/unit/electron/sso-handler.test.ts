import { ipcMain, shell, type BrowserWindow } from 'electron'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { registerSsoHandlers } from '../../../electron/main/handlers/sso'
import { foreignFrame, invokeChannel, ipcHarness, ourFrame } from './ipc-harness'
import { memoryLog } from './memory-log'

vi.mock('electron', () => ({
  ipcMain: { handle: vi.fn() },
  shell: { openExternal: vi.fn(async () => undefined) },
  app: { focus: vi.fn() },
}))

const GATEWAY = 'https://kcc.gemeente.example/werkplek'
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'
const STATE = 'state-0123456789abcdef'
const CODE = 'handoff-0123456789abcdefghij'

function fakeWindow() {
  return {
    isDestroyed: () => false,
    isMinimized: () => false,
    restore: vi.fn(),
    show: vi.fn(),
    moveTop: vi.fn(),
    focus: vi.fn(),
  }
}

function setup(timeoutMs?: number) {
  const harness = ipcHarness()
  const { log, entries } = memoryLog()
  const window = fakeWindow()
  registerSsoHandlers(harness.handle, {
    gatewayUrl: GATEWAY,
    getWindow: () => window as unknown as BrowserWindow,
    log,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  })
  const start = (request: unknown = { challenge: CHALLENGE, state: STATE }, frame: unknown = ourFrame) =>
    invokeChannel('auth:sso:start', frame, request)
  return { window, start, entries }
}

/** The URL main opened in the system browser, once it has. */
async function openedUrl(call = 0): Promise<URL> {
  await vi.waitFor(() => expect(vi.mocked(shell.openExternal).mock.calls[call]).toBeDefined())
  return new URL(vi.mocked(shell.openExternal).mock.calls[call]?.[0] ?? '')
}

/** What the gateway's callback does at the end: send the browser to the app's loopback port. */
function browserReturns(opened: URL, code = CODE, state = STATE): Promise<Response> {
  const port = opened.searchParams.get('port') ?? ''
  return fetch(`http://127.0.0.1:${port}/aanmelden?code=${code}&state=${state}`)
}

afterEach(async () => {
  // A test that failed half-way leaves no port open behind it.
  if (vi.mocked(ipcMain.handle).mock.calls.length > 0) {
    await invokeChannel('auth:sso:cancel', ourFrame)
  }
})

beforeEach(() => {
  vi.mocked(ipcMain.handle).mockClear()
  vi.mocked(shell.openExternal).mockReset().mockResolvedValue(undefined)
})

describe('auth:sso:start', () => {
  it('opens the gateway’s start URL in the system browser and answers with the code it brings back', async () => {
    const { start, window, entries } = setup()
    const reply = start()
    const opened = await openedUrl()
    expect(`${opened.origin}${opened.pathname}`).toBe(`${GATEWAY}/api/auth/oidc/start`)
    expect(Object.fromEntries(opened.searchParams)).toEqual({
      client: 'desktop',
      challenge: CHALLENGE,
      state: STATE,
      port: expect.stringMatching(/^\d+$/),
    })
    expect((await browserReturns(opened)).status).toBe(200)
    await expect(reply).resolves.toEqual({ ok: true, value: { outcome: 'code', code: CODE } })
    expect(window.show).toHaveBeenCalled()
    // Neither the code nor the state is in the log.
    expect(JSON.stringify(entries())).not.toMatch(new RegExp(`${CODE}|${STATE}`))
  })

  it('keeps waiting when a request with another state reaches the port', async () => {
    const { start } = setup()
    const reply = start()
    const opened = await openedUrl()
    expect((await browserReturns(opened, CODE, 'forged-state-0123456789')).status).toBe(400)
    expect((await browserReturns(opened)).status).toBe(200)
    await expect(reply).resolves.toMatchObject({ ok: true, value: { outcome: 'code' } })
  })

  it('refuses a malformed challenge or state, and more than the contract, without opening anything', async () => {
    const { start } = setup()
    for (const request of [
      { challenge: 'short', state: STATE },
      { challenge: CHALLENGE, state: 'x' },
      { challenge: CHALLENGE, state: STATE, port: 1 },
      { challenge: CHALLENGE, state: `${STATE}&client=web` },
      null,
    ]) {
      await expect(start(request)).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    }
    expect(shell.openExternal).not.toHaveBeenCalled()
  })

  it('refuses a sender that is not the app’s renderer', async () => {
    const { start } = setup()
    await expect(start(undefined, foreignFrame)).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    })
    expect(shell.openExternal).not.toHaveBeenCalled()
  })

  it('ends as cancelled on auth:sso:cancel, and the port is closed', async () => {
    const { start } = setup()
    const reply = start()
    const opened = await openedUrl()
    await expect(invokeChannel('auth:sso:cancel', ourFrame)).resolves.toEqual({ ok: true, value: null })
    await expect(reply).resolves.toEqual({ ok: true, value: { outcome: 'cancelled' } })
    await expect(browserReturns(opened)).rejects.toThrow()
  })

  it('replaces a sign-in still waiting when the agent starts another', async () => {
    const { start } = setup()
    const first = start()
    await openedUrl(0)
    const second = start({ challenge: CHALLENGE, state: 'second-state-0123456789' })
    await expect(first).resolves.toEqual({ ok: true, value: { outcome: 'cancelled' } })
    const opened = await openedUrl(1)
    await browserReturns(opened, CODE, 'second-state-0123456789')
    await expect(second).resolves.toEqual({ ok: true, value: { outcome: 'code', code: CODE } })
  })

  it('ends as timeout when the browser never comes back', async () => {
    const { start, window } = setup(1)
    await expect(start()).resolves.toEqual({ ok: true, value: { outcome: 'timeout' } })
    expect(window.show).not.toHaveBeenCalled()
  })

  it('answers INTERNAL and closes the port when the system browser cannot be opened', async () => {
    vi.mocked(shell.openExternal).mockRejectedValueOnce(new Error('no browser'))
    const { start } = setup()
    await expect(start()).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })
})

describe('auth:end-session:open', () => {
  const open = (url: unknown, frame: unknown = ourFrame) =>
    invokeChannel('auth:end-session:open', frame, { url })

  it('opens the gateway’s end-session URL in the system browser', async () => {
    setup()
    const url = `${GATEWAY}/api/auth/oidc/logout?session=abc`
    await expect(open(url)).resolves.toEqual({ ok: true, value: null })
    expect(shell.openExternal).toHaveBeenCalledWith(url)
  })

  it('opens nothing that is not under the configured gateway', async () => {
    setup()
    for (const url of [
      'https://idp.example/logout',
      'https://kcc.gemeente.example.evil.example/werkplek/api/auth/oidc/logout',
      'http://kcc.gemeente.example/werkplek/api/auth/oidc/logout',
      'https://kcc.gemeente.example/elders/api/auth/oidc/logout',
      'https://kcc.gemeente.example/werkplekx/api',
      'https://user:pw@kcc.gemeente.example/werkplek/api/auth/oidc/logout',
    ]) {
      await expect(open(url)).resolves.toEqual({ ok: true, value: null })
    }
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 42]) {
      await expect(open(url)).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    }
    expect(shell.openExternal).not.toHaveBeenCalled()
  })

  it('refuses a sender that is not the app’s renderer', async () => {
    setup()
    await expect(open(`${GATEWAY}/api/auth/oidc/logout`, foreignFrame)).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    })
    expect(shell.openExternal).not.toHaveBeenCalled()
  })
})
