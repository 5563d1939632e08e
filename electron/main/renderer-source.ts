import { appHost, appIndexUrl, appScheme } from './app-origin'

/**
 * Where the renderer is loaded from, and therefore which URLs count as "our renderer" for IPC
 * sender checks (Electron security checklist #17), permission requests (#5) and navigation (#13).
 *
 * - `dev-server`: `electron-vite dev` sets ELECTRON_RENDERER_URL. Honoured only in an unpacked
 *   app and only on loopback, so an environment variable can never point a packaged app at a
 *   remote page that would then be trusted with the bridge.
 * - `app`: the built `out/renderer` folder, served as app://kcc/ (app-protocol.ts).
 */
export type RendererSource =
  | { readonly kind: 'dev-server'; readonly url: string }
  | { readonly kind: 'app'; readonly url: string; readonly root: string }

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]'])

export function resolveRendererSource(options: {
  readonly devServerUrl: string | undefined
  readonly isPackaged: boolean
  /** Absolute path of the renderer build folder, the one holding index.html. */
  readonly rendererRoot: string
}): RendererSource {
  const { devServerUrl, isPackaged, rendererRoot } = options
  if (devServerUrl !== undefined && devServerUrl !== '' && !isPackaged) {
    const url = parseUrl(devServerUrl)
    if (url === undefined || url.protocol !== 'http:' || !loopbackHosts.has(url.hostname)) {
      throw new Error(`ELECTRON_RENDERER_URL must be an http:// loopback URL, got ${devServerUrl}`)
    }
    return { kind: 'dev-server', url: url.href }
  }
  return { kind: 'app', url: appIndexUrl, root: rendererRoot }
}

/**
 * True only for a document of our own renderer's origin. Compared with a URL parser, never with
 * `startsWith` (the checklist's example: `https://example.com.attacker.com`).
 */
export function isRendererUrl(source: RendererSource, candidate: string): boolean {
  const url = parseUrl(candidate)
  if (url === undefined) {
    return false
  }
  if (source.kind === 'dev-server') {
    return url.origin === new URL(source.url).origin
  }
  // Node's URL gives every app: URL the origin "null", so compare the parts that make up the
  // origin browsers give a standard scheme: scheme, host and port. No credentials either: Chromium
  // would not send them, so a URL that has them did not come from our frame.
  return (
    url.protocol === `${appScheme}:` &&
    url.hostname === appHost &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  )
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value)
  } catch {
    return undefined
  }
}
