import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { nummerYear } from '../../../shared/klantcontact/klantcontactnummer'
import type { KlantcontactView } from '../../../server/gateway/register-client/view'
import type { Klantcontact } from '../../support/klantinteracties-types'
import { registration, useGateway, type GatewayClient } from '../../support/gateway'

/**
 * Against an Open Klant 2.16+ (a remote register that no longer generates nummers; here our
 * provider with generation off) the gateway supplies the nummer, in the provider's format.
 */
describe('the gateway against a register that does not generate nummers', () => {
  const gw = useGateway({ mode: 'open-klant' })
  const year = nummerYear(new Date())
  let agent: GatewayClient

  beforeAll(async () => {
    agent = await gw().login('medewerker1')
  })

  it('is set up against a register that leaves nummer empty', async () => {
    const r = await gw().register.post<Klantcontact>('/klantcontacten', {
      kanaal: 'Telefoon',
      onderwerp: 'Direct in het register',
      taal: 'nld',
      vertrouwelijk: false,
      // Takes the gateway's first nummer, which the gateway must then skip.
      nummer: `${year}000001`,
    })
    expect(r.status).toBe(201)
    const plain = await gw().register.post<Klantcontact>('/klantcontacten', {
      kanaal: 'Telefoon',
      onderwerp: 'Zonder nummer',
      taal: 'nld',
      vertrouwelijk: false,
    })
    expect(plain.body.nummer).toBeNull()
  })

  it('supplies unique nummers of a two-digit year and six digits, skipping one the register already has', async () => {
    const replies = await Promise.all(
      Array.from({ length: 20 }, () =>
        agent.post<KlantcontactView>('/api/klantcontacten', registration(), {
          'idempotency-key': randomUUID(),
        }),
      ),
    )
    expect(replies.map((r) => r.status)).toEqual(Array(20).fill(201))
    const nummers = replies.map((r) => r.body.nummer!)
    expect(new Set(nummers).size).toBe(20)
    for (const nummer of nummers) {
      expect(nummer).toMatch(new RegExp(`^${year}\\d{6}$`))
    }
    expect(nummers).not.toContain(`${year}000001`)
    const stored = await gw().register.get<Klantcontact>(`/klantcontacten/${replies[0]!.body.uuid}`)
    expect(stored.body.nummer).toBe(nummers[0])
  })

  it('opens a klantcontact by the nummer it supplied, and transfers it', async () => {
    const created = await agent.post<KlantcontactView>('/api/klantcontacten', registration(), {
      'idempotency-key': randomUUID(),
    })
    const found = await agent.get<KlantcontactView>(`/api/klantcontacten/by-nummer/${created.body.nummer}`)
    expect(found.body.uuid).toBe(created.body.uuid)
    const colleague = await gw().login('medewerker2')
    await agent.post('/api/transfers', {
      nummer: created.body.nummer,
      target: { type: 'agent', id: 'medewerker2' },
    })
    const resolved = await colleague.get<{ klantcontact: KlantcontactView }>(
      `/api/transfers/resolve/${created.body.nummer}`,
    )
    expect(resolved.body.klantcontact.uuid).toBe(created.body.uuid)
  })
})
