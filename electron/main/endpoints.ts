/**
 * The two network endpoints the renderer may talk to: the gateway (our backend-for-frontend,
 * HTTP) and the SIP server (WebSocket). Read from the environment and checked once at startup:
 * a bad value stops the app instead of surfacing later as a failing request. Both are reduced to
 * origins, which is what the CSP `connect-src` needs; the gateway's full base URL is kept as well,
 * because the app:// renderer is not served by the gateway and cannot find it by its own origin
 * (`app:config:get`).
 * Pure: the environment is passed in.
 */

export interface Endpoints {
  /** The gateway's base URL, normalised and without a trailing slash, e.g. `https://kcc.example/kcc`. */
  readonly gatewayUrl: string
  readonly gatewayOrigin: string
  readonly sipOrigin: string
}

export type EndpointEnv = Readonly<Record<string, string | undefined>>

export const defaultGatewayUrl = 'http://127.0.0.1:8480'
export const defaultSipUrl = 'ws://127.0.0.1:8480/sip'

interface Schemes {
  readonly secure: string
  /** Allowed only to a loopback host, where the traffic never leaves the machine. */
  readonly plain: string
}

// Electron security checklist #1 "Only load secure content": the agent's bearer token, SIP
// credentials and klantcontact data must not cross a network in clear text. Plain http:/ws: stay
// for the loopback server of `npm start` and the tests.
const gatewaySchemes: Schemes = { secure: 'https:', plain: 'http:' }
const sipSchemes: Schemes = { secure: 'wss:', plain: 'ws:' }

export function endpointsFromEnv(env: EndpointEnv): Endpoints {
  const gateway = parseEndpoint(
    'KCC_GATEWAY_URL',
    env['KCC_GATEWAY_URL'] ?? defaultGatewayUrl,
    gatewaySchemes,
  )
  if (gateway.search !== '' || gateway.hash !== '') {
    // A base URL gets paths appended to it; a query or fragment would end up in the middle.
    throw new Error('KCC_GATEWAY_URL must not contain a query or fragment')
  }
  const sip = parseEndpoint('KCC_SIP_URL', env['KCC_SIP_URL'] ?? defaultSipUrl, sipSchemes)
  return {
    // Built from its parts, so an empty `?` or `#` left at the end goes too.
    gatewayUrl: `${gateway.origin}${gateway.pathname}`.replace(/\/+$/, ''),
    gatewayOrigin: gateway.origin,
    sipOrigin: sip.origin,
  }
}

/**
 * Loopback as the URL parser leaves it: IPv4 shorthands such as `127.1` or `0x7f.1` are already
 * normalised to dotted decimal, IPv6 is bracketed and compressed. Anything else, including
 * `localhost.` or a name that merely resolves to loopback, counts as a network host.
 */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
}

function parseEndpoint(name: string, value: string, schemes: Schemes): URL {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new Error(`${name} is not a valid URL: ${JSON.stringify(value)}`)
  }
  if (url.protocol !== schemes.secure && url.protocol !== schemes.plain) {
    throw new Error(`${name} must use ${schemes.secure} or ${schemes.plain}, got ${url.protocol}`)
  }
  if (url.protocol === schemes.plain && !isLoopbackHost(url.hostname)) {
    throw new Error(
      `${name} must use ${schemes.secure} for ${url.hostname}: ${schemes.plain} is allowed only for ` +
        'loopback (127.0.0.0/8, ::1, localhost)',
    )
  }
  if (url.username !== '' || url.password !== '') {
    // Credentials in a URL would end up in the CSP string, in logs and in the renderer.
    throw new Error(`${name} must not contain credentials`)
  }
  return url
}
