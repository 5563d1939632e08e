import { app, dialog, ipcMain, protocol } from 'electron'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { IpcChannel } from '../../../shared/ipc'
import { invokeChannel } from './ipc-harness'

// Runs electron/main/main.ts, the entry point, against a stand-in `electron`: the wiring between
// the environment, the IPC handlers and the window is checked where it happens, at startup.
const fakes = vi.hoisted(() => {
  const windows: unknown[] = []
  class FakeBrowserWindow {
    static getAllWindows = () => windows
    readonly webContents = { on: vi.fn(), setWindowOpenHandler: vi.fn(), send: vi.fn() }
    readonly once = vi.fn()
    readonly on = vi.fn()
    readonly isDestroyed = () => false
    readonly loadFile = vi.fn(() => Promise.resolve())
    readonly loadURL = vi.fn((_url: string) => Promise.resolve())
    constructor() {
      windows.push(this)
    }
  }
  class FakeTray {
    readonly setImage = vi.fn()
    readonly setToolTip = vi.fn()
    readonly setContextMenu = vi.fn()
    readonly on = vi.fn()
    readonly destroy = vi.fn()
  }
  const image = { addRepresentation: vi.fn() }
  return { FakeBrowserWindow, FakeTray, image, windows }
})

vi.mock('electron', () => ({
  app: {
    enableSandbox: vi.fn(),
    on: vi.fn(),
    quit: vi.fn(),
    exit: vi.fn(),
    focus: vi.fn(),
    whenReady: vi.fn(() => Promise.resolve()),
    requestSingleInstanceLock: vi.fn(() => true),
    isPackaged: true,
    getName: () => 'kcc-desktop',
    getVersion: () => '0.1.0',
    // A folder that does not exist: the desktop settings are then the defaults, nothing is written.
    getPath: () => '/nonexistent/kcc-test-profile',
    setAsDefaultProtocolClient: vi.fn(() => true),
    setLoginItemSettings: vi.fn(),
  },
  Tray: fakes.FakeTray,
  Menu: { buildFromTemplate: vi.fn((template: unknown) => template) },
  nativeImage: { createFromBitmap: vi.fn(() => fakes.image) },
  globalShortcut: { register: vi.fn(() => true), unregister: vi.fn() },
  dialog: { showMessageBox: vi.fn() },
  session: {
    defaultSession: {
      webRequest: { onHeadersReceived: vi.fn() },
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
    },
  },
  ipcMain: { handle: vi.fn() },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  BrowserWindow: fakes.FakeBrowserWindow,
  Notification: { isSupported: () => false },
}))

let output: string[] = []

/** Imports main.ts afresh (its top level is the app's startup) and waits for `whenReady().then`. */
async function startMain(env: Record<string, string>): Promise<Array<Record<string, unknown>>> {
  for (const [name, value] of Object.entries(env)) {
    vi.stubEnv(name, value)
  }
  vi.resetModules()
  await import('../../../electron/main/main')
  await vi.waitFor(() => {
    expect(fakes.windows.length > 0 || vi.mocked(app.exit).mock.calls.length > 0).toBe(true)
  })
  return output.map((line) => JSON.parse(line) as Record<string, unknown>)
}

beforeEach(() => {
  vi.clearAllMocks()
  fakes.windows.length = 0
  output = []
  // The main logger writes JSON lines to stdout; keep them for assertions instead.
  vi.spyOn(process.stdout, 'write').mockImplementation((line) => {
    output.push(String(line))
    return true
  })
  vi.stubEnv('ELECTRON_RENDERER_URL', '')
})

afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

describe('main process startup', () => {
  it('answers app:config:get with the gateway URL from KCC_GATEWAY_URL', async () => {
    await startMain({ KCC_GATEWAY_URL: 'https://kcc.gemeente.example/werkplek/' })
    expect(fakes.windows).toHaveLength(1)
    const channels = vi.mocked(ipcMain.handle).mock.calls.map(([channel]) => channel)
    // Every channel of the contract, and only those.
    expect([...channels].sort()).toEqual(Object.values(IpcChannel).sort())

    const frame = { url: 'app://kcc/index.html', parent: null }
    await expect(invokeChannel('app:config:get', frame)).resolves.toEqual({
      ok: true,
      value: { gatewayUrl: 'https://kcc.gemeente.example/werkplek' },
    })
  })

  it('declares app:// a standard, secure scheme before the app is ready', async () => {
    await startMain({})
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ])
    const [privileges] = vi.mocked(protocol.registerSchemesAsPrivileged).mock.calls[0]?.[0] ?? []
    expect(privileges?.privileges).not.toHaveProperty('bypassCSP', true)
    expect(privileges?.privileges).not.toHaveProperty('corsEnabled', true)
    const registered = vi.mocked(protocol.registerSchemesAsPrivileged).mock.invocationCallOrder[0] ?? Infinity
    const ready = vi.mocked(app.whenReady).mock.invocationCallOrder[0] ?? -Infinity
    expect(registered).toBeLessThan(ready)
  })

  it('loads the built renderer from app://kcc/index.html, not from a file:// URL', async () => {
    await startMain({})
    const window = fakes.windows[0] as InstanceType<typeof fakes.FakeBrowserWindow>
    expect(window.loadURL).toHaveBeenCalledWith('app://kcc/index.html')
    expect(window.loadFile).not.toHaveBeenCalled()
  })

  it('accepts IPC from the app:// origin only', async () => {
    await startMain({})
    const fileFrame = { url: new URL('../renderer/index.html', sourceDirUrl()).href, parent: null }
    await expect(invokeChannel('app:info:get', fileFrame)).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    })
    await expect(
      invokeChannel('app:info:get', { url: 'app://other/index.html', parent: null }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    })
    await expect(
      invokeChannel('app:info:get', { url: 'app://kcc/index.html', parent: null }),
    ).resolves.toEqual({
      ok: true,
      value: { name: 'kcc-desktop', version: '0.1.0' },
    })
  })

  it('serves app:// with the CSP that allows the configured gateway and SIP origins', async () => {
    await startMain({
      KCC_GATEWAY_URL: 'https://kcc.gemeente.example/werkplek',
      KCC_SIP_URL: 'wss://sip.gemeente.example:7443/ws',
    })
    const [scheme, handler] = vi.mocked(protocol.handle).mock.calls[0] ?? []
    expect(scheme).toBe('app')
    const response = await handler?.(new Request('app://kcc/does-not-exist.js'))
    expect(response?.status).toBe(404)
    const policy = response?.headers.get('content-security-policy') ?? ''
    expect(policy).toContain(
      "connect-src 'self' https://kcc.gemeente.example wss://sip.gemeente.example:7443",
    )
    expect(policy).toContain("frame-ancestors 'none'")
    expect(response?.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('registers the packaged app for kcc:, tel: and sip: links and answers the desktop channels', async () => {
    await startMain({})
    expect(app.setAsDefaultProtocolClient).toHaveBeenCalledWith('kcc')
    expect(app.setAsDefaultProtocolClient).toHaveBeenCalledWith('tel')
    expect(app.setAsDefaultProtocolClient).toHaveBeenCalledWith('sip')
    await expect(
      invokeChannel('desktop:settings:get', { url: 'app://kcc/index.html', parent: null }),
    ).resolves.toMatchObject({
      ok: true,
      value: { settings: { shortcutsEnabled: true, confirmDial: true }, policy: { updatesDisabled: false } },
    })
    await expect(
      invokeChannel(
        'desktop:status:set',
        { url: 'https://evil.example/', parent: null },
        { status: 'pauze' },
      ),
    ).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
  })

  it('keeps the window open with a question when the agent closes it while logged in', async () => {
    await startMain({})
    const window = fakes.windows[0] as InstanceType<typeof fakes.FakeBrowserWindow>
    await invokeChannel(
      'desktop:status:set',
      { url: 'app://kcc/index.html', parent: null },
      { status: 'beschikbaar' },
    )
    const close = window.on.mock.calls.find(([event]) => event === 'close')?.[1] as (event: {
      preventDefault(): void
    }) => void
    const event = { preventDefault: vi.fn() }
    vi.mocked(dialog.showMessageBox).mockResolvedValue({ response: 2, checkboxChecked: false })
    close(event)
    expect(event.preventDefault).toHaveBeenCalledOnce()
    expect(dialog.showMessageBox).toHaveBeenCalledOnce()
  })

  it.each([
    ['not a URL', 'kcc.gemeente.example'],
    ['not HTTP', 'ftp://kcc.gemeente.example'],
    ['with credentials', 'https://agent:geheim@kcc.gemeente.example'],
    ['with a query', 'https://kcc.gemeente.example/?token=1'],
    ['in plain http: to a host off this machine', 'http://kcc.gemeente.example'],
  ])('refuses to start with a KCC_GATEWAY_URL %s', async (_case, value) => {
    const entries = await startMain({ KCC_GATEWAY_URL: value })
    expect(app.exit).toHaveBeenCalledWith(1)
    expect(fakes.windows).toHaveLength(0)
    expect(ipcMain.handle).not.toHaveBeenCalled()
    expect(entries).toContainEqual(expect.objectContaining({ level: 'error', msg: 'startup failed' }))
  })

  it('refuses to start with a plain ws: KCC_SIP_URL to a host off this machine, saying why', async () => {
    const entries = await startMain({ KCC_SIP_URL: 'ws://sip.gemeente.example:5066/ws' })
    expect(app.exit).toHaveBeenCalledWith(1)
    expect(fakes.windows).toHaveLength(0)
    expect(protocol.handle).not.toHaveBeenCalled()
    const failure = entries.find((entry) => entry['msg'] === 'startup failed')
    expect(JSON.stringify(failure)).toContain('KCC_SIP_URL must use wss: for sip.gemeente.example')
  })
})

/** main.ts resolves the renderer relative to its own file: electron/main/ → electron/renderer/. */
function sourceDirUrl(): string {
  return new URL('../../../electron/main/', import.meta.url).href
}
