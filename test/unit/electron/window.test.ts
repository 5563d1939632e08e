import type { WebContents } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createMainWindow, hardenWebContents, mainWindowOptions } from '../../../electron/main/window'
import { memoryLog } from './memory-log'

// Stand-ins for BrowserWindow and WebContents: record listeners so tests can fire the events
// Electron would fire. The real `electron` module cannot load outside Electron.
const fakes = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void

  class FakeEmitter {
    readonly listeners = new Map<string, Listener[]>()
    on(event: string, listener: Listener): this {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
      return this
    }
    once(event: string, listener: Listener): this {
      return this.on(event, listener)
    }
    emit(event: string, ...args: unknown[]): void {
      for (const listener of this.listeners.get(event) ?? []) {
        listener(...args)
      }
    }
  }

  class FakeWebContents extends FakeEmitter {
    openHandler: ((details: { url: string }) => { action: string }) | undefined
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
      this.openHandler = handler
    }
  }

  class FakeBrowserWindow extends FakeEmitter {
    static readonly instances: FakeBrowserWindow[] = []
    readonly webContents = new FakeWebContents()
    readonly show = vi.fn()
    readonly loadFile = vi.fn(() => Promise.resolve())
    readonly loadURL = vi.fn(() => Promise.resolve())
    constructor(readonly options: unknown) {
      super()
      FakeBrowserWindow.instances.push(this)
    }
  }

  return { FakeBrowserWindow, FakeWebContents }
})

vi.mock('electron', () => ({ BrowserWindow: fakes.FakeBrowserWindow }))

const source = { kind: 'app', url: 'app://kcc/index.html', root: '/opt/kcc/out/renderer' } as const

function newWindow() {
  const { log, entries } = memoryLog()
  createMainWindow({ preloadPath: '/opt/kcc/out/preload/preload.cjs', source, log })
  const window = fakes.FakeBrowserWindow.instances.at(-1)
  if (window === undefined) {
    throw new Error('no window created')
  }
  return { window, entries }
}

beforeEach(() => {
  fakes.FakeBrowserWindow.instances.length = 0
})

describe('main window options', () => {
  const { webPreferences } = mainWindowOptions('/opt/kcc/out/preload/preload.cjs')

  it('isolates the page from the preload and sandboxes the renderer', () => {
    expect(webPreferences).toMatchObject({ contextIsolation: true, sandbox: true })
  })

  it('gives the page, its workers and its frames no Node integration', () => {
    expect(webPreferences).toMatchObject({
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    })
  })

  it('keeps web security on and webviews off', () => {
    expect(webPreferences).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    })
  })

  it('loads the bundled CJS preload', () => {
    expect(webPreferences?.preload).toBe('/opt/kcc/out/preload/preload.cjs')
  })
})

describe('createMainWindow', () => {
  it('keeps the window hidden until it is ready to show', () => {
    const { window } = newWindow()
    expect(window.options).toMatchObject({ show: false })
    expect(window.show).not.toHaveBeenCalled()
    window.emit('ready-to-show')
    expect(window.show).toHaveBeenCalledOnce()
  })

  it('loads the built renderer from the app:// origin, never from file://', () => {
    const { window } = newWindow()
    expect(window.loadURL).toHaveBeenCalledWith('app://kcc/index.html')
    expect(window.loadFile).not.toHaveBeenCalled()
  })

  it('loads the dev server URL when running under electron-vite dev', () => {
    const { log } = memoryLog()
    createMainWindow({
      preloadPath: '/opt/kcc/out/preload/preload.cjs',
      source: { kind: 'dev-server', url: 'http://localhost:5173/' },
      log,
    })
    const window = fakes.FakeBrowserWindow.instances.at(-1)
    expect(window?.loadURL).toHaveBeenCalledWith('http://localhost:5173/')
    expect(window?.loadFile).not.toHaveBeenCalled()
  })

  it('blocks every navigation away from the app and logs only the origin', () => {
    const { window, entries } = newWindow()
    const event = { url: 'https://evil.example/phish?bsn=123', preventDefault: vi.fn() }
    window.webContents.emit('will-navigate', event)
    expect(event.preventDefault).toHaveBeenCalledOnce()
    expect(entries()).toContainEqual(
      expect.objectContaining({ msg: 'navigation blocked', origin: 'https://evil.example' }),
    )
    expect(JSON.stringify(entries())).not.toContain('bsn')
  })

  it('lets the app navigate within its own app:// origin', () => {
    const { window, entries } = newWindow()
    const event = { url: 'app://kcc/index.html#/klant', preventDefault: vi.fn() }
    window.webContents.emit('will-navigate', event)
    expect(event.preventDefault).not.toHaveBeenCalled()
    expect(entries()).toEqual([])
  })

  it.each([
    ['a local file', 'file:///opt/kcc/out/renderer/index.html', 'file://'],
    ['another app:// host', 'app://evil/index.html', 'app://evil'],
    ['the gateway', 'http://127.0.0.1:8480/', 'http://127.0.0.1:8480'],
  ])('blocks navigation to %s', (_case, url, origin) => {
    const { window, entries } = newWindow()
    const event = { url, preventDefault: vi.fn() }
    window.webContents.emit('will-navigate', event)
    expect(event.preventDefault).toHaveBeenCalledOnce()
    expect(entries()).toContainEqual(expect.objectContaining({ msg: 'navigation blocked', origin }))
  })

  it('denies every window.open, also of the app’s own origin', () => {
    const { window } = newWindow()
    expect(window.webContents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
    expect(window.webContents.openHandler?.({ url: 'app://kcc/index.html' })).toEqual({ action: 'deny' })
  })

  it('refuses to attach a webview', () => {
    const { window } = newWindow()
    const event = { preventDefault: vi.fn() }
    window.webContents.emit('will-attach-webview', event)
    expect(event.preventDefault).toHaveBeenCalledOnce()
  })
})

describe('hardenWebContents', () => {
  it('blocks navigation of any web contents to URLs the predicate does not own', () => {
    const contents = new fakes.FakeWebContents()
    const { log } = memoryLog()
    hardenWebContents(contents as unknown as WebContents, (url) => url.startsWith('app://kcc/'), log)
    const own = { url: 'app://kcc/index.html', preventDefault: vi.fn() }
    const foreign = { url: 'https://evil.example/', preventDefault: vi.fn() }
    contents.emit('will-navigate', own)
    contents.emit('will-navigate', foreign)
    expect(own.preventDefault).not.toHaveBeenCalled()
    expect(foreign.preventDefault).toHaveBeenCalledOnce()
  })

  it('hardens a web contents only once, however often it is called', () => {
    const contents = new fakes.FakeWebContents()
    const { log } = memoryLog()
    hardenWebContents(contents as unknown as WebContents, () => true, log)
    hardenWebContents(contents as unknown as WebContents, () => true, log)
    expect(contents.listeners.get('will-navigate')).toHaveLength(1)
  })
})
