import { describe, expect, it } from 'vitest'
import { createBetrokkene, createKlantcontact, listUuids, type Body } from '../../support/builders'
import type { Betrokkene } from '../../support/klantinteracties-types'
import { useProvider } from '../../support/provider-fixture'

const EMPTY_ADRES = {
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
}
const EMPTY_CONTACTNAAM = { voorletters: '', voornaam: '', voorvoegselAchternaam: '', achternaam: '' }
const ADRES = {
  nummeraanduidingId: '0363200000218908',
  straatnaam: 'Amstel',
  huisnummer: 1,
  huisnummertoevoeging: 'A',
  postcode: '1011 PN',
  stad: 'Amsterdam',
  adresregel1: '',
  adresregel2: '',
  adresregel3: '',
  land: 'NL',
}

describe('betrokkenen', () => {
  const { api, rows } = useProvider()
  const klantcontact = async (): Promise<string> => (await createKlantcontact(api)).uuid
  const create = (k: string, extra: Body = {}): Promise<Betrokkene> => createBetrokkene(api, k, extra)
  const list = listUuids(api, '/betrokkenen', 'PaginatedExpandBetrokkeneList')

  it('creates a betrokkene and serialises every gegevensgroep with all its members', async () => {
    const k = await klantcontact()
    const b = await create(k, {
      contactnaam: { voornaam: 'Jan', voorvoegselAchternaam: 'de', achternaam: 'Vries' },
    })
    expect(b).toEqual({
      uuid: expect.any(String),
      url: expect.stringMatching(new RegExp(`/klantinteracties/api/v1/betrokkenen/${b.uuid}$`)),
      wasPartij: null,
      hadKlantcontact: { uuid: k, url: expect.stringMatching(new RegExp(`/klantcontacten/${k}$`)) },
      digitaleAdressen: [],
      bezoekadres: EMPTY_ADRES,
      correspondentieadres: EMPTY_ADRES,
      contactnaam: { voorletters: '', voornaam: 'Jan', voorvoegselAchternaam: 'de', achternaam: 'Vries' },
      volledigeNaam: 'Jan de Vries',
      rol: 'klant',
      organisatienaam: '',
      initiator: true,
    })
  })

  it('reads it back by uuid and lists it on its klantcontact', async () => {
    const k = await klantcontact()
    const b = await create(k, {
      organisatienaam: 'Bakkerij Jansen',
      rol: 'vertegenwoordiger',
      initiator: false,
    })
    const detail = await api.get<Betrokkene>(`/betrokkenen/${b.uuid}`, 'ExpandBetrokkene')
    expect(detail.status).toBe(200)
    expect(detail.body).toEqual(b)
    const contact = await api.get(`/klantcontacten/${k}`, 'Klantcontact')
    expect(contact.body['hadBetrokkenen']).toEqual([{ uuid: b.uuid, url: b.url }])
  })

  it('builds volledigeNaam from voornaam, voorvoegsel and achternaam, skipping empty parts', async () => {
    const k = await klantcontact()
    const b = await create(k, { contactnaam: { voorletters: 'P.', achternaam: 'Bakker' } })
    expect(b.volledigeNaam).toBe('Bakker')
  })

  it('requires hadKlantcontact, rol and initiator', async () => {
    const r = await api.post('/betrokkenen', {})
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual(
      expect.arrayContaining([
        { name: 'hadKlantcontact', code: 'required', reason: 'Dit veld is vereist.' },
        { name: 'rol', code: 'required', reason: 'Dit veld is vereist.' },
        { name: 'initiator', code: 'required', reason: 'Dit veld is vereist.' },
      ]),
    )
  })

  it('rejects an unknown rol', async () => {
    const k = await klantcontact()
    const r = await api.post('/betrokkenen', { hadKlantcontact: { uuid: k }, rol: 'burger', initiator: true })
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual([
      expect.objectContaining({ name: 'rol', code: 'invalid_choice' }),
    ])
  })

  it('names a hadKlantcontact or wasPartij that does not exist', async () => {
    const r = await api.post('/betrokkenen', {
      hadKlantcontact: { uuid: '00000000-0000-4000-8000-000000000001' },
      wasPartij: { uuid: '00000000-0000-4000-8000-000000000002' },
      rol: 'klant',
      initiator: true,
    })
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual([
      { name: 'hadKlantcontact.uuid', code: 'does_not_exist', reason: 'Klantcontact object bestaat niet.' },
      { name: 'wasPartij.uuid', code: 'does_not_exist', reason: 'Partij object bestaat niet.' },
    ])
  })

  it('links a partij through wasPartij and unlinks it with null', async () => {
    const k = await klantcontact()
    const partij = await rows.partij()
    const b = await create(k, { wasPartij: { uuid: partij } })
    expect(b.wasPartij).toEqual({
      uuid: partij,
      url: expect.stringMatching(new RegExp(`/partijen/${partij}$`)),
    })
    const r = await api.patch<Betrokkene>(`/betrokkenen/${b.uuid}`, { wasPartij: null }, 'Betrokkene')
    expect(r.status).toBe(200)
    expect(r.body.wasPartij).toBeNull()
  })

  describe('gegevensgroepen', () => {
    it('replaces a whole group on PATCH: members left out are emptied', async () => {
      const k = await klantcontact()
      const b = await create(k, { contactnaam: { voornaam: 'Jan', achternaam: 'Vries' }, bezoekadres: ADRES })
      const r = await api.patch<Betrokkene>(
        `/betrokkenen/${b.uuid}`,
        { contactnaam: { achternaam: 'Jansen' } },
        'Betrokkene',
      )
      expect(r.body.contactnaam).toEqual({ ...EMPTY_CONTACTNAAM, achternaam: 'Jansen' })
      expect(r.body.volledigeNaam).toBe('Jansen')
      // A group that was not sent stays as it was.
      expect(r.body.bezoekadres).toEqual(ADRES)
    })

    it('clears a whole group with null', async () => {
      const k = await klantcontact()
      const b = await create(k, { correspondentieadres: ADRES })
      expect(b.correspondentieadres).toEqual(ADRES)
      const r = await api.patch<Betrokkene>(
        `/betrokkenen/${b.uuid}`,
        { correspondentieadres: null },
        'Betrokkene',
      )
      expect(r.body.correspondentieadres).toEqual(EMPTY_ADRES)
    })

    it('accepts back the empty members it serialises, so a read-modify-write round trip works', async () => {
      const k = await klantcontact()
      const b = await create(k)
      const { uuid: _uuid, url: _url, digitaleAdressen: _d, volledigeNaam: _v, ...writable } = b
      const r = await api.put<Betrokkene>(
        `/betrokkenen/${b.uuid}`,
        { ...writable, rol: 'vertegenwoordiger' },
        'Betrokkene',
      )
      expect(r.status).toBe(200)
      expect(r.body.rol).toBe('vertegenwoordiger')
      expect(r.body.bezoekadres).toEqual(EMPTY_ADRES)
    })

    it('rejects a postcode without the space', async () => {
      const k = await klantcontact()
      const r = await api.post('/betrokkenen', {
        hadKlantcontact: { uuid: k },
        rol: 'klant',
        initiator: true,
        bezoekadres: { postcode: '1011PN' },
      })
      expect(r.status).toBe(400)
      expect(r.body['invalidParams']).toEqual([
        expect.objectContaining({ name: 'bezoekadres.postcode', code: 'invalid' }),
      ])
    })

    it('rejects a nummeraanduidingId that is not 16 digits', async () => {
      const k = await klantcontact()
      const r = await api.post('/betrokkenen', {
        hadKlantcontact: { uuid: k },
        rol: 'klant',
        initiator: true,
        correspondentieadres: { nummeraanduidingId: '036320000021890' },
      })
      expect(r.status).toBe(400)
      expect(r.body['invalidParams']).toEqual([
        expect.objectContaining({ name: 'correspondentieadres.nummeraanduidingId', code: 'invalid' }),
      ])
    })

    it('accepts an ISO 3166 land and rejects a lower-case or unknown one', async () => {
      const k = await klantcontact()
      const be = await create(k, {
        bezoekadres: { land: 'BE', adresregel1: 'Grote Markt 1', adresregel2: '1000 Brussel' },
      })
      expect(be.bezoekadres['land']).toBe('BE')
      for (const land of ['nl', 'XX']) {
        const r = await api.patch(`/betrokkenen/${be.uuid}`, { correspondentieadres: { land } })
        expect(r.status).toBe(400)
        expect(r.body['invalidParams']).toEqual([
          {
            name: 'correspondentieadres.land',
            code: 'invalid',
            reason: 'Ongeldige landcode, de code moet behoren tot de ISO 3166-standaard',
          },
        ])
      }
    })
  })

  it('PUT requires the write-required fields and moves the betrokkene to another klantcontact', async () => {
    const k1 = await klantcontact()
    const k2 = await klantcontact()
    const b = await create(k1, { organisatienaam: 'Gemeente' })
    const missing = await api.put(`/betrokkenen/${b.uuid}`, { rol: 'klant' })
    expect(missing.status).toBe(400)
    expect(missing.body['invalidParams']).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'hadKlantcontact', code: 'required' })]),
    )
    const r = await api.put<Betrokkene>(
      `/betrokkenen/${b.uuid}`,
      { hadKlantcontact: { uuid: k2 }, rol: 'vertegenwoordiger', initiator: false },
      'Betrokkene',
    )
    expect(r.status).toBe(200)
    expect(r.body.hadKlantcontact.uuid).toBe(k2)
    expect(r.body.initiator).toBe(false)
    expect(r.body.organisatienaam).toBe('Gemeente')
  })

  it('DELETE removes it and keeps the digitale adressen it supplied, without betrokkene', async () => {
    const k = await klantcontact()
    const b = await create(k)
    const adres = await rows.digitaalAdres({ betrokkene: b.uuid, adres: 'jan@example.nl' })
    expect((await api.get<Betrokkene>(`/betrokkenen/${b.uuid}`)).body.digitaleAdressen).toEqual([
      { uuid: adres, url: expect.stringMatching(new RegExp(`/digitaleadressen/${adres}$`)) },
    ])
    expect((await api.delete(`/betrokkenen/${b.uuid}`)).status).toBe(204)
    expect((await api.get(`/betrokkenen/${b.uuid}`)).status).toBe(404)
    expect(await rows.digitaalAdresBetrokkene(adres)).toBeNull()
  })

  it('lists the newest betrokkene first', async () => {
    const k = await klantcontact()
    const first = await create(k)
    const second = await create(k)
    expect(await list(`hadKlantcontact__uuid=${k}`)).toEqual([second.uuid, first.uuid])
  })

  it('rejects an unknown query parameter', async () => {
    const r = await api.get('/betrokkenen?achternaam=Vries')
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual([expect.objectContaining({ code: 'unknown-parameters' })])
  })
})
