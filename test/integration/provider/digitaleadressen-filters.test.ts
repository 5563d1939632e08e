import { beforeAll, describe, expect, it } from 'vitest'
import {
  createBetrokkene,
  createDigitaalAdres,
  createKlantcontact,
  createPartij,
  createPartijIdentificator,
  errorsOf,
  kvkGroep,
  type Body,
} from '../../support/builders'
import type {
  Betrokkene,
  DigitaalAdres,
  Klantcontact,
  List,
  Partij,
  Ref,
} from '../../support/klantinteracties-types'
import { useProvider } from '../../support/provider-fixture'

describe('digitaleadressen: list, filters and expand', () => {
  const { api } = useProvider()
  const create = (body: Body): Promise<DigitaalAdres> => createDigitaalAdres(api, body)
  const partij = (soortPartij = 'persoon'): Promise<Partij> => createPartij(api, { soortPartij })
  const klantcontact = (): Promise<Klantcontact> => createKlantcontact(api)
  const betrokkene = async (rol = 'klant', kc?: Ref): Promise<Betrokkene> =>
    createBetrokkene(api, (kc ?? (await klantcontact())).uuid, { rol })

  describe('list and filters', () => {
    let p: Ref
    let org: Ref
    let b: Ref
    let mail: DigitaalAdres
    let phone: DigitaalAdres
    let orgMail: DigitaalAdres

    beforeAll(async () => {
      p = await partij()
      org = await partij('organisatie')
      await createPartijIdentificator(api, {
        identificeerdePartij: { uuid: org.uuid },
        partijIdentificator: kvkGroep('31415926'),
      })
      b = await betrokkene('vertegenwoordiger')
      mail = await create({
        verstrektDoorPartij: { uuid: p.uuid },
        adres: 'Filter.Mail@Example.nl',
        soortDigitaalAdres: 'email',
        isStandaardAdres: true,
        omschrijving: 'Werkadres',
        referentie: 'filter-ref',
        verificatieDatum: '2025-01-10',
      })
      phone = await create({
        verstrektDoorBetrokkene: { uuid: b.uuid },
        adres: '0687654321',
        soortDigitaalAdres: 'telefoonnummer',
        verificatieDatum: '2025-02-20',
      })
      orgMail = await create({
        verstrektDoorPartij: { uuid: org.uuid },
        adres: 'info@filter-bv.nl',
        soortDigitaalAdres: 'email',
      })
    })

    const uuids = async (query: string): Promise<string[]> => {
      const r = await api.get<List<DigitaalAdres>>(`/digitaleadressen?${query}`, 'PaginatedDigitaalAdresList')
      expect(r.status, JSON.stringify(r.body)).toBe(200)
      return r.body.results.map((a) => a.uuid)
    }

    it('lists newest first', async () => {
      expect(await uuids('pageSize=3')).toEqual([orgMail.uuid, phone.uuid, mail.uuid])
    })

    it('filters on adres, exactly and case-insensitively contained', async () => {
      expect(await uuids('adres=Filter.Mail@Example.nl')).toEqual([mail.uuid])
      expect(await uuids('adres=filter.mail@example.nl')).toEqual([])
      expect(await uuids('adres__icontains=FILTER')).toEqual([orgMail.uuid, mail.uuid])
    })

    it('filters on soortDigitaalAdres, isStandaardAdres, omschrijving and referentie', async () => {
      expect(await uuids('soortDigitaalAdres=telefoonnummer&verificatieDatum__gte=2025-01-01')).toEqual([
        phone.uuid,
      ])
      expect(await uuids('isStandaardAdres=true&adres__icontains=filter')).toEqual([mail.uuid])
      expect(await uuids('omschrijving=werk')).toEqual([mail.uuid])
      expect(await uuids('referentie=filter-ref')).toEqual([mail.uuid])
    })

    it('filters on verificatieDatum and isGeverifieerd', async () => {
      expect(await uuids('verificatieDatum=2025-01-10')).toEqual([mail.uuid])
      expect(await uuids('verificatieDatum__gt=2025-01-10')).toEqual([phone.uuid])
      expect(await uuids('verificatieDatum__lt=2025-02-20&verificatieDatum__gte=2025-01-10')).toEqual([
        mail.uuid,
      ])
      expect(await uuids('verificatieDatum__lte=2025-02-20&verificatieDatum__gt=2025-01-01')).toEqual([
        phone.uuid,
        mail.uuid,
      ])
      expect(await uuids('isGeverifieerd=false&adres__icontains=filter')).toEqual([orgMail.uuid])
      expect(await uuids('isGeverifieerd=true&adres__icontains=filter')).toEqual([mail.uuid])
    })

    it('filters on the betrokkene and its rol', async () => {
      expect(await uuids(`verstrektDoorBetrokkene__uuid=${b.uuid}`)).toEqual([phone.uuid])
      expect(await uuids(`verstrektDoorBetrokkene__url=${encodeURIComponent(b.url)}`)).toEqual([phone.uuid])
      expect(await uuids('verstrektDoorBetrokkene__rol=vertegenwoordiger&adres=0687654321')).toEqual([
        phone.uuid,
      ])
      expect(await uuids('verstrektDoorBetrokkene__rol=klant&adres=0687654321')).toEqual([])
    })

    it('filters on the partij, its soort and its identificatoren', async () => {
      expect(await uuids(`verstrektDoorPartij__uuid=${p.uuid}`)).toEqual([mail.uuid])
      expect(await uuids(`verstrektDoorPartij__url=${encodeURIComponent(org.url)}`)).toEqual([orgMail.uuid])
      expect(await uuids('verstrektDoorPartij__soortPartij=organisatie&adres__icontains=filter')).toEqual([
        orgMail.uuid,
      ])
      expect(await uuids('verstrektDoorPartij__partijIdentificator__objectId=31415926')).toEqual([
        orgMail.uuid,
      ])
      expect(
        await uuids(
          'verstrektDoorPartij__partijIdentificator__codeSoortObjectId=kvk_nummer&verstrektDoorPartij__partijIdentificator__codeRegister=hr&verstrektDoorPartij__partijIdentificator__codeObjecttype=niet_natuurlijk_persoon&adres__icontains=filter',
        ),
      ).toEqual([orgMail.uuid])
    })

    it('rejects a bad date, rol, soortPartij or boolean', async () => {
      for (const [query, name] of [
        ['verificatieDatum__gt=gisteren', 'verificatieDatum__gt'],
        ['verificatieDatum=2025-02-30', 'verificatieDatum'],
        ['verstrektDoorBetrokkene__rol=klant2', 'verstrektDoorBetrokkene__rol'],
        ['verstrektDoorPartij__soortPartij=robot', 'verstrektDoorPartij__soortPartij'],
        ['isGeverifieerd=ja', 'isGeverifieerd'],
      ] as const) {
        const r = await api.get(`/digitaleadressen?${query}`)
        expect(r.status, query).toBe(400)
        expect(errorsOf(r.body)).toEqual([expect.objectContaining({ name })])
      }
    })
  })

  describe('expand', () => {
    it('expands a missing verstrektDoorBetrokkene to null instead of failing (Open Klant #400)', async () => {
      const a = await create({ adres: 'zonder@example.nl', soortDigitaalAdres: 'email' })
      const r = await api.get<DigitaalAdres>(
        `/digitaleadressen/${a.uuid}?expand=verstrektDoorBetrokkene.hadKlantcontact.leiddeTotInterneTaken`,
        'ExpandDigitaalAdres',
      )
      expect(r.status).toBe(200)
      expect(r.body._expand).toEqual({ verstrektDoorBetrokkene: null })
    })

    it('expands the betrokkene, its klantcontact and that contact’s interne taken', async () => {
      const kc = await klantcontact()
      const b = await betrokkene('klant', kc)
      const actor = await api.post<Ref>(
        '/actoren',
        { naam: 'Medewerker KCC', soortActor: 'medewerker' },
        'Actor',
      )
      const taak = await api.post<Ref>(
        '/internetaken',
        {
          gevraagdeHandeling: 'Terugbellen',
          aanleidinggevendKlantcontact: { uuid: kc.uuid },
          toegewezenAanActoren: [{ uuid: actor.body.uuid }],
          status: 'te_verwerken',
        },
        'InterneTaak',
      )
      expect(taak.status, JSON.stringify(taak.body)).toBe(201)
      const a = await create({
        verstrektDoorBetrokkene: { uuid: b.uuid },
        adres: '0612345678',
        soortDigitaalAdres: 'telefoonnummer',
      })
      const list = await api.get<List<DigitaalAdres>>(
        `/digitaleadressen?verstrektDoorBetrokkene__uuid=${b.uuid}&expand=verstrektDoorBetrokkene.hadKlantcontact.leiddeTotInterneTaken`,
        'PaginatedExpandDigitaalAdresList',
      )
      const item = list.body.results[0]
      expect(item?.uuid).toBe(a.uuid)
      const expanded = item?._expand as {
        verstrektDoorBetrokkene: {
          uuid: string
          _expand: {
            hadKlantcontact: { uuid: string; _expand: { leiddeTotInterneTaken: Array<{ uuid: string }> } }
          }
        }
      }
      expect(expanded.verstrektDoorBetrokkene.uuid).toBe(b.uuid)
      expect(expanded.verstrektDoorBetrokkene._expand.hadKlantcontact.uuid).toBe(kc.uuid)
      expect(
        expanded.verstrektDoorBetrokkene._expand.hadKlantcontact._expand.leiddeTotInterneTaken.map(
          (t) => t.uuid,
        ),
      ).toEqual([taak.body.uuid])
    })

    it('refuses an expand value the OAS does not list', async () => {
      const r = await api.get('/digitaleadressen?expand=verstrektDoorPartij')
      expect(errorsOf(r.body)).toEqual([expect.objectContaining({ name: 'expand', code: 'invalid_choice' })])
    })
  })
})
