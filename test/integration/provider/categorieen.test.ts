import { describe, expect, it } from 'vitest'
import { createCategorie, errorsOf } from '../../support/builders'
import type { Categorie, List } from '../../support/klantinteracties-types'
import { useProvider } from '../../support/provider-fixture'

describe('categorieen', () => {
  const { api } = useProvider()
  const create = (naam: string): Promise<Categorie> => createCategorie(api, naam)

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
