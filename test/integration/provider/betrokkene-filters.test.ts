import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startProvider, type TestProvider } from '../../support/provider'
import { ProviderClient } from '../../support/provider-client'
import { directRows, type DirectRows } from './direct-rows'

/** The query parameters of `GET /betrokkenen` (OAS 0.9.0; Open Klant `BetrokkeneFilterSet`). */
interface Ref {
  uuid: string
  url: string
}
interface Betrokkene {
  uuid: string
  wasPartij: Ref | null
  hadKlantcontact: Ref
}
interface List<T> {
  count: number
  results: T[]
}

describe('betrokkenen filters', () => {
  let provider: TestProvider
  let api: ProviderClient
  let rows: DirectRows

  beforeAll(async () => {
    provider = await startProvider()
    api = new ProviderClient(provider.app)
    rows = directRows(provider)
  })
  afterAll(async () => {
    await rows.close()
    await provider.close()
  })

  const klantcontact = async (extra: Record<string, unknown> = {}): Promise<string> => {
    const r = await api.post('/klantcontacten', {
      kanaal: 'Telefoon',
      onderwerp: 'Afval',
      taal: 'nld',
      vertrouwelijk: false,
      ...extra,
    })
    expect(r.status).toBe(201)
    return String(r.body['uuid'])
  }
  const create = async (k: string, extra: Record<string, unknown> = {}): Promise<Betrokkene> => {
    const r = await api.post<Betrokkene>('/betrokkenen', {
      hadKlantcontact: { uuid: k },
      rol: 'klant',
      initiator: true,
      ...extra,
    })
    expect(r.status).toBe(201)
    return r.body
  }
  const list = async (query: string): Promise<string[]> => {
    const r = await api.get<List<Betrokkene>>(`/betrokkenen?${query}`, 'PaginatedExpandBetrokkeneList')
    expect(r.status).toBe(200)
    return r.body.results.map((b) => b.uuid)
  }

  it('matches the contactnaam members and organisatienaam exactly', async () => {
    const k = await klantcontact()
    const jan = await create(k, {
      contactnaam: { voorletters: 'J', voornaam: 'Jan', voorvoegselAchternaam: 'de', achternaam: 'Vries' },
      organisatienaam: 'Bakkerij',
    })
    await create(k, {
      contactnaam: {
        voorletters: 'JA',
        voornaam: 'Janneke',
        voorvoegselAchternaam: 'van',
        achternaam: 'Vriesland',
      },
      organisatienaam: 'Bakkerij Jansen',
    })
    const scope = `hadKlantcontact__uuid=${k}`
    expect(await list(`${scope}&contactnaamVoornaam=Jan`)).toEqual([jan.uuid])
    expect(await list(`${scope}&contactnaamAchternaam=Vries`)).toEqual([jan.uuid])
    expect(await list(`${scope}&contactnaamVoorletters=J`)).toEqual([jan.uuid])
    expect(await list(`${scope}&contactnaamVoorvoegselAchternaam=de`)).toEqual([jan.uuid])
    expect(await list(`${scope}&organisatienaam=Bakkerij`)).toEqual([jan.uuid])
    expect(await list(`${scope}&contactnaamAchternaam=vries`)).toEqual([])
  })

  it('finds betrokkenen by their klantcontact: uuid, url, nummer and referentienummer', async () => {
    const k = await klantcontact({ nummer: '7100000001', referentienummer: '7200000001' })
    const other = await klantcontact()
    const b = await create(k)
    await create(other)
    expect(await list(`hadKlantcontact__uuid=${k}`)).toEqual([b.uuid])
    expect(await list(`hadKlantcontact__url=${encodeURIComponent(b.hadKlantcontact.url)}`)).toEqual([b.uuid])
    expect(await list('hadKlantcontact__nummer=7100000001')).toEqual([b.uuid])
    expect(await list('hadKlantcontact__referentienummer=7200000001')).toEqual([b.uuid])
    expect(await list('hadKlantcontact__uuid=geen-uuid')).toEqual([])
  })

  it('finds betrokkenen by the digitaal adres they supplied, once each', async () => {
    const k = await klantcontact()
    const b = await create(k)
    await create(k)
    const adres = await rows.digitaalAdres({ betrokkene: b.uuid, adres: 'filter@example.nl' })
    await rows.digitaalAdres({ betrokkene: b.uuid, adres: 'filter@example.nl' })
    expect(await list('verstrektedigitaalAdres__adres=filter@example.nl')).toEqual([b.uuid])
    expect(await list(`verstrektedigitaalAdres__uuid=${adres}`)).toEqual([b.uuid])
    expect(
      await list(
        `verstrektedigitaalAdres__url=http://host/klantinteracties/api/v1/digitaleadressen/${adres}`,
      ),
    ).toEqual([b.uuid])
  })

  it('finds betrokkenen by their partij: uuid, url, nummer and partijIdentificator', async () => {
    const k = await klantcontact()
    const partij = await rows.partij({ nummer: '8100000001', objectId: '111222333' })
    const b = await create(k, { wasPartij: { uuid: partij } })
    await create(k, { wasPartij: { uuid: await rows.partij() } })
    expect(await list(`wasPartij__uuid=${partij}`)).toEqual([b.uuid])
    expect(await list(`wasPartij__url=${encodeURIComponent(b.wasPartij!.url)}`)).toEqual([b.uuid])
    expect(await list('wasPartij__nummer=8100000001')).toEqual([b.uuid])
    expect(await list('wasPartij__partijIdentificator__objectId=111222333')).toEqual([b.uuid])
    expect(await list(`hadKlantcontact__uuid=${k}&wasPartij__partijIdentificator__codeRegister=brp`)).toEqual(
      [b.uuid],
    )
    expect(
      await list(
        `hadKlantcontact__uuid=${k}&wasPartij__partijIdentificator__codeObjecttype=natuurlijk_persoon`,
      ),
    ).toEqual([b.uuid])
    expect(
      await list(`hadKlantcontact__uuid=${k}&wasPartij__partijIdentificator__codeSoortObjectId=bsn`),
    ).toEqual([b.uuid])
  })
})
