import { beforeAll, describe, expect, it } from 'vitest'
import {
  createActor,
  createInterneTaak,
  createKlantcontact,
  interneTaakBody,
  refused,
  type Body,
} from '../../support/builders'
import type { InterneTaak, InvalidParam } from '../../support/klantinteracties-types'
import { useProvider } from '../../support/provider-fixture'

const AFGEHANDELD_REASON =
  "De Internetaak kan geen afgehandeld op datum bevatten als de status niet op 'verwerkt' staat."

describe('internetaken', () => {
  const { api } = useProvider()
  let actorA: string
  let actorB: string

  const klantcontact = async (): Promise<string> => (await createKlantcontact(api)).uuid
  const actor = async (naam: string): Promise<string> => (await createActor(api, { naam })).uuid

  beforeAll(async () => {
    actorA = await actor('Team Burgerzaken')
    actorB = await actor('Team Belastingen')
  })

  const body = (k: string, extra: Body = {}): Body => interneTaakBody(k, [actorA], extra)
  const create = (k: string, extra: Body = {}): Promise<InterneTaak> =>
    createInterneTaak(api, k, [actorA], extra)
  const invalidParams = (
    method: 'POST' | 'PUT' | 'PATCH',
    path: string,
    payload: Body,
  ): Promise<InvalidParam[]> => refused(api, method, path, payload)

  it('creates a taak for several actoren; the first is also toegewezenAanActor', async () => {
    const k = await klantcontact()
    const before = Date.now()
    const t = await create(k, {
      toegewezenAanActoren: [{ uuid: actorB }, { uuid: actorA }],
      toelichting: 'Na 14:00',
    })
    expect(t).toEqual({
      uuid: expect.any(String),
      url: expect.stringMatching(new RegExp(`/klantinteracties/api/v1/internetaken/${t.uuid}$`)),
      nummer: null,
      referentienummer: null,
      gevraagdeHandeling: 'Terugbellen',
      aanleidinggevendKlantcontact: {
        uuid: k,
        url: expect.stringMatching(new RegExp(`/klantcontacten/${k}$`)),
      },
      toegewezenAanActor: { uuid: actorB, url: expect.stringMatching(new RegExp(`/actoren/${actorB}$`)) },
      toegewezenAanActoren: [
        { uuid: actorB, url: expect.stringMatching(new RegExp(`/actoren/${actorB}$`)) },
        { uuid: actorA, url: expect.stringMatching(new RegExp(`/actoren/${actorA}$`)) },
      ],
      toelichting: 'Na 14:00',
      status: 'te_verwerken',
      toegewezenOp: expect.any(String),
      afgehandeldOp: null,
    })
    expect(Date.parse(t.toegewezenOp)).toBeGreaterThanOrEqual(before - 1000)
    expect((await api.get(`/internetaken/${t.uuid}`, 'InterneTaak')).body).toEqual(t)
    const contact = await api.get(`/klantcontacten/${k}`, 'Klantcontact')
    expect(contact.body['leiddeTotInterneTaken']).toEqual([{ uuid: t.uuid, url: t.url }])
  })

  it('accepts the deprecated toegewezenAanActor on its own', async () => {
    const k = await klantcontact()
    const { toegewezenAanActoren: _, ...rest } = body(k)
    const r = await api.post<InterneTaak>(
      '/internetaken',
      { ...rest, toegewezenAanActor: { uuid: actorB } },
      'InterneTaak',
    )
    expect(r.status).toBe(201)
    expect(r.body.toegewezenAanActoren.map((a) => a.uuid)).toEqual([actorB])
    expect(r.body.toegewezenAanActor?.uuid).toBe(actorB)
  })

  it('links an actor given twice once', async () => {
    const k = await klantcontact()
    const t = await create(k, { toegewezenAanActoren: [{ uuid: actorA }, { uuid: actorA }] })
    expect(t.toegewezenAanActoren.map((a) => a.uuid)).toEqual([actorA])
  })

  it('refuses both toegewezenAanActor and toegewezenAanActoren, also on PATCH', async () => {
    const k = await klantcontact()
    const both = { toegewezenAanActor: { uuid: actorA }, toegewezenAanActoren: [{ uuid: actorB }] }
    const expected = [
      {
        name: 'nonFieldErrors',
        code: 'invalid',
        reason: 'Gebruik toegewezenAanActor of toegewezenAanActoren, niet allebei.',
      },
    ]
    expect(await invalidParams('POST', '/internetaken', body(k, both))).toEqual(expected)
    const t = await create(k)
    expect(await invalidParams('PATCH', `/internetaken/${t.uuid}`, both)).toEqual(expected)
  })

  it('requires one of toegewezenAanActor and toegewezenAanActoren on POST and PUT, not on PATCH', async () => {
    const k = await klantcontact()
    const { toegewezenAanActoren: _, ...withoutActor } = body(k)
    const expected = [
      {
        name: 'nonFieldErrors',
        code: 'invalid',
        reason: 'Geef toegewezenAanActor of toegewezenAanActoren op (één van beide).',
      },
    ]
    expect(await invalidParams('POST', '/internetaken', withoutActor)).toEqual(expected)
    const t = await create(k)
    expect(await invalidParams('PUT', `/internetaken/${t.uuid}`, withoutActor)).toEqual(expected)
    const patched = await api.patch<InterneTaak>(
      `/internetaken/${t.uuid}`,
      { toelichting: 'Bellen' },
      'InterneTaak',
    )
    expect(patched.status).toBe(200)
    expect(patched.body.toegewezenAanActoren.map((a) => a.uuid)).toEqual([actorA])
  })

  it('replaces the actoren on PATCH, and leaves toegewezenAanActor out when none remain', async () => {
    const k = await klantcontact()
    const t = await create(k)
    const r = await api.patch<InterneTaak>(
      `/internetaken/${t.uuid}`,
      { toegewezenAanActoren: [{ uuid: actorB }, { uuid: actorA }] },
      'InterneTaak',
    )
    expect(r.body.toegewezenAanActoren.map((a) => a.uuid)).toEqual([actorB, actorA])
    const none = await api.patch<InterneTaak>(
      `/internetaken/${t.uuid}`,
      { toegewezenAanActoren: [] },
      'InterneTaak',
    )
    expect(none.body.toegewezenAanActoren).toEqual([])
    expect(none.body).not.toHaveProperty('toegewezenAanActor')
  })

  it('names references that do not exist, with the position in the list', async () => {
    const params = await invalidParams('POST', '/internetaken', {
      ...body('00000000-0000-4000-8000-000000000001'),
      toegewezenAanActoren: [{ uuid: actorA }, { uuid: '00000000-0000-4000-8000-000000000002' }],
    })
    expect(params).toEqual([
      {
        name: 'aanleidinggevendKlantcontact.uuid',
        code: 'does_not_exist',
        reason: 'Klantcontact object bestaat niet.',
      },
      { name: 'toegewezenAanActoren.1.uuid', code: 'does_not_exist', reason: 'Actor object bestaat niet.' },
    ])
  })

  it('requires gevraagdeHandeling, aanleidinggevendKlantcontact and status, and refuses a blank gevraagdeHandeling', async () => {
    expect(await invalidParams('POST', '/internetaken', { toegewezenAanActoren: [] })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'gevraagdeHandeling', code: 'required' }),
        expect.objectContaining({ name: 'aanleidinggevendKlantcontact', code: 'required' }),
        expect.objectContaining({ name: 'status', code: 'required' }),
      ]),
    )
    const k = await klantcontact()
    expect(await invalidParams('POST', '/internetaken', body(k, { gevraagdeHandeling: '  ' }))).toEqual([
      { name: 'gevraagdeHandeling', code: 'blank', reason: 'Dit veld mag niet leeg zijn.' },
    ])
  })

  it('ignores a toegewezenOp sent by the client', async () => {
    const k = await klantcontact()
    const t = await create(k, { toegewezenOp: '2000-01-01T00:00:00Z' })
    expect(t.toegewezenOp).not.toBe('2000-01-01T00:00:00Z')
  })

  describe('afgehandeldOp', () => {
    it('rejects an afgehandeldOp while the status is te_verwerken', async () => {
      const k = await klantcontact()
      const expected = [{ name: 'afgehandeldOp', code: 'invalid', reason: AFGEHANDELD_REASON }]
      expect(
        await invalidParams('POST', '/internetaken', body(k, { afgehandeldOp: '2026-01-05T10:00:00Z' })),
      ).toEqual(expected)
      // On PATCH the stored status counts.
      const t = await create(k)
      expect(
        await invalidParams('PATCH', `/internetaken/${t.uuid}`, { afgehandeldOp: '2026-01-05T10:00:00Z' }),
      ).toEqual(expected)
    })

    it('keeps the afgehandeldOp given with status verwerkt', async () => {
      const k = await klantcontact()
      const t = await create(k, { status: 'verwerkt', afgehandeldOp: '2026-01-05T10:00:00Z' })
      expect(t.afgehandeldOp).toBe('2026-01-05T10:00:00Z')
    })

    it('stamps afgehandeldOp when the status becomes verwerkt without one', async () => {
      const k = await klantcontact()
      const t = await create(k)
      const before = Date.now()
      const r = await api.patch<InterneTaak>(`/internetaken/${t.uuid}`, { status: 'verwerkt' }, 'InterneTaak')
      expect(r.body.status).toBe('verwerkt')
      expect(r.body.afgehandeldOp).not.toBeNull()
      expect(Date.parse(r.body.afgehandeldOp!)).toBeGreaterThanOrEqual(before - 1000)
    })

    it('clears afgehandeldOp when the status goes back to te_verwerken', async () => {
      const k = await klantcontact()
      const t = await create(k, { status: 'verwerkt', afgehandeldOp: '2026-01-05T10:00:00Z' })
      const r = await api.patch<InterneTaak>(
        `/internetaken/${t.uuid}`,
        { status: 'te_verwerken' },
        'InterneTaak',
      )
      expect(r.body.afgehandeldOp).toBeNull()
    })
  })

  describe('nummer and referentienummer', () => {
    it('generates neither', async () => {
      const t = await create(await klantcontact())
      expect(t.nummer).toBeNull()
      expect(t.referentienummer).toBeNull()
    })

    it('refuses a number that is not made of digits', async () => {
      const k = await klantcontact()
      expect(await invalidParams('POST', '/internetaken', body(k, { referentienummer: 'T-1' }))).toEqual([
        { name: 'referentienummer', code: 'invalid', reason: 'Voer een geheel getal in.' },
      ])
    })

    it('refuses a number another interne taak has, but not its own on PUT', async () => {
      const k = await klantcontact()
      const t = await create(k, { nummer: '5100000001', referentienummer: '5200000001' })
      expect(await invalidParams('POST', '/internetaken', body(k, { nummer: '5100000001' }))).toEqual([
        { name: 'nummer', code: 'unique', reason: 'Er bestaat al een interne taak met eenzelfde nummer.' },
      ])
      expect(
        await invalidParams('POST', '/internetaken', body(k, { referentienummer: '5200000001' })),
      ).toEqual([
        {
          name: 'referentienummer',
          code: 'unique',
          reason: 'Er bestaat al een interne taak met eenzelfde referentienummer.',
        },
      ])
      const put = await api.put<InterneTaak>(
        `/internetaken/${t.uuid}`,
        body(k, { nummer: '5100000001', referentienummer: '5200000001', gevraagdeHandeling: 'Mailen' }),
        'InterneTaak',
      )
      expect(put.status).toBe(200)
      expect(put.body.gevraagdeHandeling).toBe('Mailen')
    })
  })

  it('DELETE removes it, and deleting an actor takes it off the taak', async () => {
    const k = await klantcontact()
    const temporary = await actor('Tijdelijk')
    const t = await create(k, { toegewezenAanActoren: [{ uuid: temporary }, { uuid: actorA }] })
    expect((await api.delete(`/actoren/${temporary}`)).status).toBe(204)
    const after = await api.get<InterneTaak>(`/internetaken/${t.uuid}`, 'InterneTaak')
    expect(after.body.toegewezenAanActoren.map((a) => a.uuid)).toEqual([actorA])
    expect(after.body.toegewezenAanActor?.uuid).toBe(actorA)
    expect((await api.delete(`/internetaken/${t.uuid}`)).status).toBe(204)
    expect((await api.get(`/internetaken/${t.uuid}`)).status).toBe(404)
  })
})
