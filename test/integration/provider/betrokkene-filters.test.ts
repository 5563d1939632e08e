import { describe, expect, it } from 'vitest'
import { createBetrokkene, createKlantcontact, listUuids, type Body } from '../../support/builders'
import type { Betrokkene } from '../../support/klantinteracties-types'
import { useProvider } from '../../support/provider-fixture'

/** The query parameters of `GET /betrokkenen` (OAS 0.9.0; Open Klant `BetrokkeneFilterSet`). */
describe('betrokkenen filters', () => {
  const { api, rows } = useProvider()
  const klantcontact = async (extra: Body = {}): Promise<string> =>
    (await createKlantcontact(api, extra)).uuid
  const create = (k: string, extra: Body = {}): Promise<Betrokkene> => createBetrokkene(api, k, extra)
  const list = listUuids(api, '/betrokkenen', 'PaginatedExpandBetrokkeneList')

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
