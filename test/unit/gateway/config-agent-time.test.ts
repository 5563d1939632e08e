import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { GatewayConfigError, loadGatewayConfig } from '../../../server/gateway/config/load'
import { agentTimeRules } from '../../../server/gateway/live/agent-time'

const DEMO = new URL('../../../config/kcc.demo.json', import.meta.url)
const demo = (): Record<string, unknown> & { afdelingen: Array<Record<string, unknown>> } =>
  JSON.parse(readFileSync(DEMO, 'utf8')) as Record<string, unknown> & {
    afdelingen: Array<Record<string, unknown>>
  }

function write(config: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kcc-config-')), 'kcc.json')
  writeFileSync(file, JSON.stringify(config))
  return file
}

describe('pauze reasons and nawerk limits in the gateway configuration', () => {
  it('gives the demo afdelingen a nawerk limit and the agents their reasons for a pause', async () => {
    const config = await loadGatewayConfig(DEMO.pathname, {})
    expect(config.pauzeRedenen).toEqual(['Lunch', 'Overleg', 'Training', 'Overig'])
    const rules = agentTimeRules(config)
    expect(rules.nawerkSeconds('kcc')).toBe(120)
    expect(rules.nawerkSeconds('vergunningen')).toBe(90)
  })

  it('applies the default reasons when the file names none, and no limit to an afdeling without one', async () => {
    const { pauzeRedenen: _left, ...rest } = demo()
    const file = write({ ...rest, afdelingen: rest.afdelingen.map(({ nawerkSeconds: _n, ...a }) => a) })
    const config = await loadGatewayConfig(file, {})
    expect(config.pauzeRedenen).toEqual(['Lunch', 'Overleg', 'Training', 'Overig'])
    expect(agentTimeRules(config).nawerkSeconds('kcc')).toBeUndefined()
  })

  it('keeps the reasons the file names', async () => {
    const config = await loadGatewayConfig(write({ ...demo(), pauzeRedenen: ['Koffie', 'Scholing'] }), {})
    expect(agentTimeRules(config).pauzeRedenen).toEqual(['Koffie', 'Scholing'])
  })

  it.each([
    ['an empty list of reasons', { pauzeRedenen: [] }],
    ['a reason twice', { pauzeRedenen: ['Lunch', 'Lunch'] }],
    ['a reason with spaces around it', { pauzeRedenen: [' Lunch'] }],
    ['a reason over 40 characters', { pauzeRedenen: ['x'.repeat(41)] }],
  ])('refuses %s', async (_name, change) => {
    const error = await loadGatewayConfig(write({ ...demo(), ...change }), {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GatewayConfigError)
    expect((error as Error).message).toMatch(/pauzeRedenen/)
  })

  it.each([9, 3601, 1.5])('refuses a nawerk limit of %s seconds', async (seconds) => {
    const config = demo()
    config.afdelingen[0] = { ...config.afdelingen[0], nawerkSeconds: seconds }
    const error = await loadGatewayConfig(write(config), {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GatewayConfigError)
    expect((error as Error).message).toMatch(/nawerkSeconds/)
  })
})
