import { beforeAll, describe, expect, it } from 'vitest'
import { createBetrokkene, createKlantcontact, nextBsn } from '../../support/builders'
import type { Klantcontact, List } from '../../support/klantinteracties-types'
import { useProvider } from '../../support/provider-fixture'

/**
 * `GET /klantcontacten` filtered on one betrokkene or one partij (the caller's history) is answered
 * from the betrokkenen (`klantcontact.id in (…)`), other betrokkene conditions by an `exists` per
 * klantcontact. Both must give what Open Klant 2.18 gives: each klantcontact once, newest
 * plaatsgevondenOp first and the later registered first on a tie, counted and paged alike.
 */
describe('klantcontacten of one partij or betrokkene', () => {
  const { api, rows } = useProvider()
  const bsn = nextBsn()
  let partij = ''
  let partijUrl = ''
  /** The partij's klantcontacten, as the provider must order them. */
  const expected: string[] = []
  let twoBetrokkenen: Klantcontact | undefined

  beforeAll(async () => {
    partij = await rows.partij({ objectId: bsn })
    const other = await rows.partij()
    // Registered in this order; two share a moment (the later one comes first), one was earlier
    // than both, one later; one has the partij twice as betrokkene.
    const moments = [
      '2026-03-01T09:00:00Z',
      '2026-03-01T09:00:00Z',
      '2025-12-24T16:30:00Z',
      '2026-05-10T11:15:00Z',
      '2026-03-01T09:00:00Z',
    ]
    const created: Array<{ k: Klantcontact; at: string; order: number }> = []
    for (const [order, at] of moments.entries()) {
      const k = await createKlantcontact(api, { plaatsgevondenOp: at })
      const b = await createBetrokkene(api, k.uuid, { wasPartij: { uuid: partij } })
      if (order === 1) {
        twoBetrokkenen = k
        await createBetrokkene(api, k.uuid, { wasPartij: { uuid: partij } })
        partijUrl = b.wasPartij!.url
      }
      // Contacts of someone else and without a partij in between, at the same moments.
      const stranger = await createKlantcontact(api, { plaatsgevondenOp: at })
      await createBetrokkene(api, stranger.uuid, { wasPartij: { uuid: other } })
      await createBetrokkene(api, (await createKlantcontact(api, { plaatsgevondenOp: at })).uuid)
      created.push({ k, at, order })
    }
    created
      .sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.order - a.order)
      .forEach(({ k }) => expected.push(k.uuid))
  })

  const page = async (query: string): Promise<List<Klantcontact>> => {
    const r = await api.get<List<Klantcontact>>(`/klantcontacten?${query}`, 'PaginatedExpandKlantcontactList')
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    return r.body
  }
  const all = async (filter: string, pageSize: number): Promise<{ uuids: string[]; counts: number[] }> => {
    const uuids: string[] = []
    const counts: number[] = []
    for (let n = 1; ; n++) {
      const body = await page(`${filter}&pageSize=${pageSize}&page=${n}`)
      uuids.push(...body.results.map((k) => k.uuid))
      counts.push(body.count)
      expect(body.previous === null).toBe(n === 1)
      if (body.next === null) {
        return { uuids, counts }
      }
      expect(new URL(body.next).searchParams.get('page')).toBe(String(n + 1))
    }
  }

  it('lists the partij’s klantcontacten once each, newest first, the later registered first on a tie', async () => {
    const body = await page(`hadBetrokkene__wasPartij__uuid=${partij}`)
    expect(body.results.map((k) => k.uuid)).toEqual(expected)
    expect(body.count).toBe(5)
  })

  it('counts and pages the same on every page size, a full last page included', async () => {
    for (const pageSize of [1, 2, 3, 5]) {
      const { uuids, counts } = await all(`hadBetrokkene__wasPartij__uuid=${partij}`, pageSize)
      expect(uuids, `pageSize ${pageSize}`).toEqual(expected)
      expect(new Set(counts), `pageSize ${pageSize}`).toEqual(new Set([5]))
    }
  })

  it('answers the url filter and an exists-shaped partij filter exactly as the uuid filter', async () => {
    const byUuid = await all(`hadBetrokkene__wasPartij__uuid=${partij}`, 2)
    expect(await all(`hadBetrokkene__wasPartij__url=${encodeURIComponent(partijUrl)}`, 2)).toEqual(byUuid)
    expect(await all(`hadBetrokkene__wasPartij__partijIdentificator__objectId=${bsn}`, 2)).toEqual(byUuid)
  })

  it('combines with other filters and finds one klantcontact by its betrokkene', async () => {
    const read = await api.get<Klantcontact>(`/klantcontacten/${twoBetrokkenen!.uuid}`, 'Klantcontact')
    const k = read.body
    expect(k.hadBetrokkenen).toHaveLength(2)
    expect((await page(`hadBetrokkene__wasPartij__uuid=${partij}&nummer=${k.nummer}`)).results).toEqual([
      expect.objectContaining({ uuid: k.uuid }),
    ])
    const betrokkene = k.hadBetrokkenen[0]!
    expect((await page(`hadBetrokkene__uuid=${betrokkene.uuid}`)).results.map((r) => r.uuid)).toEqual([
      k.uuid,
    ])
    expect(
      (await page(`hadBetrokkene__url=${encodeURIComponent(betrokkene.url)}`)).results.map((r) => r.uuid),
    ).toEqual([k.uuid])
  })

  it('finds nothing for an unknown or malformed partij uuid', async () => {
    for (const value of ['6f3c0c7e-1f51-4d0e-9a56-5b0f0a2e8d11', 'geen-uuid']) {
      const body = await page(`hadBetrokkene__wasPartij__uuid=${value}`)
      expect(body).toEqual(expect.objectContaining({ count: 0, results: [], next: null, previous: null }))
    }
  })
})
