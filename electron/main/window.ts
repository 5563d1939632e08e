import { BrowserWindow, type BrowserWindowConstructorOptions, type WebContents } from 'electron'
import type { Logger } from './log'
import { isRendererUrl, type RendererSource } from './renderer-source'

/**
 * The main window and the hardening every web contents gets. Numbers refer to the Electron security
 * checklist (electronjs.org/docs/latest/tutorial/security).
 */

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    title: 'KCC Werkplek',
    // Shown on ready-to-show, so the agent never sees a blank white frame.
    show: false,
    webPreferences: {
      preload: preloadPath,
      // #3: the page and the preload live in separate JavaScript worlds.
      contextIsolation: true,
      // #4: the renderer runs in Chromium's OS sandbox; the preload gets only a minimal
      // Node-free environment, hence the single bundled CJS preload.
      sandbox: true,
      // #2: no Node.js in the page, its workers or its frames.
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      // #6, #8, #9: keep Chromium's web security defaults, stated so a refactor cannot drop them.
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // #11: no <webview>.
      webviewTag: false,
      // #13: a dropped file would otherwise navigate the window to it.
      navigateOnDragDrop: false,
    },
  }
}

const hardened = new WeakSet<WebContents>()

/**
 * Navigation and window-opening limits for any web contents (#12, #13, #14). Idempotent, because
 * main.ts applies it to every web contents created and createMainWindow applies it directly.
 * `isOwnUrl` says whether a URL is a document of the app's own origin (renderer-source.ts).
 */
export function hardenWebContents(
  contents: WebContents,
  isOwnUrl: (url: string) => boolean,
  log: Logger,
): void {
  if (hardened.has(contents)) {
    return
  }
  hardened.add(contents)

  // #13: the app is a single page. A navigation within its own origin (a reload of index.html)
  // is harmless; any other means a bug or an attack. Only the origin is logged, since a URL can
  // carry personal data.
  contents.on('will-navigate', (event) => {
    if (isOwnUrl(event.url)) {
      return
    }
    event.preventDefault()
    log.warn('navigation blocked', { origin: originOf(event.url) })
  })
  // #14: no new windows, not even of the app's own origin: a second window would be a second
  // renderer with the bridge and no call in it. External links will go through a checked
  // openExternal later.
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('window.open blocked', { origin: originOf(url) })
    return { action: 'deny' }
  })
  // #12: even with webviewTag off, refuse any attach attempt.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    log.warn('webview attach blocked')
  })
}

export interface MainWindowOptions {
  readonly preloadPath: string
  readonly source: RendererSource
  readonly log: Logger
}

export function createMainWindow({ preloadPath, source, log }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath))
  hardenWebContents(window.webContents, (url) => isRendererUrl(source, url), log)

  window.once('ready-to-show', () => {
    window.show()
  })
  window.webContents.on('render-process-gone', (_event, details) => {
    log.error('renderer process gone', { reason: details.reason, exitCode: details.exitCode })
  })

  // Both sources are URLs: the dev server's, or app://kcc/index.html (app-protocol.ts). Never
  // loadFile: a file:// page shares the origin "null" with every other local file (#18).
  window.loadURL(source.url).catch((error: unknown) => {
    log.error('renderer failed to load', { error })
  })
  return window
}

function originOf(url: string): string {
  try {
    const parsed = new URL(url)
    // Node serialises the origin of a non-special scheme (app:, file:) as "null".
    return parsed.origin === 'null' ? `${parsed.protocol}//${parsed.host}` : parsed.origin
  } catch {
    return 'invalid-url'
  }
}
