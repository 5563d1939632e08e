import { beforeAll, describe, expect, it } from 'vitest'
import {
  createActor,
  createInterneTaak,
  createKlantcontact,
  listUuids,
  type Body,
} from '../../support/builders'
import type { InterneTaak } from '../../support/klantinteracties-types'
import { useProvider } from '../../support/provider-fixture'

/** The query parameters of `GET /internetaken` (OAS 0.9.0; Open Klant `InternetaakFilterSet`). */
describe('internetaken filters', () => {
  const { api } = useProvider()
  let actorA: string

  const klantcontact = async (extra: Body = {}): Promise<string> =>
    (await createKlantcontact(api, extra)).uuid
  const actor = async (naam: string): Promise<string> => (await createActor(api, { naam })).uuid

  beforeAll(async () => {
    actorA = await actor('Team Burgerzaken')
  })

  const create = (k: string, extra: Body = {}): Promise<InterneTaak> =>
    createInterneTaak(api, k, [actorA], extra)
  const list = listUuids(api, '/internetaken', 'PaginatedInterneTaakList')

  it('filters on status, and refuses a status that does not exist', async () => {
    const k = await klantcontact()
    const open = await create(k)
    const done = await create(k, { status: 'verwerkt' })
    const scope = `klantcontact__uuid=${k}`
    expect(await list(`${scope}&status=te_verwerken`)).toEqual([open.uuid])
    expect(await list(`${scope}&status=verwerkt`)).toEqual([done.uuid])
    const r = await api.get('/internetaken?status=open')
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual([
      expect.objectContaining({ name: 'status', code: 'invalid_choice' }),
    ])
  })

  it('filters on nummer, referentienummer and an exact toegewezenOp', async () => {
    const k = await klantcontact()
    const t = await create(k, { nummer: '5300000001', referentienummer: '5400000001' })
    const other = await create(k)
    expect(await list('nummer=5300000001')).toEqual([t.uuid])
    expect(await list('referentienummer=5400000001')).toEqual([t.uuid])
    expect(await list(`toegewezenOp=${encodeURIComponent(other.toegewezenOp)}`)).toEqual([other.uuid])
    expect(await list('toegewezenOp=geen-datum')).toEqual([])
  })

  it('filters on the exact naam of any assigned actor, listing a taak once', async () => {
    const k = await klantcontact()
    const naam = await actor('Team Vergunningen')
    const t = await create(k, { toegewezenAanActoren: [{ uuid: actorA }, { uuid: naam }] })
    await create(k)
    expect(await list(`klantcontact__uuid=${k}&actoren__naam=Team%20Vergunningen`)).toEqual([t.uuid])
    expect(await list(`klantcontact__uuid=${k}&actoren__naam=Vergunningen`)).toEqual([])
    expect(await list(`klantcontact__uuid=${k}&actoren__naam=Team%20Burgerzaken`)).toHaveLength(2)
  })

  it('filters on an assigned actor by uuid and url, also when it is not the first', async () => {
    const k = await klantcontact()
    const second = await actor('Tweede')
    const t = await create(k, { toegewezenAanActoren: [{ uuid: actorA }, { uuid: second }] })
    await create(k)
    expect(await list(`toegewezenAanActor__uuid=${second}`)).toEqual([t.uuid])
    expect(
      await list(`toegewezenAanActor__url=http://host/klantinteracties/api/v1/actoren/${second}`),
    ).toEqual([t.uuid])
  })

  it('filters on the aanleidinggevend klantcontact by uuid, url, nummer and referentienummer', async () => {
    const k = await klantcontact({ nummer: '5500000001', referentienummer: '5600000001' })
    const t = await create(k)
    await create(await klantcontact())
    expect(await list(`aanleidinggevendKlantcontact__uuid=${k}`)).toEqual([t.uuid])
    expect(
      await list(
        `aanleidinggevendKlantcontact__url=${encodeURIComponent(t.aanleidinggevendKlantcontact.url)}`,
      ),
    ).toEqual([t.uuid])
    expect(await list(`klantcontact__uuid=${k}`)).toEqual([t.uuid])
    expect(await list('klantcontact__nummer=5500000001')).toEqual([t.uuid])
    expect(await list('klantcontact__referentienummer=5600000001')).toEqual([t.uuid])
  })

  it('offers no expand', async () => {
    const r = await api.get('/internetaken?expand=aanleidinggevendKlantcontact')
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual([expect.objectContaining({ code: 'unknown-parameters' })])
  })
})
