import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadGatewayConfig } from '../../../../server/gateway/config/load'
import { overflowProblems } from '../../../../server/gateway/config/overflow'
import { queueSettingsOf } from '../../../../server/gateway/queue/settings'

const DEMO = new URL('../../../../config/kcc.demo.json', import.meta.url)

function withAfdelingQueues(queues: Record<string, unknown>): string {
  const config = JSON.parse(readFileSync(DEMO, 'utf8')) as { afdelingen: Array<Record<string, unknown>> }
  for (const afdeling of config.afdelingen) {
    const queue = queues[afdeling['id'] as string]
    if (queue !== undefined) {
      afdeling['queue'] = queue
    }
  }
  const file = join(mkdtempSync(join(tmpdir(), 'kcc-config-')), 'kcc.json')
  writeFileSync(file, JSON.stringify(config))
  return file
}

const afdeling = (id: string, overflowTo?: string) => ({
  id,
  naam: id,
  groupAddress: id,
  ...(overflowTo ? { queue: { overflowTo } } : {}),
})

describe('queue settings', () => {
  it('fill in the documented defaults', () => {
    expect(queueSettingsOf({})).toEqual({
      ringSeconds: 15,
      maxWaitSeconds: 300,
      overflowTo: undefined,
      noAnswerState: 'pauze',
      serviceLevelSeconds: 20,
      terugbelverzoekAfterSeconds: 30,
    })
    expect(queueSettingsOf({ queue: { ringSeconds: 20, noAnswerState: 'beschikbaar' } })).toMatchObject({
      ringSeconds: 20,
      noAnswerState: 'beschikbaar',
      maxWaitSeconds: 300,
    })
  })

  it('refuse an overflow to the afdeling itself, to an unknown afdeling, and around a loop', () => {
    expect(overflowProblems([afdeling('a', 'b'), afdeling('b')])).toEqual([])
    expect(overflowProblems([afdeling('a', 'a')])).toEqual([
      'afdeling a: queue.overflowTo names the afdeling itself',
    ])
    expect(overflowProblems([afdeling('a', 'x')])).toEqual([
      'afdeling a: queue.overflowTo x is not configured',
    ])
    expect(overflowProblems([afdeling('a', 'b'), afdeling('b', 'c'), afdeling('c', 'a')])).toContain(
      'afdeling a: queue.overflowTo loops (a → b → c → a)',
    )
  })

  it('load from the configuration file, validated', async () => {
    const config = await loadGatewayConfig(
      withAfdelingQueues({ kcc: { overflowTo: 'vergunningen', maxWaitSeconds: 120 } }),
      {},
    )
    expect(config.afdelingen[0]?.queue).toEqual({ overflowTo: 'vergunningen', maxWaitSeconds: 120 })
    await expect(
      loadGatewayConfig(withAfdelingQueues({ kcc: { noAnswerState: 'nawerk', ringSeconds: 1 } }), {}),
    ).rejects.toThrow(
      /afdelingen\/0\/queue\/ringSeconds must be >= 5[\s\S]*noAnswerState must be equal to one of/,
    )
    await expect(
      loadGatewayConfig(
        withAfdelingQueues({ kcc: { overflowTo: 'vergunningen' }, vergunningen: { overflowTo: 'kcc' } }),
        {},
      ),
    ).rejects.toThrow(/queue.overflowTo loops/)
  })

  it('take Kamailio’s evapi socket from KCC_SIP_EVAPI, and refuse one without a port', async () => {
    const config = await loadGatewayConfig(DEMO.pathname, { KCC_SIP_EVAPI: '127.0.0.1:8448' })
    expect(config.sip.evapi).toEqual({ host: '127.0.0.1', port: 8448 })
    await expect(loadGatewayConfig(DEMO.pathname, { KCC_SIP_EVAPI: 'localhost' })).rejects.toThrow(
      /sip\/evapi/,
    )
  })
})
