import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AuditEvent } from '../../../server/gateway/audit/types'
import type { KlantcontactView } from '../../../server/gateway/register-client/view'
import { createDigitaalAdres, createPartij, persoon } from '../../support/builders'
import { registration, useGateway, type GatewayClient } from '../../support/gateway'

/**
 * Whose data was read (BIO2 8.15.01 "object"; AVG art. 30): every audit line of an answer that
 * discloses personal data names each partij, klantcontact and betrokkene in it, lists included,
 * and a supervisor reading the audit log sees them.
 */
describe('the objects an audit line names', () => {
  const gw = useGateway()
  let medewerker1: GatewayClient
  let medewerker2: GatewayClient
  let supervisor: GatewayClient

  const register = async (overrides: Record<string, unknown> = {}): Promise<KlantcontactView> => {
    const r = await medewerker1.post<KlantcontactView>('/api/klantcontacten', registration(overrides), {
      'idempotency-key': randomUUID(),
    })
    expect(r.status).toBe(201)
    return r.body
  }
  /** The objects of the newest audit line with this action, as GET /api/audit shows them. */
  const objectsOf = async (action: string): Promise<AuditEvent['objects']> => {
    const r = await supervisor.get<{ results: AuditEvent[] }>('/api/audit?limit=20')
    const event = r.body.results.find((e) => e.action === action)
    expect(event, action).toBeDefined()
    return event!.objects
  }
  const klantcontact = (view: KlantcontactView) => [
    { type: 'klantcontact', uuid: view.uuid, nummer: view.nummer },
    ...view.betrokkenen.map((b) => ({ type: 'betrokkene', uuid: b.uuid })),
  ]

  beforeAll(async () => {
    medewerker1 = await gw().login('medewerker1')
    medewerker2 = await gw().login('medewerker2')
    supervisor = await gw().login('supervisor')
  })

  it('names each partij a search by telefoonnummer offered', async () => {
    const api = gw().register
    const [jan, piet] = [await createPartij(api, persoon('Jan')), await createPartij(api, persoon('Piet'))]
    for (const partij of [jan, piet]) {
      await createDigitaalAdres(api, {
        soortDigitaalAdres: 'telefoonnummer',
        adres: '0655554444',
        verstrektDoorPartij: { uuid: partij.uuid },
      })
    }
    const r = await medewerker1.get<{ results: unknown[] }>('/api/partijen?telefoonnummer=0655554444')
    expect(r.body.results).toHaveLength(2)
    const objects = await objectsOf('partij.zoeken')
    expect(objects).toHaveLength(2)
    expect(objects).toEqual(
      expect.arrayContaining([
        { type: 'partij', uuid: jan.uuid },
        { type: 'partij', uuid: piet.uuid },
      ]),
    )
  })

  it('names every klantcontact, and its betrokkenen, of the recent list', async () => {
    const first = await register()
    const second = await register({ onderwerp: 'Afval' })
    const r = await medewerker1.get<{ results: KlantcontactView[] }>('/api/klantcontacten/recent')
    expect(r.body.results.length).toBeGreaterThanOrEqual(2)
    const objects = await objectsOf('klantcontact.recent')
    expect(objects).toEqual(r.body.results.flatMap(klantcontact))
    expect(objects).toEqual(expect.arrayContaining([...klantcontact(first), ...klantcontact(second)]))
  })

  it('names the klantcontact and its betrokkene when one is read, registered, opened or answered', async () => {
    const created = await register()
    expect(await objectsOf('klantcontact.registreren')).toEqual(klantcontact(created))
    await medewerker1.get(`/api/klantcontacten/by-nummer/${created.nummer}`)
    expect(await objectsOf('klantcontact.lezen')).toEqual(klantcontact(created))
    await medewerker1.post('/api/transfers', {
      klantcontactUuid: created.uuid,
      target: { type: 'agent', id: 'medewerker2' },
    })
    expect((await medewerker2.get(`/api/transfers/resolve/${created.nummer}`)).status).toBe(200)
    expect(await objectsOf('overdracht.openen')).toEqual(klantcontact(created))
    await medewerker2.post(`/api/klantcontacten/${created.uuid}/antwoord`, { antwoord: 'Ja.' })
    expect(await objectsOf('klantcontact.beantwoorden')).toEqual(klantcontact(created))
  })

  it('names the klantcontact but no betrokkene when the content was withheld', async () => {
    const secret = await register({ vertrouwelijk: true })
    const r = await medewerker2.get<KlantcontactView>(`/api/klantcontacten/by-nummer/${secret.nummer}`)
    expect(r.body.afgeschermd).toBe(true)
    expect(await objectsOf('klantcontact.lezen')).toEqual([
      { type: 'klantcontact', uuid: secret.uuid, nummer: secret.nummer },
    ])
  })

  it('names the contactverzoek made and its klantcontact', async () => {
    const created = await register()
    const r = await medewerker1.post<{ uuid: string }>('/api/contactverzoeken', {
      klantcontactUuid: created.uuid,
      gevraagdeHandeling: 'Terugbellen',
      toegewezenAan: { type: 'afdeling', id: 'vergunningen' },
    })
    expect(r.status).toBe(201)
    expect(await objectsOf('contactverzoek.aanmaken')).toEqual([
      { type: 'internetaak', uuid: r.body.uuid },
      { type: 'klantcontact', uuid: created.uuid },
    ])
  })

  it('names nothing when the answer disclosed nothing', async () => {
    await medewerker1.get('/api/klantcontacten/by-nummer/99999999')
    expect(await objectsOf('klantcontact.lezen')).toEqual([])
  })
})
