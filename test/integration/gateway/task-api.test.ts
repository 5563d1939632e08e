import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { KlantcontactView } from '../../../server/gateway/register-client/view'
import type { Actor, InterneTaak } from '../../support/klantinteracties-types'
import { registration, useGateway, type GatewayClient } from '../../support/gateway'

/** The rest of the task API: validation, contactverzoeken, recent contacts, the directory. */
describe('the task API', () => {
  const gw = useGateway()
  let medewerker1: GatewayClient
  let medewerker2: GatewayClient

  beforeAll(async () => {
    // As medewerker2's app reports it over the live socket.
    await gw().gateway.live.hub.publish({
      type: 'agent.state',
      login: 'medewerker2',
      afdeling: 'vergunningen',
      state: 'beschikbaar',
    })
    medewerker1 = await gw().login('medewerker1')
    medewerker2 = await gw().login('medewerker2')
  })

  const register = async (overrides = {}): Promise<KlantcontactView> => {
    const r = await medewerker1.post<KlantcontactView>('/api/klantcontacten', registration(overrides), {
      'idempotency-key': randomUUID(),
    })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    return r.body
  }

  it('refuses an invalid registration with every field error at once, in Dutch, before the register is called', async () => {
    const r = await medewerker1.post(
      '/api/klantcontacten',
      registration({
        onderwerp: 'x'.repeat(201),
        kanaal: '',
        inhoud: 'y'.repeat(1001),
        plaatsgevondenOp: 'gisteren',
      }),
      { 'idempotency-key': randomUUID() },
    )
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual(
      expect.arrayContaining([
        {
          name: 'onderwerp',
          code: 'max_length',
          reason: 'Zorg ervoor dat dit veld niet meer dan 200 karakters bevat.',
        },
        { name: 'kanaal', code: 'blank', reason: 'Dit veld mag niet leeg zijn.' },
        {
          name: 'inhoud',
          code: 'max_length',
          reason: 'Zorg ervoor dat dit veld niet meer dan 1000 karakters bevat.',
        },
        expect.objectContaining({ name: 'plaatsgevondenOp', code: 'invalid' }),
      ]),
    )
  })

  it('validates a nummer strictly as 1 to 10 digits', async () => {
    for (const nummer of ['12ab', '12345678901', '-1', '%2B31']) {
      const r = await medewerker1.get(`/api/klantcontacten/by-nummer/${nummer}`)
      expect(r.status, nummer).toBe(400)
      expect(r.body['invalidParams']).toEqual([expect.objectContaining({ name: 'nummer' })])
    }
    expect((await medewerker1.get('/api/klantcontacten/by-nummer/99999999')).status).toBe(404)
  })

  it('creates a contactverzoek for an afdeling as an interne taak assigned to its actor', async () => {
    const k = await register()
    const r = await medewerker1.post<{ uuid: string; toegewezenAan: { actorUuid: string } }>(
      '/api/contactverzoeken',
      {
        klantcontactUuid: k.uuid,
        gevraagdeHandeling: 'Terugbellen over de vergunning',
        toelichting: 'Klant is bereikbaar na 14:00.',
        toegewezenAan: { type: 'afdeling', id: 'vergunningen' },
      },
    )
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    const taak = (await gw().register.get<InterneTaak>(`/internetaken/${r.body.uuid}`)).body
    expect(taak).toMatchObject({
      gevraagdeHandeling: 'Terugbellen over de vergunning',
      toelichting: 'Klant is bereikbaar na 14:00.',
      status: 'te_verwerken',
      aanleidinggevendKlantcontact: { uuid: k.uuid },
      toegewezenAanActoren: [{ uuid: r.body.toegewezenAan.actorUuid }],
    })
    const actor = (await gw().register.get<Actor>(`/actoren/${r.body.toegewezenAan.actorUuid}`)).body
    expect(actor).toMatchObject({
      naam: 'Afdeling Vergunningen',
      soortActor: 'organisatorische_eenheid',
      actoridentificator: {
        objectId: 'vergunningen',
        codeObjecttype: 'afd',
        codeRegister: 'obj',
        codeSoortObjectId: 'idf',
      },
    })
  })

  it('creates a contactverzoek for a colleague assigned to the colleague’s own actor', async () => {
    const k = await register()
    const r = await medewerker1.post<{ toegewezenAan: { actorUuid: string; naam: string } }>(
      '/api/contactverzoeken',
      {
        klantcontactUuid: k.uuid,
        gevraagdeHandeling: 'Terugbellen',
        toegewezenAan: { type: 'agent', id: 'medewerker2' },
      },
    )
    expect(r.status).toBe(201)
    const actor = (await gw().register.get<Actor>(`/actoren/${r.body.toegewezenAan.actorUuid}`)).body
    expect(actor.actoridentificator).toMatchObject({ objectId: 'medewerker2@kcc.test' })
  })

  it('refuses a contactverzoek for an afdeling that does not exist', async () => {
    const k = await register()
    const r = await medewerker1.post('/api/contactverzoeken', {
      klantcontactUuid: k.uuid,
      gevraagdeHandeling: 'Terugbellen',
      toegewezenAan: { type: 'afdeling', id: 'burgerzaken' },
    })
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual([expect.objectContaining({ name: 'toegewezenAan.id' })])
  })

  it("lists an agent's own recent klantcontacten, newest first", async () => {
    const older = await register({ plaatsgevondenOp: '2026-03-01T08:00:00Z' })
    const newest = await register({ plaatsgevondenOp: '2026-03-03T08:00:00Z' })
    const r = await medewerker1.get<{ results: KlantcontactView[] }>('/api/klantcontacten/recent')
    expect(r.status).toBe(200)
    const uuids = r.body.results.map((k) => k.uuid)
    expect(uuids[0]).toBe(newest.uuid)
    expect(uuids).toContain(older.uuid)
    expect(uuids.indexOf(older.uuid)).toBeGreaterThan(uuids.indexOf(newest.uuid))
    expect(r.body.results.length).toBeLessThanOrEqual(20)
    const theirs = await medewerker2.get<{ results: KlantcontactView[] }>('/api/klantcontacten/recent')
    expect(theirs.body.results.map((k) => k.uuid)).not.toContain(newest.uuid)
  })

  it('keeps the recent list to the 20 newest', async () => {
    for (let i = 0; i < 21; i++) {
      await register({ plaatsgevondenOp: `2026-04-01T08:${String(i).padStart(2, '0')}:00Z` })
    }
    const r = await medewerker1.get<{ results: KlantcontactView[] }>('/api/klantcontacten/recent')
    expect(r.body.results).toHaveLength(20)
    expect(r.body.results[0]!.plaatsgevondenOp).toBe('2026-04-01T08:20:00Z')
  })

  it('lists afdelingen and colleagues with their group address, extension and live state', async () => {
    const r = await medewerker1.get<{
      afdelingen: Array<{ id: string; groupAddress: string; leden: string[] }>
      medewerkers: Array<{ login: string; extension: string; state: string }>
    }>('/api/directory')
    expect(r.body.afdelingen).toEqual([
      {
        id: 'kcc',
        naam: 'KCC',
        groupAddress: 'sip:kcc@kcc.test',
        leden: ['medewerker1', 'medewerker3', 'supervisor'],
      },
      {
        id: 'vergunningen',
        naam: 'Afdeling Vergunningen',
        groupAddress: 'sip:vergunningen@kcc.test',
        leden: ['medewerker2'],
      },
    ])
    expect(r.body.medewerkers).toContainEqual({
      login: 'medewerker2',
      displayName: 'Medewerker 2 (Vergunningen)',
      afdeling: 'vergunningen',
      extension: 'medewerker2',
      sipAddress: 'sip:medewerker2@kcc.test',
      state: 'beschikbaar',
    })
    expect(r.body.medewerkers.find((m) => m.login === 'supervisor')!.state).toBe('offline')
  })
})
