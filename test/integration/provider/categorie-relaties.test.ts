import { describe, expect, it } from 'vitest'
import {
  createCategorie,
  createCategorieRelatie,
  createPartij,
  errorsOf,
  listUuids,
  type Body,
} from '../../support/builders'
import type { Categorie, CategorieRelatie, Partij } from '../../support/klantinteracties-types'
import { useProvider } from '../../support/provider-fixture'

describe('categorie-relaties', () => {
  const { api } = useProvider()
  const partij = (nummer?: string): Promise<Partij> => createPartij(api, nummer ? { nummer } : {})
  const categorie = (naam: string): Promise<Categorie> => createCategorie(api, naam)
  const create = (body: Body): Promise<CategorieRelatie> => createCategorieRelatie(api, body)

  it('creates, reads, replaces, patches and deletes a categorie-relatie', async () => {
    const p = await partij()
    const c = await categorie('Mantelzorger')
    const created = await create({
      partij: { uuid: p.uuid },
      categorie: { uuid: c.uuid },
      beginDatum: '2024-01-01',
      eindDatum: '2024-12-31',
    })
    expect(created).toMatchObject({
      partij: { uuid: p.uuid, url: p.url },
      categorie: { uuid: c.uuid, url: c.url, naam: 'Mantelzorger' },
      beginDatum: '2024-01-01',
      eindDatum: '2024-12-31',
    })
    expect((await api.get(`/categorie-relaties/${created.uuid}`, 'CategorieRelatie')).body).toEqual(created)

    const put = await api.put<CategorieRelatie>(
      `/categorie-relaties/${created.uuid}`,
      { partij: null, categorie: null, beginDatum: null },
      'CategorieRelatie',
    )
    expect(put.body).toMatchObject({
      partij: null,
      categorie: null,
      beginDatum: null,
      eindDatum: '2024-12-31',
    })
    const patch = await api.patch<CategorieRelatie>(
      `/categorie-relaties/${created.uuid}`,
      { eindDatum: null },
      'CategorieRelatie',
    )
    expect(patch.body.eindDatum).toBeNull()

    expect((await api.delete(`/categorie-relaties/${created.uuid}`)).status).toBe(204)
    expect((await api.get(`/categorie-relaties/${created.uuid}`)).status).toBe(404)
  })

  it('fills a missing beginDatum with today', async () => {
    const created = await create({ partij: { uuid: (await partij()).uuid } })
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date())
    expect(created.beginDatum).toBe(today)
    expect(created.categorie).toBeNull()
  })

  it('rejects a malformed date and names unknown references', async () => {
    const date = await api.post('/categorie-relaties', { beginDatum: '01-02-2024' })
    expect(errorsOf(date.body)).toEqual([expect.objectContaining({ name: 'beginDatum', code: 'invalid' })])
    const unknown = { uuid: '6f3c0c7e-1f51-4d0e-9a56-5b0f0a2e8d11' }
    const refs = await api.post('/categorie-relaties', { partij: unknown, categorie: unknown })
    expect(errorsOf(refs.body)).toEqual([
      { name: 'partij.uuid', code: 'does_not_exist', reason: 'Partij object bestaat niet.' },
      { name: 'categorie.uuid', code: 'does_not_exist', reason: 'Categorie object bestaat niet.' },
    ])
  })

  it('filters on partij, categorie and dates, newest first', async () => {
    const p = await partij('4242')
    const other = await partij()
    const c = await categorie('Filter categorie')
    const d = await categorie('Andere categorie')
    const first = await create({
      partij: { uuid: p.uuid },
      categorie: { uuid: c.uuid },
      beginDatum: '2023-05-01',
    })
    const second = await create({
      partij: { uuid: p.uuid },
      categorie: { uuid: d.uuid },
      beginDatum: '2023-06-01',
      eindDatum: '2023-07-01',
    })
    const third = await create({
      partij: { uuid: other.uuid },
      categorie: { uuid: c.uuid },
      beginDatum: '2023-05-01',
    })
    const uuids = listUuids(api, '/categorie-relaties', 'PaginatedCategorieRelatieList')
    expect(await uuids(`partij__uuid=${p.uuid}`)).toEqual([second.uuid, first.uuid])
    expect(await uuids(`partij__url=${encodeURIComponent(other.url)}`)).toEqual([third.uuid])
    expect(await uuids('partij__nummer=4242')).toEqual([second.uuid, first.uuid])
    expect(await uuids(`categorie__uuid=${c.uuid}`)).toEqual([third.uuid, first.uuid])
    expect(await uuids(`categorie__url=${encodeURIComponent(d.url)}`)).toEqual([second.uuid])
    expect(await uuids('categorie__naam=Filter%20categorie')).toEqual([third.uuid, first.uuid])
    expect(await uuids(`beginDatum=2023-05-01&partij__uuid=${p.uuid}`)).toEqual([first.uuid])
    expect(await uuids('eindDatum=2023-07-01')).toEqual([second.uuid])
    const bad = await api.get('/categorie-relaties?beginDatum=mei')
    expect(errorsOf(bad.body)).toEqual([expect.objectContaining({ name: 'beginDatum', code: 'invalid' })])
  })

  it('goes when its partij is deleted', async () => {
    const p = await partij()
    const rel = await create({ partij: { uuid: p.uuid } })
    expect((await api.delete(`/partijen/${p.uuid}`)).status).toBe(204)
    expect((await api.get(`/categorie-relaties/${rel.uuid}`)).status).toBe(404)
  })
})
