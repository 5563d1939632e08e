import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadGatewayConfig } from '../../../server/gateway/config/load'

/**
 * The embedded SIP server lives on the gateway's port unless the file says otherwise, so moving the
 * gateway with KCC_PORT or KCC_HOST moves the SIP WebSocket URL handed to softphones along with it.
 */
const DEMO = new URL('../../../config/kcc.demo.json', import.meta.url)
type Json = Record<string, unknown> & { sip: Record<string, unknown> }
const demo = (): Json => JSON.parse(readFileSync(DEMO, 'utf8')) as Json

function write(config: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kcc-config-')), 'kcc.json')
  writeFileSync(file, JSON.stringify(config))
  return file
}

describe('the SIP WebSocket URL when the gateway is moved by the environment', () => {
  it('moves to KCC_PORT when the file puts the SIP server on the gateway port', async () => {
    const config = await loadGatewayConfig(DEMO.pathname, { KCC_PORT: '9000' })
    expect(config.port).toBe(9000)
    expect(config.sip.websocketUrl).toBe('ws://127.0.0.1:9000/sip')
  })

  it('moves to KCC_HOST too, but never to a wildcard address no softphone can dial', async () => {
    const moved = await loadGatewayConfig(DEMO.pathname, { KCC_HOST: '127.0.0.2', KCC_PORT: '9001' })
    expect(moved.sip.websocketUrl).toBe('ws://127.0.0.2:9001/sip')
    const ipv6 = await loadGatewayConfig(DEMO.pathname, { KCC_HOST: '::1' })
    expect(ipv6.sip.websocketUrl).toBe('ws://[::1]:8480/sip')
    const everywhere = await loadGatewayConfig(DEMO.pathname, { KCC_HOST: '0.0.0.0', KCC_PORT: '9002' })
    expect(everywhere.sip.websocketUrl).toBe('ws://127.0.0.1:9002/sip')
  })

  it('keeps a public host name and moves only its port', async () => {
    const file = write({
      ...demo(),
      sip: { ...demo().sip, websocketUrl: 'wss://kcc.gemeente.example:8480/sip' },
    })
    const config = await loadGatewayConfig(file, { KCC_HOST: '10.0.0.5', KCC_PORT: '9443' })
    expect(config.sip.websocketUrl).toBe('wss://kcc.gemeente.example:9443/sip')
  })

  it('keeps a port of its own that the file names explicitly', async () => {
    const file = write({ ...demo(), sip: { ...demo().sip, websocketUrl: 'ws://127.0.0.1:5066/sip' } })
    const config = await loadGatewayConfig(file, { KCC_PORT: '9000' })
    expect(config.sip.websocketUrl).toBe('ws://127.0.0.1:5066/sip')
  })

  it('leaves a PBX alone', async () => {
    const file = write({
      ...demo(),
      sip: {
        ...demo().sip,
        embedded: false,
        credentials: { secret: 'a-secret-shared-with-kamailio-of-32+chars' },
      },
    })
    const config = await loadGatewayConfig(file, { KCC_PORT: '9000' })
    expect(config.sip.websocketUrl).toBe('ws://127.0.0.1:8480/sip')
  })

  it('lets KCC_SIP_WEBSOCKET_URL have the last word', async () => {
    const config = await loadGatewayConfig(DEMO.pathname, {
      KCC_PORT: '9000',
      KCC_SIP_WEBSOCKET_URL: 'wss://sip.gemeente.example/ws',
    })
    expect(config.sip.websocketUrl).toBe('wss://sip.gemeente.example/ws')
  })

  it('leaves the URL as the file has it when nothing moves', async () => {
    const config = await loadGatewayConfig(DEMO.pathname, {})
    expect(config.sip.websocketUrl).toBe('ws://127.0.0.1:8480/sip')
  })
})
