import { describe, expect, it } from 'vitest'
import { createPartij, createRekeningnummer, errorsOf, listUuids, type Body } from '../../support/builders'
import type { Partij, Ref, Rekeningnummer } from '../../support/klantinteracties-types'
import { useProvider } from '../../support/provider-fixture'

describe('rekeningnummers', () => {
  const { api } = useProvider()
  const partij = (): Promise<Partij> => createPartij(api)
  const create = (body: Body): Promise<Rekeningnummer> => createRekeningnummer(api, body)

  it('creates, reads, replaces, patches and deletes a rekeningnummer', async () => {
    const p = await partij()
    const created = await create({ partij: { uuid: p.uuid }, iban: 'NL91ABNA0417164300', bic: 'ABNANL2A' })
    expect(created).toMatchObject({
      partij: { uuid: p.uuid, url: p.url },
      iban: 'NL91ABNA0417164300',
      bic: 'ABNANL2A',
    })
    expect((await api.get(`/rekeningnummers/${created.uuid}`, 'Rekeningnummer')).body).toEqual(created)
    const partijView = await api.get<{ rekeningnummers: Ref[] }>(`/partijen/${p.uuid}`, 'Partij')
    expect(partijView.body.rekeningnummers.map((r) => r.uuid)).toEqual([created.uuid])

    const put = await api.put<Rekeningnummer>(
      `/rekeningnummers/${created.uuid}`,
      { partij: null, iban: 'DE89370400440532013000' },
      'Rekeningnummer',
    )
    expect(put.body).toMatchObject({ partij: null, iban: 'DE89370400440532013000', bic: 'ABNANL2A' })
    const patch = await api.patch<Rekeningnummer>(
      `/rekeningnummers/${created.uuid}`,
      { bic: 'COBADEFFXXX' },
      'Rekeningnummer',
    )
    expect(patch.body).toMatchObject({ iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' })

    expect((await api.delete(`/rekeningnummers/${created.uuid}`)).status).toBe(204)
    expect((await api.get(`/rekeningnummers/${created.uuid}`)).status).toBe(404)
  })

  it('requires iban, and partij on PUT as Open Klant does', async () => {
    const r = await api.post('/rekeningnummers', { bic: 'ABNANL2A' })
    expect(errorsOf(r.body)).toEqual([{ name: 'iban', code: 'required', reason: 'Dit veld is vereist.' }])
    const created = await create({ iban: 'NL91ABNA0417164300' })
    expect(created.partij).toBeNull()
    const put = await api.put(`/rekeningnummers/${created.uuid}`, { iban: 'NL91ABNA0417164300' })
    expect(errorsOf(put.body)).toEqual([{ name: 'partij', code: 'required', reason: 'Dit veld is vereist.' }])
  })

  it('checks iban and bic against the OAS patterns', async () => {
    for (const iban of ['91ABNA0417164300', 'NLAB0417', 'NL91 ABNA 0417 1643 00']) {
      const r = await api.post('/rekeningnummers', { iban })
      expect(errorsOf(r.body), iban).toEqual([expect.objectContaining({ name: 'iban', code: 'invalid' })])
    }
    const short = await api.post('/rekeningnummers', { iban: 'NL91ABNA0417164300', bic: 'ABNA' })
    expect(errorsOf(short.body)).toEqual([expect.objectContaining({ name: 'bic', code: 'min_length' })])
    const spaced = await api.post('/rekeningnummers', { iban: 'NL91ABNA0417164300', bic: 'ABNA NL2A' })
    expect(errorsOf(spaced.body)).toEqual([expect.objectContaining({ name: 'bic', code: 'invalid' })])
  })

  it('names an unknown partij', async () => {
    const r = await api.post('/rekeningnummers', {
      iban: 'NL91ABNA0417164300',
      partij: { uuid: '6f3c0c7e-1f51-4d0e-9a56-5b0f0a2e8d11' },
    })
    expect(errorsOf(r.body)).toEqual([
      { name: 'partij.uuid', code: 'does_not_exist', reason: 'Partij object bestaat niet.' },
    ])
  })

  it('filters on iban, bic and uuid, newest first', async () => {
    const a = await create({ iban: 'NL02RABO0123456789', bic: 'RABONL2U' })
    const b = await create({ iban: 'NL02RABO0123456789', bic: 'RABONL2UXXX' })
    const uuids = listUuids(api, '/rekeningnummers', 'PaginatedRekeningnummerList')
    expect(await uuids('iban=NL02RABO0123456789')).toEqual([b.uuid, a.uuid])
    expect(await uuids('bic=RABONL2U')).toEqual([a.uuid])
    expect(await uuids(`uuid=${b.uuid}`)).toEqual([b.uuid])
    expect(await uuids('uuid=geen-uuid')).toEqual([])
  })

  it('stops being the voorkeur of a partij it is moved away from', async () => {
    const p = await partij()
    const rn = await create({ partij: { uuid: p.uuid }, iban: 'NL18INGB0001234567' })
    await api.patch(`/partijen/${p.uuid}`, { voorkeursRekeningnummer: { uuid: rn.uuid } }, 'Partij')
    await api.patch(`/rekeningnummers/${rn.uuid}`, { partij: null }, 'Rekeningnummer')
    const r = await api.get<{ voorkeursRekeningnummer: Ref | null }>(`/partijen/${p.uuid}`, 'Partij')
    expect(r.body.voorkeursRekeningnummer).toBeNull()
  })
})
