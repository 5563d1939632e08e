import { describe, expect, it } from 'vitest'
import {
  createPartij,
  createVertegenwoordiging,
  errorsOf,
  listUuids,
  vertegenwoordigingBody,
} from '../../support/builders'
import type { Partij, Ref, Vertegenwoordiging } from '../../support/klantinteracties-types'
import { useProvider } from '../../support/provider-fixture'

describe('vertegenwoordigingen', () => {
  const { api } = useProvider()
  const partij = (): Promise<Partij> => createPartij(api)
  const link = vertegenwoordigingBody
  const create = (van: Ref, voor: Ref): Promise<Vertegenwoordiging> =>
    createVertegenwoordiging(api, van, voor)

  it('creates, reads, replaces, patches and deletes a vertegenwoordiging', async () => {
    const [a, b, c] = [await partij(), await partij(), await partij()]
    const created = await create(a, b)
    expect(created).toMatchObject({
      vertegenwoordigendePartij: { uuid: a.uuid, url: a.url },
      vertegenwoordigdePartij: { uuid: b.uuid },
    })
    expect((await api.get(`/vertegenwoordigingen/${created.uuid}`, 'Vertegenwoordigden')).body).toEqual(
      created,
    )
    const aView = await api.get<{ vertegenwoordigden: Ref[] }>(`/partijen/${a.uuid}`, 'Partij')
    expect(aView.body.vertegenwoordigden.map((p) => p.uuid)).toEqual([b.uuid])

    const put = await api.put<Vertegenwoordiging>(
      `/vertegenwoordigingen/${created.uuid}`,
      link(c, b),
      'Vertegenwoordigden',
    )
    expect(put.body.vertegenwoordigendePartij.uuid).toBe(c.uuid)
    const patch = await api.patch<Vertegenwoordiging>(
      `/vertegenwoordigingen/${created.uuid}`,
      { vertegenwoordigdePartij: { uuid: a.uuid } },
      'Vertegenwoordigden',
    )
    expect(patch.body).toMatchObject({
      vertegenwoordigendePartij: { uuid: c.uuid },
      vertegenwoordigdePartij: { uuid: a.uuid },
    })

    expect((await api.delete(`/vertegenwoordigingen/${created.uuid}`)).status).toBe(204)
    expect((await api.get(`/vertegenwoordigingen/${created.uuid}`)).status).toBe(404)
  })

  it('requires both partijen', async () => {
    const r = await api.post('/vertegenwoordigingen', {})
    expect(
      errorsOf(r.body)
        .map((e) => [e.name, e.code])
        .sort(),
    ).toEqual([
      ['vertegenwoordigdePartij', 'required'],
      ['vertegenwoordigendePartij', 'required'],
    ])
  })

  it('refuses a partij that represents itself, also by PATCH', async () => {
    const [a, b] = [await partij(), await partij()]
    const self = await api.post('/vertegenwoordigingen', link(a, a))
    expect(errorsOf(self.body)).toEqual([
      {
        name: 'vertegenwoordigdePartij',
        code: 'invalid',
        reason: 'De partij kan niet zichzelf vertegenwoordigen.',
      },
    ])
    const v = await create(a, b)
    const patch = await api.patch(`/vertegenwoordigingen/${v.uuid}`, {
      vertegenwoordigdePartij: { uuid: a.uuid },
    })
    expect(errorsOf(patch.body)).toEqual([expect.objectContaining({ name: 'vertegenwoordigdePartij' })])
  })

  it('refuses the same pair twice', async () => {
    const [a, b] = [await partij(), await partij()]
    await create(a, b)
    const r = await api.post('/vertegenwoordigingen', link(a, b))
    expect(errorsOf(r.body)).toEqual([
      {
        name: 'nonFieldErrors',
        code: 'unique',
        reason: 'De velden vertegenwoordigende_partij, vertegenwoordigde_partij moeten een unieke set zijn.',
      },
    ])
    await create(b, a)
  })

  it('names unknown partijen', async () => {
    const unknown = { uuid: '6f3c0c7e-1f51-4d0e-9a56-5b0f0a2e8d11' }
    const r = await api.post('/vertegenwoordigingen', {
      vertegenwoordigendePartij: unknown,
      vertegenwoordigdePartij: unknown,
    })
    expect(errorsOf(r.body)).toEqual([
      {
        name: 'vertegenwoordigendePartij.uuid',
        code: 'does_not_exist',
        reason: 'Partij object bestaat niet.',
      },
      { name: 'vertegenwoordigdePartij.uuid', code: 'does_not_exist', reason: 'Partij object bestaat niet.' },
    ])
  })

  it('filters on either partij by uuid and url, newest first', async () => {
    const [a, b, c] = [await partij(), await partij(), await partij()]
    const ab = await create(a, b)
    const ac = await create(a, c)
    const cb = await create(c, b)
    const uuids = listUuids(api, '/vertegenwoordigingen', 'PaginatedVertegenwoordigdenList')
    expect(await uuids(`vertegenwoordigendePartij__uuid=${a.uuid}`)).toEqual([ac.uuid, ab.uuid])
    expect(await uuids(`vertegenwoordigendePartij__url=${encodeURIComponent(c.url)}`)).toEqual([cb.uuid])
    expect(await uuids(`vertegenwoordigdePartij__uuid=${b.uuid}`)).toEqual([cb.uuid, ab.uuid])
    expect(await uuids(`vertegenwoordigdePartij__url=${encodeURIComponent(c.url)}`)).toEqual([ac.uuid])
  })

  it('goes when one of its partijen is deleted', async () => {
    const [a, b] = [await partij(), await partij()]
    const v = await create(a, b)
    expect((await api.delete(`/partijen/${b.uuid}`)).status).toBe(204)
    expect((await api.get(`/vertegenwoordigingen/${v.uuid}`)).status).toBe(404)
  })
})
