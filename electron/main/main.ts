import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BrowserWindow, app, session } from 'electron'
import { handleAppProtocol, registerAppScheme } from './app-protocol'
import { buildContentSecurityPolicy, installContentSecurityPolicy } from './csp'
import { endpointsFromEnv } from './endpoints'
import { registerAppConfigHandler } from './handlers/app-config'
import { registerAppInfoHandler } from './handlers/app-info'
import { registerIncomingCallHandler } from './handlers/incoming-call'
import { registerWindowFrontHandler } from './handlers/window-front'
import { createHandle } from './ipc'
import { createLogger } from './log'
import { installPermissionHandlers } from './permissions'
import { isRendererUrl, resolveRendererSource } from './renderer-source'
import { acquireSingleInstanceLock } from './single-instance'
import { createMainWindow, hardenWebContents } from './window'

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
  // macOS apps stay active without windows; elsewhere closing the window ends the session.
  if (process.platform !== 'darwin') {
    app.quit()
  }
})

let mainWindow: BrowserWindow | undefined

if (acquireSingleInstanceLock(() => mainWindow)) {
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

  // Throws on a bad KCC_GATEWAY_URL / KCC_SIP_URL: startup fails before any window opens.
  const endpoints = endpointsFromEnv(process.env)
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

  const openMainWindow = (): void => {
    mainWindow = createMainWindow({
      preloadPath: join(here, '../preload/preload.cjs'),
      source,
      log: log.child('window'),
    })
  }
  openMainWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) {
      openMainWindow()
    }
  })
}
