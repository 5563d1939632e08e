/**
 * Where the embedded SIP server lives when the gateway is moved by the environment (`KCC_HOST`,
 * `KCC_PORT`). It shares the gateway's port (path /sip) unless the configuration file explicitly
 * gives it another one: when the file's `sip.websocketUrl` names the file's own `port`, that URL
 * moves with the gateway, so one variable moves everything, the URL handed to softphones included.
 * A URL naming another port is the file's explicit choice of a port of its own and is kept; so is
 * a PBX's URL (`embedded: false`).
 *
 * Runs on the file's JSON before validation, so it looks before it leans on any field.
 */
export function sipFollowingGateway(
  file: { host: unknown; port: unknown; sip: unknown },
  moved: { host: unknown; port: unknown },
): string | undefined {
  const sip = file.sip as { websocketUrl?: unknown; embedded?: unknown } | null
  if (typeof sip !== 'object' || sip === null || sip.embedded !== true) {
    return undefined
  }
  if (
    typeof sip.websocketUrl !== 'string' ||
    typeof moved.port !== 'number' ||
    !Number.isInteger(moved.port)
  ) {
    return undefined
  }
  let url: URL
  try {
    url = new URL(sip.websocketUrl)
  } catch {
    return undefined
  }
  if (effectivePort(url) !== file.port) {
    return undefined
  }
  url.port = String(moved.port)
  // A public name (behind a reverse proxy) stays; only the file's own listen address is replaced,
  // and never by a wildcard address, which no softphone can connect to.
  if (
    typeof moved.host === 'string' &&
    moved.host !== file.host &&
    sameHost(url.hostname, file.host) &&
    !WILDCARDS.has(moved.host)
  ) {
    url.hostname = moved.host.includes(':') ? `[${moved.host}]` : moved.host
  }
  return url.toString()
}

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]'])

function effectivePort(url: URL): number {
  if (url.port) {
    return Number(url.port)
  }
  return url.protocol === 'wss:' ? 443 : 80
}

function sameHost(hostname: string, host: unknown): boolean {
  return typeof host === 'string' && hostname.replace(/^\[|\]$/g, '') === host.replace(/^\[|\]$/g, '')
}
