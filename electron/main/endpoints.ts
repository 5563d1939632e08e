/**
 * The two network endpoints the renderer may talk to: the gateway (our backend-for-frontend,
 * HTTP) and the SIP server (WebSocket). Read from the environment and reduced to origins, which
 * is what the CSP `connect-src` needs. Pure: the environment is passed in.
 */

export interface Endpoints {
  readonly gatewayOrigin: string
  readonly sipOrigin: string
}

export type EndpointEnv = Readonly<Record<string, string | undefined>>

export const defaultGatewayUrl = 'http://127.0.0.1:8080'
export const defaultSipUrl = 'ws://127.0.0.1:5066'

// Production should use https:/wss: only (Electron security checklist #1); plain http:/ws: stay
// allowed for the loopback development defaults until the deployment config issue decides.
const gatewaySchemes = new Set(['https:', 'http:'])
const sipSchemes = new Set(['wss:', 'ws:'])

export function endpointsFromEnv(env: EndpointEnv): Endpoints {
  return {
    gatewayOrigin: originOf('KCC_GATEWAY_URL', env['KCC_GATEWAY_URL'] ?? defaultGatewayUrl, gatewaySchemes),
    sipOrigin: originOf('KCC_SIP_URL', env['KCC_SIP_URL'] ?? defaultSipUrl, sipSchemes),
  }
}

function originOf(name: string, value: string, schemes: ReadonlySet<string>): string {
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
    // Credentials in a URL would end up in the CSP string and in logs.
    throw new Error(`${name} must not contain credentials`)
  }
  return url.origin
}
