import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startProvider, type TestProvider } from '../../support/provider'
import { ProviderClient } from '../../support/provider-client'
import { errorsOf } from './partij-fixtures'

interface Categorie {
  uuid: string
  url: string
  naam: string
}
interface List<T> {
  count: number
  next: string | null
  results: T[]
}

describe('categorieen', () => {
  let provider: TestProvider
  let api: ProviderClient

  beforeAll(async () => {
    provider = await startProvider()
    api = new ProviderClient(provider.app)
  })
  afterAll(() => provider.close())

  const create = async (naam: string): Promise<Categorie> => {
    const r = await api.post<Categorie>('/categorieen', { naam }, 'Categorie')
    expect(r.status).toBe(201)
    return r.body
  }

  it('creates, reads, replaces, patches and deletes a categorie', async () => {
    const c = await create('Ondernemer')
    expect(c.url).toMatch(new RegExp(`/categorieen/${c.uuid}$`))
    expect((await api.get(`/categorieen/${c.uuid}`, 'Categorie')).body).toEqual(c)
    expect((await api.put<Categorie>(`/categorieen/${c.uuid}`, { naam: 'ZZP' }, 'Categorie')).body.naam).toBe(
      'ZZP',
    )
    expect((await api.patch<Categorie>(`/categorieen/${c.uuid}`, {}, 'Categorie')).body.naam).toBe('ZZP')
    expect((await api.delete(`/categorieen/${c.uuid}`)).status).toBe(204)
    expect((await api.get(`/categorieen/${c.uuid}`)).status).toBe(404)
  })

  it('allows an empty naam but not one over 80 characters', async () => {
    expect((await create('')).naam).toBe('')
    const r = await api.post('/categorieen', { naam: 'x'.repeat(81) })
    expect(errorsOf(r.body)).toEqual([expect.objectContaining({ name: 'naam', code: 'max_length' })])
  })

  it('lists newest first in pages and accepts no filters', async () => {
    const a = await create('Pagina A')
    const b = await create('Pagina B')
    const r = await api.get<List<Categorie>>('/categorieen?pageSize=1', 'PaginatedCategorieList')
    expect(r.body.results.map((c) => c.uuid)).toEqual([b.uuid])
    expect(r.body.next).toMatch(/page=2/)
    const second = await api.get<List<Categorie>>('/categorieen?pageSize=1&page=2', 'PaginatedCategorieList')
    expect(second.body.results.map((c) => c.uuid)).toEqual([a.uuid])
    expect((await api.get('/categorieen?naam=Pagina%20A')).status).toBe(400)
  })

  it('deletes its categorie-relaties with it', async () => {
    const c = await create('Weg')
    const p = await api.post<{ uuid: string }>(
      '/partijen',
      { soortPartij: 'persoon', indicatieActief: true },
      'Partij',
    )
    const rel = await api.post<{ uuid: string }>(
      '/categorie-relaties',
      { partij: { uuid: p.body.uuid }, categorie: { uuid: c.uuid } },
      'CategorieRelatie',
    )
    expect((await api.delete(`/categorieen/${c.uuid}`)).status).toBe(204)
    expect((await api.get(`/categorie-relaties/${rel.body.uuid}`)).status).toBe(404)
  })
})
