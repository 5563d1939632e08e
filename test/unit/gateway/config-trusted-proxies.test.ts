import { describe, expect, it } from 'vitest'
import { trustedProxyProblems } from '../../../server/gateway/config/trusted-proxies'

describe('the reverse proxies the gateway trusts', () => {
  it('takes IPv4 and IPv6 addresses and networks', () => {
    expect(trustedProxyProblems(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', '192.0.2.7/32'])).toEqual([])
    expect(trustedProxyProblems(undefined)).toEqual([])
  })

  it('names every entry that is no address or whose prefix does not fit it', () => {
    expect(trustedProxyProblems(['999.1.1.1', '10.0.0.0/33', '::1/129', '1.2.3.4/8/8', '10.0.0.1'])).toEqual([
      '/trustedProxies/0 999.1.1.1 is not an IP address or a network (address/prefix)',
      '/trustedProxies/1 10.0.0.0/33 is not an IP address or a network (address/prefix)',
      '/trustedProxies/2 ::1/129 is not an IP address or a network (address/prefix)',
      '/trustedProxies/3 1.2.3.4/8/8 is not an IP address or a network (address/prefix)',
    ])
  })
})
