import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hashPassword } from '../../../server/gateway/auth/passwords'
import { GatewayConfigError, loadGatewayConfig } from '../../../server/gateway/config/load'

const DEMO = new URL('../../../config/kcc.demo.json', import.meta.url)
const demo = (): Record<string, unknown> => JSON.parse(readFileSync(DEMO, 'utf8')) as Record<string, unknown>

function write(config: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kcc-config-')), 'kcc.json')
  writeFileSync(file, JSON.stringify(config))
  return file
}

describe('gateway configuration', () => {
  it('loads the shipped demo configuration', async () => {
    const config = await loadGatewayConfig(DEMO.pathname, {})
    expect(config.agents.map((a) => a.login)).toEqual([
      'medewerker1',
      'medewerker3',
      'medewerker2',
      'supervisor',
    ])
    expect(config.afdelingen.map((a) => a.naam)).toEqual(['KCC', 'Afdeling Vergunningen'])
    expect(config.sip.guests).toEqual(['burger'])
  })

  it('applies environment overrides, switching to a remote provider', async () => {
    const config = await loadGatewayConfig(DEMO.pathname, {
      KCC_PORT: '9000',
      KCC_KLANTINTERACTIES_URL: 'https://openklant.gemeente.example/klantinteracties/api/v1',
      KCC_KLANTINTERACTIES_TOKEN: 'a-token-of-forty-characters-0123456789ab',
      KCC_ANSWER_FIELD: 'reactie',
    })
    expect(config.port).toBe(9000)
    expect(config.answerField).toBe('reactie')
    expect(config.klantinteracties).toEqual({
      mode: 'remote',
      baseUrl: 'https://openklant.gemeente.example/klantinteracties/api/v1',
      token: 'a-token-of-forty-characters-0123456789ab',
      providerGeneratesNummer: false,
    })
  })

  it('takes the consult ring time from the file or KCC_CONSULT_RING_SECONDS, and leaves it out by default', async () => {
    expect((await loadGatewayConfig(DEMO.pathname, {})).transfer?.consultRingSeconds).toBeUndefined()
    const file = write({ ...demo(), transfer: { consultRingSeconds: 40 } })
    expect((await loadGatewayConfig(file, {})).transfer).toEqual({ consultRingSeconds: 40 })
    const env = await loadGatewayConfig(file, { KCC_CONSULT_RING_SECONDS: '15' })
    expect(env.transfer).toEqual({ consultRingSeconds: 15 })
  })

  it.each(['4', '121', '12.5', 'kort'])('refuses a consult ring time of %s seconds', async (value) => {
    const error = await loadGatewayConfig(DEMO.pathname, { KCC_CONSULT_RING_SECONDS: value }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(GatewayConfigError)
    expect((error as Error).message).toMatch(/\/transfer\/consultRingSeconds/)
  })

  it('refuses an unknown transfer setting', async () => {
    const error = await loadGatewayConfig(write({ ...demo(), transfer: { ringSeconds: 20 } }), {}).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(GatewayConfigError)
    expect((error as Error).message).toMatch(/\/transfer/)
  })

  it('lists every schema problem with its path', async () => {
    const broken = demo()
    const agents = broken['agents'] as Array<Record<string, unknown>>
    agents[0]!['role'] = 'beheerder'
    agents[1]!['login'] = 'Medewerker 2; DROP'
    const error = await loadGatewayConfig(write(broken), {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GatewayConfigError)
    expect((error as Error).message).toMatch(/\/agents\/0\/role/)
    expect((error as Error).message).toMatch(/\/agents\/1\/login/)
  })

  it('refuses an agent of an afdeling that is not configured, and duplicate SIP users', async () => {
    const broken = demo()
    const agents = broken['agents'] as Array<Record<string, unknown>>
    agents[0]!['afdeling'] = 'burgerzaken'
    agents[1]!['sipExtension'] = 'kcc'
    const error = (await loadGatewayConfig(write(broken), {}).catch((e: unknown) => e)) as Error
    expect(error.message).toMatch(/afdeling burgerzaken is not configured/)
    expect(error.message).toMatch(/SIP user kcc is used twice/)
  })

  it('accepts a supervisor’s `supervises` afdelingen only when they are configured', async () => {
    const config = demo()
    const agents = config['agents'] as Array<Record<string, unknown>>
    const supervisor = agents.find((a) => a['login'] === 'supervisor')!
    supervisor['supervises'] = ['kcc', 'vergunningen']
    const loaded = await loadGatewayConfig(write(config), {})
    expect(loaded.agents.find((a) => a.login === 'supervisor')?.supervises).toEqual(['kcc', 'vergunningen'])
    supervisor['supervises'] = ['kcc', 'burgerzaken']
    const error = (await loadGatewayConfig(write(config), {}).catch((e: unknown) => e)) as Error
    expect(error).toBeInstanceOf(GatewayConfigError)
    expect(error.message).toMatch(/supervisor: supervised afdeling burgerzaken is not configured/)
  })

  it('refuses a SIP password: agents get ephemeral credentials from the gateway', async () => {
    const config = demo()
    ;(config['agents'] as Array<Record<string, unknown>>)[0]!['sipPassword'] = 'sip-demo-1001'
    const error = (await loadGatewayConfig(write(config), {}).catch((e: unknown) => e)) as Error
    expect(error).toBeInstanceOf(GatewayConfigError)
    expect(error.message).toMatch(/\/agents\/0 must NOT have additional properties/)
  })

  it('refuses a PBX without the secret it checks the ephemeral SIP credentials with', async () => {
    const config = demo()
    config['sip'] = { ...(config['sip'] as object), embedded: false }
    const error = (await loadGatewayConfig(write(config), {}).catch((e: unknown) => e)) as Error
    expect(error).toBeInstanceOf(GatewayConfigError)
    expect(error.message).toMatch(/sip\.credentials\.secret .* is required with a PBX/)
  })

  it('refuses to start outside demo mode with the public demo passwords', async () => {
    const error = (await loadGatewayConfig(DEMO.pathname, { KCC_DEMO: 'false' }).catch(
      (e: unknown) => e,
    )) as Error
    expect(error).toBeInstanceOf(GatewayConfigError)
    expect(error.message).toMatch(/medewerker1 \(login password\)/)
    expect(error.message).toMatch(/supervisor \(login password\)/)
    // Four scrypt runs or more: seconds on a busy machine.
  }, 30_000)

  it('starts outside demo mode once every agent has its own passwords', async () => {
    const own = demo()
    own['demo'] = false
    const agents = own['agents'] as Array<Record<string, unknown>>
    for (const [i, agent] of agents.entries()) {
      agent['passwordHash'] = await hashPassword(`een-eigen-wachtwoord-${i}`)
    }
    const config = await loadGatewayConfig(write(own), {})
    expect(config.demo).toBe(false)
    // About twenty scrypt runs (each agent's hash against every demo password): seconds on a busy
    // two-core machine, so more than vitest's default 5 s.
  }, 30_000)
})
