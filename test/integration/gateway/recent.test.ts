import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { KlantcontactView } from '../../../server/gateway/register-client/view'
import { registration, useGateway, type GatewayClient } from '../../support/gateway'

/**
 * The recent list is every klantcontact the agent is linked to as a medewerker: the ones they
 * registered, and the ones a colleague passed on that they answered or added to.
 */
describe('the recent list of a colleague who handled a transfer', () => {
  const gw = useGateway()
  let medewerker1: GatewayClient
  let medewerker2: GatewayClient

  beforeAll(async () => {
    medewerker1 = await gw().login('medewerker1')
    medewerker2 = await gw().login('medewerker2')
  })

  const transferred = async (): Promise<KlantcontactView> => {
    const r = await medewerker1.post<KlantcontactView>('/api/klantcontacten', registration(), {
      'idempotency-key': randomUUID(),
    })
    expect(r.status).toBe(201)
    const transfer = await medewerker1.post('/api/transfers', {
      klantcontactUuid: r.body.uuid,
      target: { type: 'agent', id: 'medewerker2' },
    })
    expect(transfer.status).toBe(201)
    return r.body
  }

  const recentOf = async (agent: GatewayClient): Promise<string[]> => {
    const r = await agent.get<{ results: KlantcontactView[] }>('/api/klantcontacten/recent')
    expect(r.status).toBe(200)
    return r.body.results.map((k) => k.uuid)
  }

  it('lists a klantcontact the colleague answered, for the colleague and still for its registrant', async () => {
    const k = await transferred()
    expect(await recentOf(medewerker2)).not.toContain(k.uuid)
    const answer = await medewerker2.post(`/api/klantcontacten/${k.uuid}/antwoord`, { antwoord: 'Ja.' })
    expect(answer.status).toBe(200)
    expect(await recentOf(medewerker2)).toContain(k.uuid)
    expect(await recentOf(medewerker1)).toContain(k.uuid)
  })

  it('lists a klantcontact the colleague added to', async () => {
    const k = await transferred()
    const r = await medewerker2.post(`/api/klantcontacten/${k.nummer}/aanvulling`, { aanvulling: 'Erbij.' })
    expect(r.status).toBe(200)
    expect(await recentOf(medewerker2)).toContain(k.uuid)
  })
})

describe('a name typed with voorletters', () => {
  const gw = useGateway()

  it('reaches a colleague as typed: "P. Jansen", not "Jansen"', async () => {
    const medewerker1 = await gw().login('medewerker1')
    const r = await medewerker1.post<KlantcontactView>(
      '/api/klantcontacten',
      registration({ contactnaam: { voorletters: 'P.', achternaam: 'Jansen' } }),
      { 'idempotency-key': randomUUID() },
    )
    expect(r.status).toBe(201)
    const read = await medewerker1.get<KlantcontactView>(`/api/klantcontacten/by-nummer/${r.body.nummer}`)
    expect(read.body.betrokkenen.map((b) => b.volledigeNaam)).toEqual(['P. Jansen'])
  })
})
