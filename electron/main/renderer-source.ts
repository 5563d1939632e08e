import { pathToFileURL } from 'node:url'

/**
 * Where the renderer is loaded from, and therefore which URLs count as "our renderer" for IPC
 * sender checks (Electron security checklist #17) and permission requests (#5).
 *
 * - `dev-server`: `electron-vite dev` sets ELECTRON_RENDERER_URL. Honoured only in an unpacked
 *   app and only on loopback, so an environment variable can never point a packaged app at a
 *   remote page that would then be trusted with the bridge.
 * - `file`: the built `out/renderer/index.html`.
 */
export type RendererSource =
  { readonly kind: 'dev-server'; readonly url: string } | { readonly kind: 'file'; readonly path: string }

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]'])

export function resolveRendererSource(options: {
  readonly devServerUrl: string | undefined
  readonly isPackaged: boolean
  readonly indexHtmlPath: string
}): RendererSource {
  const { devServerUrl, isPackaged, indexHtmlPath } = options
  if (devServerUrl !== undefined && devServerUrl !== '' && !isPackaged) {
    const url = parseUrl(devServerUrl)
    if (url === undefined || url.protocol !== 'http:' || !loopbackHosts.has(url.hostname)) {
      throw new Error(`ELECTRON_RENDERER_URL must be an http:// loopback URL, got ${devServerUrl}`)
    }
    return { kind: 'dev-server', url: url.href }
  }
  return { kind: 'file', path: indexHtmlPath }
}

/**
 * True only for a document of our own renderer. Compared with a URL parser, never with
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
  // file: URLs all share the opaque origin "null", so compare the exact document instead;
  // query and fragment do not change which document it is.
  const expected = pathToFileURL(source.path)
  return url.protocol === 'file:' && url.host === expected.host && url.pathname === expected.pathname
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value)
  } catch {
    return undefined
  }
}
