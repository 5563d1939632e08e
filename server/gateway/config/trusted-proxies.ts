import { isIP } from 'node:net'

/**
 * Each `trustedProxies` entry must be an IP address, optionally with a prefix length that fits it
 * (≤ 32 for IPv4, ≤ 128 for IPv6). The schema's pattern only says which characters may appear, so
 * `999.1.1.1` would otherwise pass the start-up check and stop the gateway later, in the HTTP
 * framework, with a message that names no setting.
 */
export function trustedProxyProblems(entries: readonly string[] | undefined): string[] {
  const problems: string[] = []
  for (const [index, entry] of (entries ?? []).entries()) {
    const [address = '', prefix, extra] = entry.split('/')
    const version = isIP(address)
    const bits = version === 4 ? 32 : 128
    const prefixOk = prefix === undefined || (/^[0-9]{1,3}$/.test(prefix) && Number(prefix) <= bits)
    if (version === 0 || !prefixOk || extra !== undefined) {
      problems.push(`/trustedProxies/${index} ${entry} is not an IP address or a network (address/prefix)`)
    }
  }
  return problems
}
