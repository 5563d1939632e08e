import { readFile } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve } from 'node:path'
import type { Logger } from './log'

/**
 * Serves the renderer build folder to the app:// scheme (app-protocol.ts). Pure apart from the
 * file read, which is injectable: `protocol.handle` hands us a fetch `Request` and takes a
 * `Response`, both plain web types.
 *
 * Only files inside `root` are served. The URL parser already removes `.`/`..` segments (also
 * `%2e%2e`), but encoded separators (`%2f`, `%5c`) and NUL survive it, so every segment is decoded
 * on its own and refused if it could still change directories; the joined path is checked to stay
 * below `root` as a second, independent barrier.
 */

export interface AppFilesOptions {
  /** Absolute path of the renderer build folder (`out/renderer`). */
  readonly root: string
  /** The scheme and host the files are served under, e.g. `app:` and `kcc`. */
  readonly protocol: string
  readonly host: string
  /** Response-header policy: the one main builds with `delivery: 'header'` (csp.ts). */
  readonly headerPolicy: string
  /**
   * Replaces the policy of the build's own CSP <meta> tag in index.html. The build writes the
   * endpoints known at build time (electron.vite.config.ts); the browser enforces the meta tag and
   * the header together, so without this the app could not reach endpoints configured at run time.
   */
  readonly metaPolicy: string
  readonly log: Logger
  readonly read?: (path: string) => Promise<Uint8Array>
}

const mimeTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  // Module scripts are refused unless served with a JavaScript MIME type (and nosniff is set).
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.txt': 'text/plain; charset=utf-8',
}

/** The MIME type for a file name; unknown types are sent as opaque bytes, never sniffed. */
export function mimeTypeOf(path: string): string {
  return mimeTypes[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * The file `url` names inside `root`, or undefined when it names none: another host, a directory
 * other than the root, or any segment that is empty, a dot segment, or carries a separator, a NUL
 * or a drive colon once decoded.
 */
export function resolveAppFile(root: string, url: URL, protocol: string, host: string): string | undefined {
  if (url.protocol !== protocol || url.host !== host || url.username !== '' || url.password !== '') {
    return undefined
  }
  if (url.pathname === '/' || url.pathname === '') {
    return resolve(root, 'index.html')
  }
  const segments: string[] = []
  for (const raw of url.pathname.slice(1).split('/')) {
    let segment: string
    try {
      segment = decodeURIComponent(raw)
    } catch {
      return undefined
    }
    if (segment === '' || segment === '.' || segment === '..' || /[/\\\0:]/.test(segment)) {
      return undefined
    }
    segments.push(segment)
  }
  const file = resolve(root, ...segments)
  const inside = relative(root, file)
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    return undefined
  }
  return file
}

// Exactly the tag the build writes (electron.vite.config.ts, Vite's attribute order); the policy
// itself never contains a double quote (csp.ts only lets plain origins in).
const cspMetaTag = /(<meta http-equiv="Content-Security-Policy" content=")[^"]*(")/

/** index.html with its CSP <meta> policy replaced; undefined when the tag is missing. */
export function withMetaPolicy(html: string, policy: string): string | undefined {
  if (!cspMetaTag.test(html)) {
    return undefined
  }
  return html.replace(cspMetaTag, (_match, start: string, end: string) => `${start}${policy}${end}`)
}

export function createAppFileHandler(options: AppFilesOptions): (request: Request) => Promise<Response> {
  const { root, protocol, host, headerPolicy, metaPolicy, log } = options
  const read = options.read ?? readFile
  const indexPath = resolve(root, 'index.html')

  const answer = (status: number, body: Uint8Array<ArrayBuffer> | null, contentType: string): Response =>
    new Response(body, {
      status,
      headers: {
        'Content-Type': contentType,
        'Content-Security-Policy': headerPolicy,
        'X-Content-Type-Options': 'nosniff',
        // The gateway and SIP server do not need to know which screen a request came from.
        'Referrer-Policy': 'no-referrer',
        // Files change only with an update of the app; a stale cache would mix two builds.
        'Cache-Control': 'no-cache',
      },
    })
  const refuse = (status: number): Response => answer(status, null, 'text/plain; charset=utf-8')

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return refuse(405)
    }
    let url: URL
    try {
      url = new URL(request.url)
    } catch {
      return refuse(400)
    }
    const file = resolveAppFile(root, url, protocol, host)
    if (file === undefined) {
      log.warn('app file refused', { path: url.pathname.slice(0, 200) })
      return refuse(404)
    }
    let body: Uint8Array
    try {
      body = await read(file)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') {
        log.warn('app file not found', { path: url.pathname.slice(0, 200) })
        return refuse(404)
      }
      log.error('app file unreadable', { error })
      return refuse(500)
    }
    if (file === indexPath) {
      const html = withMetaPolicy(new TextDecoder().decode(body), metaPolicy)
      if (html === undefined) {
        // A build without its meta policy is not the build we tested; the header still applies.
        log.warn('index.html has no CSP meta tag')
      } else {
        body = new TextEncoder().encode(html)
      }
    }
    // A copy on a plain ArrayBuffer: what BodyInit accepts, whatever buffer `read` returned.
    return answer(200, request.method === 'HEAD' ? null : new Uint8Array(body), mimeTypeOf(file))
  }
}
