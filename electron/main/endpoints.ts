/**
 * The two network endpoints the renderer may talk to: the gateway (our backend-for-frontend,
 * HTTP) and the SIP server (WebSocket). Read from the environment and checked once at startup:
 * a bad value stops the app instead of surfacing later as a failing request. Both are reduced to
 * origins, which is what the CSP `connect-src` needs; the gateway's full base URL is kept as well,
 * because the file:// renderer has no origin of its own to reach it by (`app:config:get`).
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

// Production should use https:/wss: only (Electron security checklist #1); plain http:/ws: stay
// allowed for the loopback development defaults until the deployment config issue decides.
const gatewaySchemes = new Set(['https:', 'http:'])
const sipSchemes = new Set(['wss:', 'ws:'])

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

function parseEndpoint(name: string, value: string, schemes: ReadonlySet<string>): URL {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new Error(`${name} is not a valid URL: ${JSON.stringify(value)}`)
  }
  if (!schemes.has(url.protocol)) {
    throw new Error(`${name} must use ${[...schemes].join(' or ')}, got ${url.protocol}`)
  }
  if (url.username !== '' || url.password !== '') {
    // Credentials in a URL would end up in the CSP string, in logs and in the renderer.
    throw new Error(`${name} must not contain credentials`)
  }
  return url
}
