import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { refused, type Body } from '../../support/builders'
import type { InvalidParam, MaakKlantcontact } from '../../support/klantinteracties-types'
import { useProvider } from '../../support/provider-fixture'

describe('POST /maak-klantcontact', () => {
  const { api } = useProvider()

  /** A klantcontact body with an onderwerp unique to the test, to find out whether it was stored. */
  const contact = (extra: Body = {}): Body => ({
    kanaal: 'Telefoon',
    onderwerp: `Maak ${randomUUID()}`,
    taal: 'nld',
    vertrouwelijk: false,
    ...extra,
  })
  const stored = async (onderwerp: string): Promise<number> =>
    Number((await api.get(`/klantcontacten?onderwerp=${encodeURIComponent(onderwerp)}`)).body['count'])
  const invalid = (payload: Body): Promise<InvalidParam[]> =>
    refused(api, 'POST', '/maak-klantcontact', payload)

  it('creates a klantcontact with its betrokkene and onderwerpobject, linked to it', async () => {
    const klantcontact = contact()
    const r = await api.post<MaakKlantcontact>(
      '/maak-klantcontact',
      {
        klantcontact,
        betrokkene: { rol: 'klant', initiator: true, contactnaam: { voornaam: 'Jan', achternaam: 'Vries' } },
        onderwerpobject: { onderwerpobjectidentificator: { objectId: 'Z-1', codeObjecttype: 'zaak' } },
      },
      'MaakKlantcontact',
    )
    expect(r.status).toBe(201)
    const { klantcontact: k, betrokkene: b, onderwerpobject: o } = r.body
    expect(k.onderwerp).toBe(klantcontact['onderwerp'])
    expect(b?.hadKlantcontact).toEqual({ uuid: k.uuid, url: k.url })
    expect(b?.volledigeNaam).toBe('Jan Vries')
    expect(b?.wasPartij).toBeNull()
    expect(o?.klantcontact).toEqual({ uuid: k.uuid, url: k.url })
    expect(o?.wasKlantcontact).toBeNull()
    // The klantcontact in the answer already lists its betrokkene and onderwerpobject.
    expect(k.hadBetrokkenen).toEqual([{ uuid: b?.uuid, url: b?.url }])
    expect(k.gingOverOnderwerpobjecten).toEqual([{ uuid: o?.uuid, url: o?.url }])
    expect((await api.get(`/klantcontacten/${k.uuid}`, 'Klantcontact')).body).toEqual(k)
    expect((await api.get(`/betrokkenen/${b?.uuid}`, 'Betrokkene')).body).toEqual(b)
    expect((await api.get(`/onderwerpobjecten/${o?.uuid}`, 'Onderwerpobject')).body).toEqual(o)
  })

  it('creates only a klantcontact when nothing else is sent, and answers without the other parts', async () => {
    const r = await api.post<MaakKlantcontact>(
      '/maak-klantcontact',
      { klantcontact: contact() },
      'MaakKlantcontact',
    )
    expect(r.status).toBe(201)
    expect(Object.keys(r.body)).toEqual(['klantcontact'])
    expect(r.body.klantcontact.hadBetrokkenen).toEqual([])
  })

  it('links the new klantcontact even when the parts name another one', async () => {
    const other = await api.post<MaakKlantcontact>('/maak-klantcontact', { klantcontact: contact() })
    const r = await api.post<MaakKlantcontact>(
      '/maak-klantcontact',
      {
        klantcontact: contact(),
        betrokkene: {
          rol: 'klant',
          initiator: true,
          hadKlantcontact: { uuid: other.body.klantcontact.uuid },
        },
        onderwerpobject: {
          klantcontact: { uuid: other.body.klantcontact.uuid },
          wasKlantcontact: { uuid: other.body.klantcontact.uuid },
        },
      },
      'MaakKlantcontact',
    )
    expect(r.status).toBe(201)
    expect(r.body.betrokkene?.hadKlantcontact.uuid).toBe(r.body.klantcontact.uuid)
    expect(r.body.onderwerpobject?.klantcontact.uuid).toBe(r.body.klantcontact.uuid)
    // wasKlantcontact is writable: it keeps pointing at the other klantcontact.
    expect(r.body.onderwerpobject?.wasKlantcontact?.uuid).toBe(other.body.klantcontact.uuid)
  })

  it('requires the klantcontact', async () => {
    expect(await invalid({ betrokkene: { rol: 'klant', initiator: true } })).toEqual([
      { name: 'klantcontact', code: 'required', reason: 'Dit veld is vereist.' },
    ])
  })

  it('names schema errors with the part they are in and stores nothing', async () => {
    const klantcontact = contact()
    expect(
      await invalid({
        klantcontact,
        betrokkene: { rol: 'burger', initiator: true },
        onderwerpobject: { wasKlantcontact: 3 },
      }),
    ).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'betrokkene.rol', code: 'invalid_choice' }),
        expect.objectContaining({ name: 'onderwerpobject.wasKlantcontact' }),
      ]),
    )
    expect(await stored(String(klantcontact['onderwerp']))).toBe(0)
  })

  it('rolls back the klantcontact when the betrokkene names a partij that does not exist', async () => {
    const klantcontact = contact()
    expect(
      await invalid({
        klantcontact,
        betrokkene: {
          rol: 'klant',
          initiator: true,
          wasPartij: { uuid: '00000000-0000-4000-8000-000000000001' },
        },
      }),
    ).toEqual([
      { name: 'betrokkene.wasPartij.uuid', code: 'does_not_exist', reason: 'Partij object bestaat niet.' },
    ])
    expect(await stored(String(klantcontact['onderwerp']))).toBe(0)
  })

  it('rolls back the klantcontact and betrokkene when the onderwerpobject is invalid', async () => {
    const klantcontact = contact()
    expect(
      await invalid({
        klantcontact,
        betrokkene: { rol: 'klant', initiator: true, contactnaam: { achternaam: 'Teruggedraaid' } },
        onderwerpobject: { wasKlantcontact: { uuid: '00000000-0000-4000-8000-000000000002' } },
      }),
    ).toEqual([
      {
        name: 'onderwerpobject.wasKlantcontact.uuid',
        code: 'does_not_exist',
        reason: 'Klantcontact object bestaat niet.',
      },
    ])
    expect(await stored(String(klantcontact['onderwerp']))).toBe(0)
    expect((await api.get('/betrokkenen?contactnaamAchternaam=Teruggedraaid')).body['count']).toBe(0)
  })

  it('names a betrokkene adres check with its prefix', async () => {
    expect(
      await invalid({
        klantcontact: contact(),
        betrokkene: { rol: 'klant', initiator: true, bezoekadres: { land: 'XX' } },
      }),
    ).toEqual([expect.objectContaining({ name: 'betrokkene.bezoekadres.land', code: 'invalid' })])
  })

  it('names a taken klantcontact referentienummer with its prefix', async () => {
    const first = await api.post('/maak-klantcontact', {
      klantcontact: contact({ referentienummer: '6100000001' }),
    })
    expect(first.status).toBe(201)
    expect(await invalid({ klantcontact: contact({ referentienummer: '6100000001' }) })).toEqual([
      {
        name: 'klantcontact.referentienummer',
        code: 'unique',
        reason: 'Er bestaat al een klantcontact met eenzelfde referentienummer.',
      },
    ])
  })
})
