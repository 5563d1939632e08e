import type { Session } from 'electron'

/**
 * The renderer's Content Security Policy (Electron security checklist #7).
 *
 * Default-deny: scripts, styles, fonts and images only from the app itself, network connections
 * only to the app's own origin and the configured gateway and SIP origins, no plugins, no <base>,
 * no form posts.
 * `buildContentSecurityPolicy` is pure and shared by the delivery paths:
 * - the renderer build injects it as a <meta> tag (electron.vite.config.ts), for the plain web
 *   build the gateway serves;
 * - the app:// handler sends it as a response header on every file of the built desktop renderer,
 *   and rewrites the build's <meta> tag to the endpoints configured at run time (app-files.ts);
 * - the main process adds it as a response header on every document it loads (below), which
 *   covers the dev server.
 * Where several apply the browser enforces all, so a mismatch can only make the policy stricter.
 */

export interface CspOptions {
  /** Origins the renderer may fetch/WebSocket to, e.g. `https://bff.gemeente.nl`. */
  readonly connectOrigins: readonly string[]
  /**
   * Vite dev server origin. Its client needs an inline React-refresh preamble, injected <style>
   * tags and a WebSocket back to the server; never set for a built app.
   */
  readonly devServerOrigin?: string
  /**
   * `meta` leaves out directives browsers ignore (and warn about) in a <meta> policy.
   */
  readonly delivery: 'header' | 'meta'
}

// CSP source expressions we accept as connect origins: scheme://host[:port], nothing that could
// smuggle a `;` or a keyword into the policy.
const originPattern =
  /^(https?|wss?):\/\/[A-Za-z0-9.-]+(:\d{1,5})?$|^(https?|wss?):\/\/\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/

export function buildContentSecurityPolicy(options: CspOptions): string {
  const { connectOrigins, devServerOrigin, delivery } = options
  for (const origin of [...connectOrigins, ...(devServerOrigin === undefined ? [] : [devServerOrigin])]) {
    if (!originPattern.test(origin)) {
      throw new Error(`not a plain origin for the CSP: ${JSON.stringify(origin)}`)
    }
  }
  const dev = devServerOrigin === undefined ? [] : [devServerOrigin, devServerOrigin.replace(/^http/, 'ws')]
  const devInline = devServerOrigin === undefined ? [] : ["'unsafe-inline'"]
  // 'self' always: the web build is served by the gateway itself and fetches /api and opens its
  // ws: sockets (/api/live, /sip) on that same origin. CSP Level 3 lets 'self' match ws:/wss: on
  // the page's own host and port ("Does url match expression in origin with redirect count?"),
  // which CSP 2 did not. In the Electron app://kcc page 'self' covers only the app's own files;
  // the gateway and SIP origins must still be listed, and any other origin stays blocked.
  const connect = [...new Set(["'self'", ...connectOrigins, ...dev])]

  const directives: Array<[string, string[]]> = [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'", ...devInline]],
    ['style-src', ["'self'", ...devInline]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    // Ringtones from the app itself; remote call audio arrives as a MediaStream, not a URL.
    ['media-src', ["'self'", 'blob:']],
    ['connect-src', connect],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
  ]
  if (delivery === 'header') {
    directives.push(['frame-ancestors', ["'none'"]])
  }
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ')
}

/** Adds the policy to every document (main frame and sub frame) the session loads. */
export function installContentSecurityPolicy(session: Session, policy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (details.resourceType !== 'mainFrame' && details.resourceType !== 'subFrame') {
      callback({})
      return
    }
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] },
    })
  })
}
