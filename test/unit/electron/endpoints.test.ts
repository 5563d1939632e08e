import { describe, expect, it } from 'vitest'
import { endpointsFromEnv } from '../../../electron/main/endpoints'

describe('endpointsFromEnv', () => {
  it('falls back to the loopback development endpoints', () => {
    expect(endpointsFromEnv({})).toEqual({
      gatewayOrigin: 'http://127.0.0.1:8080',
      sipOrigin: 'ws://127.0.0.1:5066',
    })
  })

  it('reduces configured URLs to their origins', () => {
    expect(
      endpointsFromEnv({
        KCC_GATEWAY_URL: 'https://kcc.gemeente.example/api/v1',
        KCC_SIP_URL: 'wss://sip.gemeente.example:7443/ws',
      }),
    ).toEqual({ gatewayOrigin: 'https://kcc.gemeente.example', sipOrigin: 'wss://sip.gemeente.example:7443' })
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

  it('rejects credentials in a URL', () => {
    expect(() => endpointsFromEnv({ KCC_SIP_URL: 'wss://agent:secret@sip.gemeente.example' })).toThrow(
      /credentials/,
    )
  })
})
