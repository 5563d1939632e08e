import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BrowserWindow, app, session } from 'electron'
import { handleAppProtocol, registerAppScheme } from './app-protocol'
import { buildContentSecurityPolicy, installContentSecurityPolicy } from './csp'
import { startDesktopShell, type DesktopShell } from './desktop-shell'
import { askOnClose } from './dialogs'
import { endpointsFromEnv } from './endpoints'
import { registerAppConfigHandler } from './handlers/app-config'
import { registerAppInfoHandler } from './handlers/app-info'
import { registerIncomingCallHandler } from './handlers/incoming-call'
import { registerSsoHandlers } from './handlers/sso'
import { registerWindowFrontHandler } from './handlers/window-front'
import { createHandle } from './ipc'
import { createLogger } from './log'
import { installPermissionHandlers } from './permissions'
import { endpointEnv, readPolicy } from './policy'
import { LINK_SCHEMES, linkFromArgv } from './protocol-links'
import { isRendererUrl, resolveRendererSource } from './renderer-source'
import { acquireSingleInstanceLock } from './single-instance'
import { startUpdates } from './updates'
import { createMainWindow, hardenWebContents } from './window'
import { guardWindowClose } from './window-close'

// Entry point: wires the pieces, holds no policy of its own.

const log = createLogger('main')
const here = dirname(fileURLToPath(import.meta.url))

// Security checklist #4: sandbox every renderer, including any not created by createMainWindow.
// Must run before the app is ready.
app.enableSandbox()
// #18: the built renderer loads from app://kcc/, whose privileges must be declared before ready.
registerAppScheme()

// Which URLs are the app's own: set in start() once the renderer source is known. Until then no
// web contents exists, and any that did would be treated as foreign.
let isOurRenderer = (_url: string): boolean => false

// #12–#14 for every web contents, whoever creates it.
app.on('web-contents-created', (_event, contents) => {
  hardenWebContents(contents, (url) => isOurRenderer(url), log.child('window'))
})

app.on('window-all-closed', () => {
  // macOS apps stay active without windows; elsewhere closing the window ends the session. Keeping
  // the app in the tray hides the window instead of closing it (window-close.ts).
  if (process.platform !== 'darwin') {
    app.quit()
  }
})

let mainWindow: BrowserWindow | undefined
let shell: DesktopShell | undefined
let quitting = false
// Links that arrive before the shell exists (macOS sends open-url even before ready).
const earlyLinks: string[] = []

const handleLink = (link: string): void => {
  if (shell === undefined) {
    earlyLinks.push(link)
    return
  }
  shell.links.handle(link).catch((error: unknown) => log.error('link failed', { error }))
}

app.on('before-quit', () => {
  quitting = true
})
// macOS delivers links through open-url; Windows and Linux through the command line.
app.on('open-url', (event, url) => {
  event.preventDefault()
  handleLink(url)
})

const onArguments = (argv: readonly string[]): void => {
  const link = linkFromArgv(argv)
  if (link !== undefined) {
    handleLink(link)
  }
}

if (acquireSingleInstanceLock(() => mainWindow, onArguments)) {
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('startup failed', { error })
      app.exit(1)
    })
} else {
  log.info('another instance is running, quitting')
  app.quit()
}

function start(): void {
  const source = resolveRendererSource({
    devServerUrl: process.env['ELECTRON_RENDERER_URL'],
    isPackaged: app.isPackaged,
    rendererRoot: join(here, '../renderer'),
  })
  isOurRenderer = (url) => isRendererUrl(source, url)

  // The IT admin's policy (registry, configuration file) over the environment; a policy that
  // cannot be read throws, like a bad KCC_GATEWAY_URL / KCC_SIP_URL: startup fails before any window.
  const adminPolicy = readPolicy({ platform: process.platform, execPath: process.execPath, env: process.env })
  log.info('policy read', { sources: adminPolicy.sources })
  const endpoints = endpointsFromEnv({ ...process.env, ...endpointEnv(adminPolicy) })
  log.info('endpoints configured', { gateway: endpoints.gatewayUrl, sip: endpoints.sipOrigin })
  const devServerOrigin = source.kind === 'dev-server' ? new URL(source.url).origin : undefined
  const policy = (delivery: 'header' | 'meta'): string =>
    buildContentSecurityPolicy({
      connectOrigins: [endpoints.gatewayOrigin, endpoints.sipOrigin],
      devServerOrigin,
      delivery,
    })
  installContentSecurityPolicy(session.defaultSession, policy('header'))
  if (source.kind === 'app') {
    handleAppProtocol({
      root: source.root,
      headerPolicy: policy('header'),
      metaPolicy: policy('meta'),
      log: log.child('app-protocol'),
    })
  }
  installPermissionHandlers(session.defaultSession, isOurRenderer, log.child('permissions'))

  const handle = createHandle(isOurRenderer, log.child('ipc'))
  registerAppInfoHandler(handle)
  registerAppConfigHandler(handle, { gatewayUrl: endpoints.gatewayUrl })
  registerIncomingCallHandler(handle, { getWindow: () => mainWindow, log: log.child('calls') })
  registerWindowFrontHandler(handle, { getWindow: () => mainWindow, log: log.child('window') })
  registerSsoHandlers(handle, {
    gatewayUrl: endpoints.gatewayUrl,
    getWindow: () => mainWindow,
    log: log.child('sso'),
  })
  const desktop = startDesktopShell({
    handle,
    policy: adminPolicy,
    settingsPath: join(app.getPath('userData'), 'desktop-settings.json'),
    getWindow: () => mainWindow,
    log: log.child('desktop'),
  })
  shell = desktop
  if (app.isPackaged) {
    // A development run would make the bare Electron binary the handler for every tel: link; the
    // installers register the packaged app as well (electron-builder.yml `protocols`).
    for (const scheme of LINK_SCHEMES) {
      app.setAsDefaultProtocolClient(scheme)
    }
  }

  const openMainWindow = (): void => {
    const window = createMainWindow({
      preloadPath: join(here, '../preload/preload.cjs'),
      source,
      log: log.child('window'),
    })
    guardWindowClose(window, {
      loggedIn: desktop.loggedIn,
      behaviour: desktop.closeBehaviour,
      quitting: () => quitting,
      ask: () => askOnClose(window),
      quit: () => app.quit(),
      log: log.child('window'),
    })
    mainWindow = window
  }
  openMainWindow()
  // The link this instance was started with, and any that came before the shell existed.
  onArguments(process.argv)
  for (const link of earlyLinks.splice(0)) {
    handleLink(link)
  }
  void startUpdates({
    loadUpdater: async () => (await import('electron-updater')).autoUpdater,
    isPackaged: app.isPackaged,
    updateUrl: adminPolicy.updateUrl,
    disabledByPolicy: adminPolicy.updatesDisabled,
    log: log.child('updates'),
  })
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) {
      openMainWindow()
    }
  })
}
