import { describe, expect, it } from 'vitest'
import { createKlantcontact, createOnderwerpobject, listUuids, type Body } from '../../support/builders'
import type { Onderwerpobject } from '../../support/klantinteracties-types'
import { useProvider } from '../../support/provider-fixture'

const ZAAK = {
  objectId: '095be615-a8ad-4c33-8e9c-c7612fbf6c9f',
  codeObjecttype: 'zaak',
  codeRegister: 'open-zaak',
  codeSoortObjectId: 'uuid',
}
const EMPTY = { objectId: '', codeObjecttype: '', codeRegister: '', codeSoortObjectId: '' }

describe('onderwerpobjecten', () => {
  const { api, rows } = useProvider()
  const klantcontact = async (): Promise<string> => (await createKlantcontact(api)).uuid
  const create = (payload: Body): Promise<Onderwerpobject> => createOnderwerpobject(api, payload)
  const list = listUuids(api, '/onderwerpobjecten', 'PaginatedOnderwerpobjectList')
  const exists = async (path: string): Promise<boolean> => (await api.get(path)).status === 200

  it('creates one about a zaak, which its klantcontact lists', async () => {
    const k = await klantcontact()
    const o = await create({ klantcontact: { uuid: k }, onderwerpobjectidentificator: ZAAK })
    expect(o).toEqual({
      uuid: expect.any(String),
      url: expect.stringMatching(new RegExp(`/klantinteracties/api/v1/onderwerpobjecten/${o.uuid}$`)),
      klantcontact: { uuid: k, url: expect.stringMatching(new RegExp(`/klantcontacten/${k}$`)) },
      wasKlantcontact: null,
      onderwerpobjectidentificator: ZAAK,
    })
    expect((await api.get(`/onderwerpobjecten/${o.uuid}`, 'Onderwerpobject')).body).toEqual(o)
    const contact = await api.get(`/klantcontacten/${k}`, 'Klantcontact')
    expect(contact.body['gingOverOnderwerpobjecten']).toEqual([{ uuid: o.uuid, url: o.url }])
  })

  it('needs no field at all', async () => {
    const o = await create({})
    expect(o.klantcontact).toBeNull()
    expect(o.wasKlantcontact).toBeNull()
    expect(o.onderwerpobjectidentificator).toEqual(EMPTY)
  })

  it('names a klantcontact or wasKlantcontact that does not exist', async () => {
    const r = await api.post('/onderwerpobjecten', {
      klantcontact: { uuid: '00000000-0000-4000-8000-000000000001' },
      wasKlantcontact: { uuid: '00000000-0000-4000-8000-000000000002' },
    })
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual([
      { name: 'klantcontact.uuid', code: 'does_not_exist', reason: 'Klantcontact object bestaat niet.' },
      { name: 'wasKlantcontact.uuid', code: 'does_not_exist', reason: 'Klantcontact object bestaat niet.' },
    ])
  })

  it('replaces the whole identificator on PATCH and clears it with null', async () => {
    const o = await create({ onderwerpobjectidentificator: ZAAK })
    const r = await api.patch<Onderwerpobject>(
      `/onderwerpobjecten/${o.uuid}`,
      { onderwerpobjectidentificator: { objectId: '42' } },
      'Onderwerpobject',
    )
    expect(r.body.onderwerpobjectidentificator).toEqual({ ...EMPTY, objectId: '42' })
    const cleared = await api.patch<Onderwerpobject>(
      `/onderwerpobjecten/${o.uuid}`,
      { onderwerpobjectidentificator: null },
      'Onderwerpobject',
    )
    expect(cleared.body.onderwerpobjectidentificator).toEqual(EMPTY)
  })

  it('PUT sets the references it is given and keeps the ones it is not', async () => {
    const k1 = await klantcontact()
    const k2 = await klantcontact()
    const o = await create({ klantcontact: { uuid: k1 }, onderwerpobjectidentificator: ZAAK })
    const r = await api.put<Onderwerpobject>(
      `/onderwerpobjecten/${o.uuid}`,
      { wasKlantcontact: { uuid: k2 } },
      'Onderwerpobject',
    )
    expect(r.status).toBe(200)
    expect(r.body.klantcontact?.uuid).toBe(k1)
    expect(r.body.wasKlantcontact?.uuid).toBe(k2)
    const unlinked = await api.put<Onderwerpobject>(
      `/onderwerpobjecten/${o.uuid}`,
      { klantcontact: null },
      'Onderwerpobject',
    )
    expect(unlinked.body.klantcontact).toBeNull()
  })

  describe('filters', () => {
    it('finds onderwerpobjecten by klantcontact and wasKlantcontact, as uuid and url', async () => {
      const k1 = await klantcontact()
      const k2 = await klantcontact()
      const about = await create({ klantcontact: { uuid: k1 } })
      const was = await create({ wasKlantcontact: { uuid: k1 }, klantcontact: { uuid: k2 } })
      expect(await list(`klantcontact__uuid=${k1}`)).toEqual([about.uuid])
      expect(await list(`klantcontact__url=${encodeURIComponent(about.klantcontact!.url)}`)).toEqual([
        about.uuid,
      ])
      expect(await list(`wasKlantcontact__uuid=${k1}`)).toEqual([was.uuid])
      expect(await list(`wasKlantcontact__url=${encodeURIComponent(was.wasKlantcontact!.url)}`)).toEqual([
        was.uuid,
      ])
    })

    it('matches each identificator member exactly', async () => {
      const k = await klantcontact()
      const zaak = await create({ klantcontact: { uuid: k }, onderwerpobjectidentificator: ZAAK })
      await create({
        klantcontact: { uuid: k },
        onderwerpobjectidentificator: {
          objectId: '1',
          codeObjecttype: 'zaken',
          codeRegister: 'zrc',
          codeSoortObjectId: 'id',
        },
      })
      const scope = `klantcontact__uuid=${k}`
      expect(await list(`${scope}&onderwerpobjectidentificatorObjectId=${ZAAK.objectId}`)).toEqual([
        zaak.uuid,
      ])
      expect(await list(`${scope}&onderwerpobjectidentificatorCodeObjecttype=zaak`)).toEqual([zaak.uuid])
      expect(await list(`${scope}&onderwerpobjectidentificatorCodeRegister=open-zaak`)).toEqual([zaak.uuid])
      expect(await list(`${scope}&onderwerpobjectidentificatorCodeSoortObjectId=uuid`)).toEqual([zaak.uuid])
    })
  })

  describe('DELETE', () => {
    it('without cascade answers 204 and keeps the klantcontact', async () => {
      const k = await klantcontact()
      const o = await create({ klantcontact: { uuid: k } })
      const r = await api.delete(`/onderwerpobjecten/${o.uuid}`)
      expect(r.status).toBe(204)
      expect(await exists(`/onderwerpobjecten/${o.uuid}`)).toBe(false)
      expect(await exists(`/klantcontacten/${k}`)).toBe(true)
    })

    it('with cascade=false behaves as without cascade', async () => {
      const k = await klantcontact()
      const o = await create({ klantcontact: { uuid: k } })
      expect((await api.delete(`/onderwerpobjecten/${o.uuid}?cascade=false`)).status).toBe(204)
      expect(await exists(`/klantcontacten/${k}`)).toBe(true)
    })

    it('with cascade=true deletes both linked klantcontacten and their betrokkenen', async () => {
      const k1 = await klantcontact()
      const k2 = await klantcontact()
      const betrokkene = await api.post('/betrokkenen', {
        hadKlantcontact: { uuid: k1 },
        rol: 'klant',
        initiator: true,
      })
      const o = await create({ klantcontact: { uuid: k1 }, wasKlantcontact: { uuid: k2 } })
      const r = await api.request('DELETE', `/onderwerpobjecten/${o.uuid}?cascade=true`, {
        component: 'OnderwerpobjectDeleteResponse',
      })
      expect(r.status).toBe(200)
      expect(r.body).toEqual({ behouden: [] })
      expect(await exists(`/onderwerpobjecten/${o.uuid}`)).toBe(false)
      expect(await exists(`/klantcontacten/${k1}`)).toBe(false)
      expect(await exists(`/klantcontacten/${k2}`)).toBe(false)
      expect(await exists(`/betrokkenen/${String(betrokkene.body['uuid'])}`)).toBe(false)
    })

    it('with cascade keeps a klantcontact another onderwerpobject points at and lists it in behouden', async () => {
      const shared = await klantcontact()
      const alone = await klantcontact()
      const o = await create({ klantcontact: { uuid: alone }, wasKlantcontact: { uuid: shared } })
      await create({ klantcontact: { uuid: shared } })
      const r = await api.request('DELETE', `/onderwerpobjecten/${o.uuid}?cascade=True`, {
        component: 'OnderwerpobjectDeleteResponse',
      })
      expect(r.status).toBe(200)
      expect(r.body).toEqual({
        behouden: [
          expect.stringMatching(
            new RegExp(`^http://[^/]+/klantinteracties/api/v1/klantcontacten/${shared}$`),
          ),
        ],
      })
      expect(await exists(`/klantcontacten/${shared}`)).toBe(true)
      expect(await exists(`/klantcontacten/${alone}`)).toBe(false)
    })

    it('with cascade deletes the partij-less digitale adressen of the betrokkenen, keeping a partij’s', async () => {
      const k = await klantcontact()
      const b = await api.post('/betrokkenen', {
        hadKlantcontact: { uuid: k },
        rol: 'klant',
        initiator: true,
      })
      const betrokkene = String(b.body['uuid'])
      const own = await rows.digitaalAdres({ betrokkene, adres: 'los@example.nl' })
      const partijs = await rows.digitaalAdres({
        betrokkene,
        partij: await rows.partij(),
        adres: 'partij@example.nl',
      })
      const o = await create({ klantcontact: { uuid: k } })
      expect((await api.delete(`/onderwerpobjecten/${o.uuid}?cascade=true`)).status).toBe(200)
      expect(await rows.digitaalAdresBetrokkene(own)).toBeUndefined()
      expect(await rows.digitaalAdresBetrokkene(partijs)).toBeNull()
    })

    it('with cascade and no klantcontact answers an empty behouden', async () => {
      const o = await create({ onderwerpobjectidentificator: ZAAK })
      const r = await api.delete(`/onderwerpobjecten/${o.uuid}?cascade=true`)
      expect(r.status).toBe(200)
      expect(r.body).toEqual({ behouden: [] })
    })

    it('rejects an unknown query parameter and leaves the onderwerpobject', async () => {
      const o = await create({})
      const r = await api.delete(`/onderwerpobjecten/${o.uuid}?force=true`)
      expect(r.status).toBe(400)
      expect(r.body['invalidParams']).toEqual([expect.objectContaining({ code: 'unknown-parameters' })])
      expect(await exists(`/onderwerpobjecten/${o.uuid}`)).toBe(true)
    })

    it('answers 404 for an unknown or malformed uuid', async () => {
      expect((await api.delete('/onderwerpobjecten/00000000-0000-4000-8000-000000000009')).status).toBe(404)
      expect((await api.delete('/onderwerpobjecten/geen-uuid?cascade=true')).status).toBe(404)
    })
  })
})
