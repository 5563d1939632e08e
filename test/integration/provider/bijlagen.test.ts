import { describe, expect, it } from 'vitest'
import { createBijlage, createKlantcontact, listUuids, type Body } from '../../support/builders'
import type { Bijlage } from '../../support/klantinteracties-types'
import { useProvider } from '../../support/provider-fixture'

const DOCUMENT = {
  objectId: '7a3f9e0c-5c6f-4a53-9a7a-2b0a6c1d2e3f',
  codeObjecttype: 'DOCUMENT',
  codeRegister: 'DRC',
  codeSoortObjectId: 'uuid',
}
const EMPTY = { objectId: '', codeObjecttype: '', codeRegister: '', codeSoortObjectId: '' }

describe('bijlagen', () => {
  const { api } = useProvider()
  const klantcontact = async (): Promise<string> => (await createKlantcontact(api)).uuid
  const create = (payload: Body): Promise<Bijlage> => createBijlage(api, payload)
  const list = listUuids(api, '/bijlagen', 'PaginatedBijlageList')

  it('creates a bijlage of a klantcontact, which its klantcontact lists', async () => {
    const k = await klantcontact()
    const b = await create({ wasBijlageVanKlantcontact: { uuid: k }, bijlageidentificator: DOCUMENT })
    expect(b).toEqual({
      uuid: expect.any(String),
      url: expect.stringMatching(new RegExp(`/klantinteracties/api/v1/bijlagen/${b.uuid}$`)),
      wasBijlageVanKlantcontact: { uuid: k, url: expect.stringMatching(new RegExp(`/klantcontacten/${k}$`)) },
      bijlageidentificator: DOCUMENT,
    })
    expect((await api.get(`/bijlagen/${b.uuid}`, 'Bijlage')).body).toEqual(b)
    const contact = await api.get(`/klantcontacten/${k}`, 'Klantcontact')
    expect(contact.body['omvatteBijlagen']).toEqual([{ uuid: b.uuid, url: b.url }])
  })

  it('needs no field at all and serialises the empty identificator', async () => {
    const b = await create({})
    expect(b.wasBijlageVanKlantcontact).toBeNull()
    expect(b.bijlageidentificator).toEqual(EMPTY)
  })

  it('names a klantcontact that does not exist', async () => {
    const r = await api.post('/bijlagen', {
      wasBijlageVanKlantcontact: { uuid: '00000000-0000-4000-8000-000000000001' },
    })
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual([
      {
        name: 'wasBijlageVanKlantcontact.uuid',
        code: 'does_not_exist',
        reason: 'Klantcontact object bestaat niet.',
      },
    ])
  })

  it('rejects an identificator member over 200 characters', async () => {
    const r = await api.post('/bijlagen', { bijlageidentificator: { objectId: 'x'.repeat(201) } })
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual([
      expect.objectContaining({ name: 'bijlageidentificator.objectId', code: 'max_length' }),
    ])
  })

  it('replaces the whole identificator on PATCH and unlinks the klantcontact with null', async () => {
    const k = await klantcontact()
    const b = await create({ wasBijlageVanKlantcontact: { uuid: k }, bijlageidentificator: DOCUMENT })
    const r = await api.patch<Bijlage>(
      `/bijlagen/${b.uuid}`,
      { bijlageidentificator: { codeObjecttype: 'FOTO' }, wasBijlageVanKlantcontact: null },
      'Bijlage',
    )
    expect(r.status).toBe(200)
    expect(r.body.bijlageidentificator).toEqual({ ...EMPTY, codeObjecttype: 'FOTO' })
    expect(r.body.wasBijlageVanKlantcontact).toBeNull()
  })

  it('PUT moves it to another klantcontact', async () => {
    const k1 = await klantcontact()
    const k2 = await klantcontact()
    const b = await create({ wasBijlageVanKlantcontact: { uuid: k1 }, bijlageidentificator: DOCUMENT })
    const r = await api.put<Bijlage>(
      `/bijlagen/${b.uuid}`,
      { wasBijlageVanKlantcontact: { uuid: k2 } },
      'Bijlage',
    )
    expect(r.status).toBe(200)
    expect(r.body.wasBijlageVanKlantcontact?.uuid).toBe(k2)
    expect(r.body.bijlageidentificator).toEqual(DOCUMENT)
  })

  it('DELETE removes it', async () => {
    const b = await create({})
    expect((await api.delete(`/bijlagen/${b.uuid}`)).status).toBe(204)
    expect((await api.get(`/bijlagen/${b.uuid}`)).status).toBe(404)
  })

  describe('filters', () => {
    it('finds bijlagen by klantcontact uuid, newest first', async () => {
      const k = await klantcontact()
      const first = await create({ wasBijlageVanKlantcontact: { uuid: k } })
      const second = await create({ wasBijlageVanKlantcontact: { uuid: k } })
      await create({ wasBijlageVanKlantcontact: { uuid: await klantcontact() } })
      expect(await list(`klantcontact__uuid=${k}`)).toEqual([second.uuid, first.uuid])
    })

    it('matches each identificator member exactly', async () => {
      const k = await klantcontact()
      const doc = await create({ wasBijlageVanKlantcontact: { uuid: k }, bijlageidentificator: DOCUMENT })
      await create({
        wasBijlageVanKlantcontact: { uuid: k },
        bijlageidentificator: {
          objectId: '1',
          codeObjecttype: 'document',
          codeRegister: 'drc',
          codeSoortObjectId: 'id',
        },
      })
      const scope = `klantcontact__uuid=${k}`
      expect(await list(`${scope}&bijlageidentificatorObjectId=${DOCUMENT.objectId}`)).toEqual([doc.uuid])
      expect(await list(`${scope}&bijlageidentificatorCodeObjecttype=DOCUMENT`)).toEqual([doc.uuid])
      expect(await list(`${scope}&bijlageidentificatorCodeRegister=DRC`)).toEqual([doc.uuid])
      expect(await list(`${scope}&bijlageidentificatorCodeSoortObjectId=uuid`)).toEqual([doc.uuid])
    })

    it('rejects a filter the OAS does not list', async () => {
      const r = await api.get('/bijlagen?wasBijlageVanKlantcontact__uuid=x')
      expect(r.status).toBe(400)
      expect(r.body['invalidParams']).toEqual([expect.objectContaining({ code: 'unknown-parameters' })])
    })
  })
})
