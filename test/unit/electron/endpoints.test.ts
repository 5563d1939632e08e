import { describe, expect, it } from 'vitest'
import { endpointsFromEnv } from '../../../electron/main/endpoints'

describe('endpointsFromEnv', () => {
  it('falls back to the loopback development endpoints', () => {
    expect(endpointsFromEnv({})).toEqual({
      gatewayUrl: 'http://127.0.0.1:8480',
      gatewayOrigin: 'http://127.0.0.1:8480',
      sipOrigin: 'ws://127.0.0.1:8480',
    })
  })

  it('reduces configured URLs to their origins and keeps the gateway’s full base URL', () => {
    expect(
      endpointsFromEnv({
        KCC_GATEWAY_URL: 'https://kcc.gemeente.example/werkplek',
        KCC_SIP_URL: 'wss://sip.gemeente.example:7443/ws',
      }),
    ).toEqual({
      gatewayUrl: 'https://kcc.gemeente.example/werkplek',
      gatewayOrigin: 'https://kcc.gemeente.example',
      sipOrigin: 'wss://sip.gemeente.example:7443',
    })
  })

  it('gives the gateway base URL without a trailing slash, so paths can be appended', () => {
    expect(endpointsFromEnv({ KCC_GATEWAY_URL: 'http://127.0.0.1:8480/' }).gatewayUrl).toBe(
      'http://127.0.0.1:8480',
    )
    expect(endpointsFromEnv({ KCC_GATEWAY_URL: 'https://kcc.gemeente.example/werkplek/' }).gatewayUrl).toBe(
      'https://kcc.gemeente.example/werkplek',
    )
    expect(endpointsFromEnv({ KCC_GATEWAY_URL: 'HTTPS://KCC.Gemeente.Example:443/?#' }).gatewayUrl).toBe(
      'https://kcc.gemeente.example',
    )
  })

  it('rejects a gateway URL with a query or fragment', () => {
    expect(() => endpointsFromEnv({ KCC_GATEWAY_URL: 'https://kcc.gemeente.example/?x=1' })).toThrow(
      /query or fragment/,
    )
    expect(() => endpointsFromEnv({ KCC_GATEWAY_URL: 'https://kcc.gemeente.example/#api' })).toThrow(
      /query or fragment/,
    )
  })

  it('rejects a gateway URL with a non-HTTP scheme', () => {
    expect(() => endpointsFromEnv({ KCC_GATEWAY_URL: 'ftp://kcc.gemeente.example' })).toThrow(
      /KCC_GATEWAY_URL/,
    )
  })

  it('rejects a SIP URL that is not a WebSocket URL', () => {
    expect(() => endpointsFromEnv({ KCC_SIP_URL: 'https://sip.gemeente.example' })).toThrow(/KCC_SIP_URL/)
  })

  it('rejects an unparsable URL', () => {
    expect(() => endpointsFromEnv({ KCC_GATEWAY_URL: 'kcc.gemeente.example' })).toThrow(/not a valid URL/)
  })

  it.each([
    ['KCC_GATEWAY_URL', 'http://kcc.gemeente.example/werkplek', 'https:'],
    ['KCC_GATEWAY_URL', 'http://10.0.0.5:8480', 'https:'],
    ['KCC_GATEWAY_URL', 'http://127.0.0.1.nip.io:8480', 'https:'],
    ['KCC_GATEWAY_URL', 'http://localhost.:8480', 'https:'],
    ['KCC_SIP_URL', 'ws://sip.gemeente.example:5066/ws', 'wss:'],
    ['KCC_SIP_URL', 'ws://[::ffff:127.0.0.1]:8480/sip', 'wss:'],
    ['KCC_SIP_URL', 'ws://[fe80::1]:8480/sip', 'wss:'],
  ])('refuses plain %s %s to a host off this machine and names the secure scheme', (name, value, secure) => {
    expect(() => endpointsFromEnv({ [name]: value })).toThrow(`${name} must use ${secure} for`)
  })

  it.each([
    'http://127.0.0.1:8480',
    'http://127.12.0.3:8480',
    'http://127.1:8480',
    'http://localhost:8480',
    'http://LOCALHOST:8480',
    'http://[::1]:8480',
  ])('accepts plain http: to the loopback host of %s', (value) => {
    expect(endpointsFromEnv({ KCC_GATEWAY_URL: value }).gatewayOrigin).toBe(new URL(value).origin)
  })

  it('accepts plain ws: to a loopback SIP server and wss: to any host', () => {
    expect(endpointsFromEnv({ KCC_SIP_URL: 'ws://[::1]:5066/ws' }).sipOrigin).toBe('ws://[::1]:5066')
    expect(endpointsFromEnv({ KCC_SIP_URL: 'wss://10.0.0.5:7443/ws' }).sipOrigin).toBe('wss://10.0.0.5:7443')
  })

  it('rejects credentials in a URL', () => {
    expect(() => endpointsFromEnv({ KCC_SIP_URL: 'wss://agent:secret@sip.gemeente.example' })).toThrow(
      /credentials/,
    )
  })
})
