import { app, ipcMain } from 'electron'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { invokeChannel } from './ipc-harness'

// Runs electron/main/main.ts, the entry point, against a stand-in `electron`: the wiring between
// the environment, the IPC handlers and the window is checked where it happens, at startup.
const fakes = vi.hoisted(() => {
  const windows: unknown[] = []
  class FakeBrowserWindow {
    static getAllWindows = () => windows
    readonly webContents = { on: vi.fn(), setWindowOpenHandler: vi.fn() }
    readonly once = vi.fn()
    readonly loadFile = vi.fn(() => Promise.resolve())
    readonly loadURL = vi.fn(() => Promise.resolve())
    constructor() {
      windows.push(this)
    }
  }
  return { FakeBrowserWindow, windows }
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
  },
  session: {
    defaultSession: {
      webRequest: { onHeadersReceived: vi.fn() },
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
    },
  },
  ipcMain: { handle: vi.fn() },
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
    expect(channels).toEqual(['app:info:get', 'app:config:get', 'call:incoming:notify'])

    const frame = { url: new URL('../renderer/index.html', sourceDirUrl()).href, parent: null }
    await expect(invokeChannel('app:config:get', frame)).resolves.toEqual({
      ok: true,
      value: { gatewayUrl: 'https://kcc.gemeente.example/werkplek' },
    })
  })

  it.each([
    ['not a URL', 'kcc.gemeente.example'],
    ['not HTTP', 'ftp://kcc.gemeente.example'],
    ['with credentials', 'https://agent:geheim@kcc.gemeente.example'],
    ['with a query', 'https://kcc.gemeente.example/?token=1'],
  ])('refuses to start with a KCC_GATEWAY_URL %s', async (_case, value) => {
    const entries = await startMain({ KCC_GATEWAY_URL: value })
    expect(app.exit).toHaveBeenCalledWith(1)
    expect(fakes.windows).toHaveLength(0)
    expect(ipcMain.handle).not.toHaveBeenCalled()
    expect(entries).toContainEqual(expect.objectContaining({ level: 'error', msg: 'startup failed' }))
  })
})

/** main.ts resolves the renderer relative to its own file: electron/main/ → electron/renderer/. */
function sourceDirUrl(): string {
  return new URL('../../../electron/main/', import.meta.url).href
}
