import { describe, expect, it } from 'vitest'
import {
  bsn,
  createBetrokkene,
  createDigitaalAdres,
  createKlantcontact,
  createPartij,
  createRekeningnummer,
  errorsOf,
  kvk,
  nextBsn,
  persoon,
  UNKNOWN_UUID,
  type Body,
} from '../../support/builders'
import type {
  Betrokkene,
  DigitaalAdres,
  Partij,
  Ref,
  Rekeningnummer,
} from '../../support/klantinteracties-types'
import { useProvider } from '../../support/provider-fixture'

describe('partijen', () => {
  const { api } = useProvider()
  const create = (body: Body): Promise<Partij> => createPartij(api, body)
  const digitaalAdres = (adres: string): Promise<DigitaalAdres> => createDigitaalAdres(api, { adres })
  const rekeningnummer = (iban: string): Promise<Rekeningnummer> => createRekeningnummer(api, { iban })
  /** A betrokkene in a new klantcontact, who was the partij `p`. */
  const betrokkeneOf = async (p: Ref): Promise<Betrokkene> =>
    createBetrokkene(api, (await createKlantcontact(api)).uuid, { wasPartij: { uuid: p.uuid } })

  describe('create and read', () => {
    it('creates a persoon with its contactnaam and derives the read-only volledigeNaam', async () => {
      const p = await create(
        persoon('Jan', { volledigeNaam: 'ignored', voorkeurstaal: 'nld', interneNotitie: 'belt vaak' }),
      )
      expect(p.partijIdentificatie).toEqual({
        contactnaam: { voorletters: 'J', voornaam: 'Jan', voorvoegselAchternaam: 'de', achternaam: 'Vries' },
        volledigeNaam: 'Jan de Vries',
      })
      expect(p.url).toBe(`http://localhost:80/klantinteracties/api/v1/partijen/${p.uuid}`)
      const read = await api.get<Partij>(`/partijen/${p.uuid}`, 'Partij')
      expect(read.body).toEqual(p)
      expect(read.body).toMatchObject({
        nummer: null,
        voorkeurstaal: 'nld',
        interneNotitie: 'belt vaak',
        indicatieGeheimhouding: null,
        betrokkenen: [],
        categorieRelaties: [],
        vertegenwoordigden: [],
        partijIdentificatoren: [],
        voorkeursDigitaalAdres: null,
      })
    })

    it('serialises absent adressen as groups of empty members', async () => {
      const p = await create(persoon('Leeg'))
      expect(p.bezoekadres).toEqual({
        nummeraanduidingId: '',
        straatnaam: '',
        huisnummer: null,
        huisnummertoevoeging: '',
        postcode: '',
        stad: '',
        adresregel1: '',
        adresregel2: '',
        adresregel3: '',
        land: '',
      })
    })

    it('creates an organisatie and a contactpersoon who works for it', async () => {
      const org = await create({
        soortPartij: 'organisatie',
        indicatieActief: true,
        partijIdentificatie: { naam: 'Bakkerij Brood' },
      })
      expect(org.partijIdentificatie).toEqual({ naam: 'Bakkerij Brood' })
      const cp = await create({
        soortPartij: 'contactpersoon',
        indicatieActief: true,
        partijIdentificatie: {
          werkteVoorPartij: { uuid: org.uuid },
          contactnaam: { voornaam: 'Els', achternaam: 'Bakker' },
        },
      })
      expect(cp.partijIdentificatie).toMatchObject({
        uuid: cp.uuid,
        werkteVoorPartij: { uuid: org.uuid, url: org.url },
        volledigeNaam: 'Els Bakker',
      })
    })

    it('rejects a contactpersoon working for a partij that is not an organisatie', async () => {
      const p = await create(persoon('Piet'))
      const r = await api.post('/partijen', {
        soortPartij: 'contactpersoon',
        indicatieActief: true,
        partijIdentificatie: { werkteVoorPartij: { uuid: p.uuid } },
      })
      expect(r.status).toBe(400)
      expect(errorsOf(r.body)).toEqual([
        {
          name: 'partijIdentificatie.werkteVoorPartij.uuid',
          code: 'invalid',
          reason: "Partij object moet het soort 'organisatie' hebben.",
        },
      ])
    })

    it('requires soortPartij and indicatieActief on POST and rejects an unknown soortPartij', async () => {
      const missing = await api.post('/partijen', { partijIdentificatie: { naam: 'X' } })
      expect(missing.status).toBe(400)
      expect(errorsOf(missing.body).map((e) => e.name)).toContain('soortPartij')
      const unknown = await api.post('/partijen', { soortPartij: 'robot', indicatieActief: true })
      expect(unknown.status).toBe(400)
      expect(errorsOf(unknown.body)).toEqual([
        expect.objectContaining({ name: 'soortPartij', code: 'invalid_choice' }),
      ])
      const noActief = await api.post('/partijen', { soortPartij: 'persoon' })
      expect(errorsOf(noActief.body)).toEqual([
        { name: 'indicatieActief', code: 'required', reason: 'Dit veld is vereist.' },
      ])
    })

    it('ignores a client-chosen uuid', async () => {
      const chosen = UNKNOWN_UUID
      const p = await create(persoon('Eigen', { uuid: chosen }))
      expect(p.uuid).not.toBe(chosen)
    })
  })

  describe('nummer (deprecated)', () => {
    it('is not generated, accepts digits only and must be unique', async () => {
      expect((await create(persoon('Zonder'))).nummer).toBeNull()
      expect((await create(persoon('Met', { nummer: '0000000042' }))).nummer).toBe('0000000042')
      const letters = await api.post('/partijen', persoon('Fout', { nummer: '12a' }))
      expect(errorsOf(letters.body)).toEqual([
        { name: 'nummer', code: 'invalid', reason: 'Voer een geheel getal in.' },
      ])
      const taken = await api.post('/partijen', persoon('Dubbel', { nummer: '0000000042' }))
      expect(errorsOf(taken.body)).toEqual([
        { name: 'nummer', code: 'unique', reason: 'Er bestaat al een partij met eenzelfde nummer.' },
      ])
      const tooLong = await api.post('/partijen', persoon('Lang', { nummer: '12345678901' }))
      expect(errorsOf(tooLong.body)).toEqual([
        expect.objectContaining({ name: 'nummer', code: 'max_length' }),
      ])
    })
  })

  describe('adressen', () => {
    const adres = {
      straatnaam: 'Kerkstraat',
      huisnummer: 1,
      postcode: '1234 AB',
      stad: 'Utrecht',
      land: 'NL',
    }

    it('stores both adressen and replaces a whole group on PATCH', async () => {
      const p = await create(
        persoon('Adres', { bezoekadres: adres, correspondentieadres: { adresregel1: 'Postbus 1' } }),
      )
      expect(p.bezoekadres).toMatchObject(adres)
      expect(p.correspondentieadres).toMatchObject({ adresregel1: 'Postbus 1', land: '' })
      const r = await api.patch<Partij>(`/partijen/${p.uuid}`, { bezoekadres: { stad: 'Zeist' } }, 'Partij')
      expect(r.status).toBe(200)
      expect(r.body.bezoekadres).toMatchObject({
        stad: 'Zeist',
        straatnaam: '',
        huisnummer: null,
        postcode: '',
        land: '',
      })
      expect(r.body.correspondentieadres).toMatchObject({ adresregel1: 'Postbus 1' })
      const cleared = await api.patch<Partij>(`/partijen/${p.uuid}`, { correspondentieadres: null }, 'Partij')
      expect(cleared.body.correspondentieadres).toMatchObject({ adresregel1: '' })
    })

    it('rejects a postcode without the space and a land that is not an upper-case ISO 3166 code', async () => {
      const postcode = await api.post('/partijen', persoon('Post', { bezoekadres: { postcode: '1234AB' } }))
      expect(errorsOf(postcode.body)).toEqual([
        expect.objectContaining({ name: 'bezoekadres.postcode', code: 'invalid' }),
      ])
      for (const land of ['nl', 'XX']) {
        const r = await api.post('/partijen', persoon('Land', { correspondentieadres: { land } }))
        expect(r.status).toBe(400)
        expect(errorsOf(r.body)).toEqual([
          {
            name: 'correspondentieadres.land',
            code: 'invalid',
            reason: 'Ongeldige landcode, de code moet behoren tot de ISO 3166-standaard',
          },
        ])
      }
      expect((await create(persoon('België', { bezoekadres: { land: 'BE' } }))).bezoekadres['land']).toBe(
        'BE',
      )
    })
  })

  describe('update', () => {
    it('PUT needs the write-required fields and keeps fields it does not send', async () => {
      const p = await create(persoon('Put', { interneNotitie: 'blijft' }))
      const incomplete = await api.put(`/partijen/${p.uuid}`, { soortPartij: 'persoon' })
      expect(errorsOf(incomplete.body)).toEqual([
        { name: 'indicatieActief', code: 'required', reason: 'Dit veld is vereist.' },
      ])
      const r = await api.put<Partij>(
        `/partijen/${p.uuid}`,
        { soortPartij: 'organisatie', indicatieActief: false, partijIdentificatie: { naam: 'Put BV' } },
        'Partij',
      )
      expect(r.status).toBe(200)
      expect(r.body).toMatchObject({
        soortPartij: 'organisatie',
        indicatieActief: false,
        interneNotitie: 'blijft',
        partijIdentificatie: { naam: 'Put BV' },
      })
    })

    it('PATCH changes only what it sends, without soortPartij', async () => {
      const p = await create(persoon('Patch', { voorkeurstaal: 'nld' }))
      const r = await api.patch<Partij>(`/partijen/${p.uuid}`, { indicatieGeheimhouding: true }, 'Partij')
      expect(r.status).toBe(200)
      expect(r.body).toMatchObject({
        indicatieGeheimhouding: true,
        voorkeurstaal: 'nld',
        soortPartij: 'persoon',
      })
      expect(r.body.partijIdentificatie).toEqual(p.partijIdentificatie)
    })

    it('PATCH of partijIdentificatie replaces the subtype data of the current soort', async () => {
      const p = await create(persoon('Oud'))
      const r = await api.patch<Partij>(
        `/partijen/${p.uuid}`,
        { partijIdentificatie: { contactnaam: { achternaam: 'Nieuw' } } },
        'Partij',
      )
      expect(r.body.partijIdentificatie).toEqual({
        contactnaam: { voorletters: '', voornaam: '', voorvoegselAchternaam: '', achternaam: 'Nieuw' },
        volledigeNaam: 'Nieuw',
      })
    })

    it('answers 404 for an unknown or malformed uuid', async () => {
      expect((await api.get('/partijen/6f3c0c7e-1f51-4d0e-9a56-5b0f0a2e8d11')).status).toBe(404)
      expect((await api.patch('/partijen/nope', { indicatieActief: false })).status).toBe(404)
    })
  })

  describe('read-only reverse lists', () => {
    it('lists betrokkenen, categorieRelaties and vertegenwoordigden', async () => {
      const p = await create(persoon('Relaties'))
      const vertegenwoordigde = await create(persoon('Vertegenwoordigd'))
      const betrokkene = await betrokkeneOf(p)
      const categorie = await api.post<Ref>('/categorieen', { naam: 'Ondernemer' }, 'Categorie')
      const relatie = await api.post<Ref>(
        '/categorie-relaties',
        { partij: { uuid: p.uuid }, categorie: { uuid: categorie.body.uuid }, beginDatum: '2024-01-01' },
        'CategorieRelatie',
      )
      await api.post(
        '/vertegenwoordigingen',
        {
          vertegenwoordigendePartij: { uuid: p.uuid },
          vertegenwoordigdePartij: { uuid: vertegenwoordigde.uuid },
        },
        'Vertegenwoordigden',
      )
      const r = await api.get<Partij>(`/partijen/${p.uuid}`, 'Partij')
      expect(r.body.betrokkenen.map((b) => b.uuid)).toEqual([betrokkene.uuid])
      expect(r.body.categorieRelaties).toEqual([
        {
          uuid: relatie.body.uuid,
          url: relatie.body.url,
          categorieNaam: 'Ondernemer',
          beginDatum: '2024-01-01',
          eindDatum: null,
        },
      ])
      expect(r.body.vertegenwoordigden.map((v) => v.uuid)).toEqual([vertegenwoordigde.uuid])
      // Read-only: sending them changes nothing.
      const patched = await api.patch<Partij>(
        `/partijen/${p.uuid}`,
        { betrokkenen: [], vertegenwoordigden: [] },
        'Partij',
      )
      expect(patched.body.betrokkenen).toHaveLength(1)
    })
  })

  describe('delete', () => {
    it('deletes the partij with its identificatoren, digitale adressen and rekeningnummers; betrokkenen stay', async () => {
      const a = await digitaalAdres('cascade@example.nl')
      const rn = await rekeningnummer('NL18INGB0001234567')
      const p = await create(
        persoon('Weg', {
          digitaleAdressen: [{ uuid: a.uuid }],
          rekeningnummers: [{ uuid: rn.uuid }],
          partijIdentificatoren: [bsn(nextBsn())],
        }),
      )
      const betrokkene = await betrokkeneOf(p)
      expect((await api.delete(`/partijen/${p.uuid}`)).status).toBe(204)
      expect((await api.get(`/partijen/${p.uuid}`)).status).toBe(404)
      expect((await api.get(`/digitaleadressen/${a.uuid}`)).status).toBe(404)
      expect((await api.get(`/rekeningnummers/${rn.uuid}`)).status).toBe(404)
      expect((await api.get(`/partij-identificatoren/${p.partijIdentificatoren[0]!.uuid}`)).status).toBe(404)
      const b = await api.get<{ wasPartij: Ref | null }>(`/betrokkenen/${betrokkene.uuid}`, 'Betrokkene')
      expect(b.body.wasPartij).toBeNull()
    })

    it('refuses to delete a partij whose kvk_nummer another partij’s vestiging hangs under', async () => {
      const moeder = await create({
        soortPartij: 'organisatie',
        indicatieActief: true,
        partijIdentificatoren: [kvk('55667788')],
      })
      await create({
        soortPartij: 'organisatie',
        indicatieActief: true,
        partijIdentificatoren: [
          {
            subIdentificatorVan: { uuid: moeder.partijIdentificatoren[0]!.uuid },
            partijIdentificator: {
              codeObjecttype: 'vestiging',
              codeSoortObjectId: 'vestigingsnummer',
              objectId: '556677880001',
              codeRegister: 'hr',
            },
          },
        ],
      })
      const r = await api.delete(`/partijen/${moeder.uuid}`)
      expect(r.status).toBe(400)
      expect(errorsOf(r.body)).toEqual([expect.objectContaining({ name: 'nonFieldErrors', code: 'invalid' })])
      expect((await api.get(`/partijen/${moeder.uuid}`)).status).toBe(200)
    })
  })
})
