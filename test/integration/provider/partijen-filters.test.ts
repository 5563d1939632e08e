import { beforeAll, describe, expect, it } from 'vitest'
import {
  bsn,
  createBetrokkene,
  createDigitaalAdres,
  createKlantcontact,
  createPartij,
  errorsOf,
  kvk,
  listUuids,
  persoon,
  type Body,
} from '../../support/builders'
import type { DigitaalAdres, List, Partij, Ref } from '../../support/klantinteracties-types'
import { useProvider } from '../../support/provider-fixture'

describe('partijen: list, filters and expand', () => {
  const { api } = useProvider()
  const create = (body: Body): Promise<Partij> => createPartij(api, body)
  const digitaalAdres = (adres: string): Promise<DigitaalAdres> => createDigitaalAdres(api, { adres })

  describe('list and filters', () => {
    let jan: Partij
    let org: Partij
    let vestiging: Partij

    beforeAll(async () => {
      jan = await create(
        persoon('Filterjan', {
          nummer: '7000001',
          indicatieActief: false,
          bezoekadres: { land: 'DE', adresregel1: 'Hauptstrasse 1' },
          partijIdentificatoren: [bsn('999993653')],
        }),
      )
      org = await create({
        soortPartij: 'organisatie',
        indicatieActief: true,
        indicatieGeheimhouding: true,
        partijIdentificatie: { naam: 'Filter BV' },
        partijIdentificatoren: [kvk('69599084')],
      })
      const kvkUuid = org.partijIdentificatoren[0]!.uuid
      vestiging = await create({
        soortPartij: 'organisatie',
        indicatieActief: true,
        partijIdentificatie: { naam: 'Filter BV Utrecht' },
        partijIdentificatoren: [
          {
            subIdentificatorVan: { uuid: kvkUuid },
            partijIdentificator: {
              codeObjecttype: 'vestiging',
              codeSoortObjectId: 'vestigingsnummer',
              objectId: '000012345678',
              codeRegister: 'hr',
            },
          },
        ],
      })
    })

    const uuids = listUuids(api, '/partijen', 'PaginatedPartijList')

    it('lists newest first', async () => {
      const all = await uuids('pageSize=3')
      expect(all).toEqual([vestiging.uuid, org.uuid, jan.uuid])
    })

    it('filters on nummer, soortPartij, indicatieActief and indicatieGeheimhouding', async () => {
      expect(await uuids('nummer=7000001')).toEqual([jan.uuid])
      expect(await uuids('soortPartij=organisatie&indicatieGeheimhouding=true')).toEqual([org.uuid])
      expect(await uuids('indicatieActief=false&partijIdentificator__objectId=999993653')).toEqual([jan.uuid])
    })

    it('filters on partijIdentificator and subIdentificatorVan members', async () => {
      expect(
        await uuids(
          'partijIdentificator__codeSoortObjectId=kvk_nummer&partijIdentificator__objectId=69599084',
        ),
      ).toEqual([org.uuid])
      expect(
        await uuids(
          'partijIdentificator__codeRegister=brp&partijIdentificator__codeObjecttype=natuurlijk_persoon',
        ),
      ).toContain(jan.uuid)
      expect(
        await uuids('subIdentificatorVan__objectId=69599084&partijIdentificator__objectId=000012345678'),
      ).toEqual([vestiging.uuid])
      expect(
        await uuids(
          'subIdentificatorVan__codeSoortObjectId=kvk_nummer&subIdentificatorVan__codeRegister=hr&subIdentificatorVan__codeObjecttype=niet_natuurlijk_persoon',
        ),
      ).toEqual([vestiging.uuid])
    })

    it('filters on adres members', async () => {
      expect(await uuids('bezoekadresLand=DE&bezoekadresAdresregel1=Hauptstrasse%201')).toEqual([jan.uuid])
      expect(await uuids('correspondentieadresLand=DE')).toEqual([])
    })

    it('filters on categorie names, comma separated, listing a partij once', async () => {
      const a = await api.post<Ref>('/categorieen', { naam: 'Filtercat A' }, 'Categorie')
      const b = await api.post<Ref>('/categorieen', { naam: 'Filtercat B' }, 'Categorie')
      for (const c of [a, b]) {
        await api.post(
          '/categorie-relaties',
          { partij: { uuid: org.uuid }, categorie: { uuid: c.body.uuid } },
          'CategorieRelatie',
        )
      }
      await api.post(
        '/categorie-relaties',
        { partij: { uuid: jan.uuid }, categorie: { uuid: b.body.uuid } },
        'CategorieRelatie',
      )
      expect(await uuids('categorierelatie__categorie__naam=Filtercat%20A')).toEqual([org.uuid])
      expect(await uuids('categorierelatie__categorie__naam=Filtercat%20A,Filtercat%20B')).toEqual([
        org.uuid,
        jan.uuid,
      ])
    })

    it('filters on the partij a partij is represented by', async () => {
      await api.post(
        '/vertegenwoordigingen',
        { vertegenwoordigendePartij: { uuid: org.uuid }, vertegenwoordigdePartij: { uuid: jan.uuid } },
        'Vertegenwoordigden',
      )
      expect(await uuids(`vertegenwoordigdePartij__uuid=${org.uuid}`)).toEqual([jan.uuid])
      expect(await uuids(`vertegenwoordigdePartij__url=${encodeURIComponent(org.url)}`)).toEqual([jan.uuid])
      expect(await uuids('vertegenwoordigdePartij__uuid=not-a-uuid')).toEqual([])
    })

    it('rejects an unknown soortPartij value, a bad boolean and an unknown parameter', async () => {
      const soort = await api.get('/partijen?soortPartij=robot')
      expect(errorsOf(soort.body)).toEqual([
        expect.objectContaining({ name: 'soortPartij', code: 'invalid_choice' }),
      ])
      const bool = await api.get('/partijen?indicatieActief=misschien')
      expect(errorsOf(bool.body)).toEqual([expect.objectContaining({ name: 'indicatieActief' })])
      const unknown = await api.get('/partijen?soort=persoon')
      expect(errorsOf(unknown.body)).toEqual([
        expect.objectContaining({ name: 'nonFieldErrors', code: 'unknown-parameters' }),
      ])
    })
  })

  describe('expand', () => {
    it('expands digitaleAdressen, categorieRelaties, betrokkenen and their klantcontact', async () => {
      const a = await digitaalAdres('expand@example.nl')
      const p = await create(persoon('Expand', { digitaleAdressen: [{ uuid: a.uuid }] }))
      const kc = await createKlantcontact(api, { kanaal: 'Balie', onderwerp: 'Paspoort' })
      await createBetrokkene(api, kc.uuid, { wasPartij: { uuid: p.uuid } })
      const r = await api.get<Partij>(
        `/partijen/${p.uuid}?expand=digitaleAdressen,betrokkenen.hadKlantcontact,categorieRelaties`,
        'ExpandPartij',
      )
      expect(r.status).toBe(200)
      const expand = r.body._expand as {
        digitaleAdressen: Array<{ adres: string }>
        categorieRelaties: unknown[]
        betrokkenen: Array<{ rol: string; _expand: { hadKlantcontact: { onderwerp: string } } }>
      }
      expect(expand.digitaleAdressen.map((d) => d.adres)).toEqual(['expand@example.nl'])
      expect(expand.categorieRelaties).toEqual([])
      expect(expand.betrokkenen[0]?._expand.hadKlantcontact.onderwerp).toBe('Paspoort')
    })

    it('adds an empty _expand on list items and refuses an unknown expand value', async () => {
      const list = await api.get<List<Partij>>(
        '/partijen?expand=betrokkenen&pageSize=1',
        'PaginatedExpandPartijList',
      )
      expect(list.body.results[0]?._expand).toEqual({ betrokkenen: expect.any(Array) })
      const bad = await api.get('/partijen?expand=rekeningnummers')
      expect(errorsOf(bad.body)).toEqual([
        expect.objectContaining({ name: 'expand', code: 'invalid_choice' }),
      ])
    })
  })
})
