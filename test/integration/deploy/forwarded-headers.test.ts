import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadGatewayConfig } from '../../../server/gateway/config/load'
import { DEMO_CONFIG } from '../../support/gateway'
import { startComposed, type Composed } from './composed'

/**
 * `trustedProxies`: the gateway believes X-Forwarded-For/-Proto/-Host only from the peers named
 * there. A client that is not one of them cannot choose the address the login limits and the audit
 * log count it by, nor the origin of the gateway's problem type URLs.
 */
async function unauthenticated(composed: Composed, headers: Record<string, string>) {
  const response = await fetch(`${composed.server.url}/api/softphone`, { headers })
  expect(response.status).toBe(401)
  return (await response.json()) as { type: string }
}

const forged = {
  'x-forwarded-for': '203.0.113.9',
  'x-forwarded-proto': 'https',
  'x-forwarded-host': 'elders.example',
}

function remoteAddresses(composed: Composed): string[] {
  return composed.logs
    .filter((line) => line.includes('/api/softphone'))
    .flatMap((line) => [...line.matchAll(/"remoteAddress":"([^"]*)"/g)].map((match) => match[1]!))
}

for (const [name, trustedProxies] of [
  ['without trustedProxies', undefined],
  ['with trustedProxies naming another address', ['10.0.0.1']],
] as const) {
  describe(`a gateway ${name}`, () => {
    let composed: Composed
    beforeAll(async () => {
      composed = await startComposed((config) => ({
        ...config,
        ...(trustedProxies ? { trustedProxies: [...trustedProxies] } : {}),
      }))
    })
    afterAll(() => composed?.close())

    it('ignores the forwarding headers of a client', async () => {
      const problem = await unauthenticated(composed, forged)
      expect(problem.type.startsWith(`${composed.server.url}/ref/fouten/`)).toBe(true)
      expect(remoteAddresses(composed)).toContain('127.0.0.1')
      expect(remoteAddresses(composed)).not.toContain('203.0.113.9')
    })
  })
}

describe('a gateway whose trustedProxies name the peer', () => {
  let composed: Composed
  beforeAll(async () => {
    composed = await startComposed((config) => ({ ...config, trustedProxies: ['127.0.0.0/8'] }))
  })
  afterAll(() => composed?.close())

  it('takes the client address, scheme and host from them', async () => {
    const problem = await unauthenticated(composed, forged)
    expect(problem.type.startsWith('https://elders.example/ref/fouten/')).toBe(true)
    expect(remoteAddresses(composed)).toContain('203.0.113.9')
  })
})

describe('a trustedProxies entry that is no address', () => {
  it('is refused by the configuration check, with its path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kcc-trusted-'))
    try {
      const demo = JSON.parse(readFileSync(DEMO_CONFIG, 'utf8')) as Record<string, unknown>
      writeFileSync(join(dir, 'kcc.json'), JSON.stringify({ ...demo, trustedProxies: ['nginx.local'] }))
      await expect(loadGatewayConfig(join(dir, 'kcc.json'), {})).rejects.toThrow(
        '/trustedProxies/0 must match',
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('stops the start naming an address out of range', async () => {
    await expect(startComposed((config) => ({ ...config, trustedProxies: ['999.1.1.1'] }))).rejects.toThrow(
      'invalid IP address: 999.1.1.1',
    )
  })
})
