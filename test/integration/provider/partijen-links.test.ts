import { describe, expect, it } from 'vitest'
import {
  bsn,
  createDigitaalAdres,
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
  DigitaalAdres,
  Identificator,
  List,
  Partij,
  Ref,
  Rekeningnummer,
} from '../../support/klantinteracties-types'
import { useProvider } from '../../support/provider-fixture'

describe('partijen: digitaleAdressen, rekeningnummers and nested partijIdentificatoren', () => {
  const { api } = useProvider()
  const create = (body: Body): Promise<Partij> => createPartij(api, body)
  const digitaalAdres = (adres: string): Promise<DigitaalAdres> => createDigitaalAdres(api, { adres })
  const rekeningnummer = (iban: string): Promise<Rekeningnummer> => createRekeningnummer(api, { iban })

  describe('digitaleAdressen and rekeningnummers', () => {
    it('links the given digitale adressen and accepts a voorkeur among them', async () => {
      const a = await digitaalAdres('a@example.nl')
      const b = await digitaalAdres('b@example.nl')
      const p = await create(
        persoon('Link', {
          digitaleAdressen: [{ uuid: a.uuid }, { uuid: b.uuid }],
          voorkeursDigitaalAdres: { uuid: b.uuid },
        }),
      )
      expect(p.digitaleAdressen.map((d) => d.uuid)).toEqual([a.uuid, b.uuid])
      expect(p.voorkeursDigitaalAdres).toEqual({ uuid: b.uuid, url: b.url })
      const adres = await api.get<{ verstrektDoorPartij: Ref | null }>(
        `/digitaleadressen/${a.uuid}`,
        'DigitaalAdres',
      )
      expect(adres.body.verstrektDoorPartij?.uuid).toBe(p.uuid)
    })

    it('rejects a voorkeursDigitaalAdres that is not one of the partij', async () => {
      const a = await digitaalAdres('los@example.nl')
      const r = await api.post('/partijen', persoon('Los', { voorkeursDigitaalAdres: { uuid: a.uuid } }))
      expect(errorsOf(r.body)).toEqual([
        {
          name: 'voorkeursDigitaalAdres',
          code: 'invalid',
          reason: 'Het voorkeurs adres moet een gelinkte digitaal adres zijn.',
        },
      ])
      const p = await create(persoon('Patch voorkeur'))
      const patch = await api.patch(`/partijen/${p.uuid}`, { voorkeursDigitaalAdres: { uuid: a.uuid } })
      expect(errorsOf(patch.body)[0]?.reason).toBe(
        'Het voorkeurs adres moet een gelinkte digitaal adres zijn.',
      )
    })

    it('PUT with an empty digitaleAdressen list unlinks them, and refuses a voorkeur then', async () => {
      const a = await digitaalAdres('weg@example.nl')
      const p = await create(
        persoon('Unlink', { digitaleAdressen: [{ uuid: a.uuid }], voorkeursDigitaalAdres: { uuid: a.uuid } }),
      )
      const refused = await api.put(`/partijen/${p.uuid}`, {
        soortPartij: 'persoon',
        indicatieActief: true,
        digitaleAdressen: [],
        voorkeursDigitaalAdres: { uuid: a.uuid },
      })
      expect(errorsOf(refused.body)).toEqual([
        {
          name: 'voorkeursDigitaalAdres',
          code: 'invalid',
          reason: 'voorkeursDigitaalAdres mag niet meegegeven worden als digitaleAdressen leeg is.',
        },
      ])
      const r = await api.put<Partij>(
        `/partijen/${p.uuid}`,
        { soortPartij: 'persoon', indicatieActief: true, digitaleAdressen: [] },
        'Partij',
      )
      expect(r.body.digitaleAdressen).toEqual([])
      expect(r.body.voorkeursDigitaalAdres).toBeNull()
      const adres = await api.get<{ verstrektDoorPartij: Ref | null }>(
        `/digitaleadressen/${a.uuid}`,
        'DigitaalAdres',
      )
      expect(adres.body.verstrektDoorPartij).toBeNull()
    })

    it('takes a digitaal adres over from another partij, which loses it as voorkeur', async () => {
      const a = await digitaalAdres('over@example.nl')
      const first = await create(
        persoon('Eerst', { digitaleAdressen: [{ uuid: a.uuid }], voorkeursDigitaalAdres: { uuid: a.uuid } }),
      )
      const second = await create(persoon('Daarna', { digitaleAdressen: [{ uuid: a.uuid }] }))
      expect(second.digitaleAdressen.map((d) => d.uuid)).toEqual([a.uuid])
      const old = await api.get<Partij>(`/partijen/${first.uuid}`, 'Partij')
      expect(old.body.digitaleAdressen).toEqual([])
      expect(old.body.voorkeursDigitaalAdres).toBeNull()
    })

    it('links rekeningnummers with the same rules', async () => {
      const r1 = await rekeningnummer('NL91ABNA0417164300')
      const r2 = await rekeningnummer('NL02RABO0123456789')
      const p = await create(
        persoon('Bank', { rekeningnummers: [{ uuid: r1.uuid }], voorkeursRekeningnummer: { uuid: r1.uuid } }),
      )
      expect(p.rekeningnummers.map((r) => r.uuid)).toEqual([r1.uuid])
      expect(p.voorkeursRekeningnummer?.uuid).toBe(r1.uuid)
      const bad = await api.patch(`/partijen/${p.uuid}`, { voorkeursRekeningnummer: { uuid: r2.uuid } })
      expect(errorsOf(bad.body)).toEqual([
        {
          name: 'voorkeursRekeningnummer',
          code: 'invalid',
          reason: 'Het voorkeurs rekeningnummer moet een gelinkte rekeningnummer zijn.',
        },
      ])
      const both = await api.patch<Partij>(
        `/partijen/${p.uuid}`,
        {
          rekeningnummers: [{ uuid: r1.uuid }, { uuid: r2.uuid }],
          voorkeursRekeningnummer: { uuid: r2.uuid },
        },
        'Partij',
      )
      expect(both.body.voorkeursRekeningnummer?.uuid).toBe(r2.uuid)
    })

    it('names every unknown reference', async () => {
      const unknown = UNKNOWN_UUID
      const r = await api.post(
        '/partijen',
        persoon('Onbekend', { digitaleAdressen: [{ uuid: unknown }], rekeningnummers: [{ uuid: unknown }] }),
      )
      expect(r.status).toBe(400)
      expect(errorsOf(r.body)).toEqual([
        {
          name: 'digitaleAdressen.0.uuid',
          code: 'does_not_exist',
          reason: 'DigitaalAdres object bestaat niet.',
        },
        {
          name: 'rekeningnummers.0.uuid',
          code: 'does_not_exist',
          reason: 'Rekeningnummer object bestaat niet.',
        },
      ])
    })
  })

  describe('partijIdentificatoren nested', () => {
    it('creates identificatoren with the partij', async () => {
      const p = await create(persoon('Bsn', { partijIdentificatoren: [bsn('296648875')] }))
      expect(p.partijIdentificatoren).toHaveLength(1)
      expect(p.partijIdentificatoren[0]).toMatchObject({
        identificeerdePartij: { uuid: p.uuid },
        partijIdentificator: { codeSoortObjectId: 'bsn', objectId: '296648875' },
        subIdentificatorVan: null,
      })
      const standalone = await api.get(
        `/partij-identificatoren/${p.partijIdentificatoren[0]!.uuid}`,
        'PartijIdentificator',
      )
      expect(standalone.status).toBe(200)
    })

    it('refuses identificeerdePartij on POST, since it is set automatically', async () => {
      const other = await create(persoon('Ander'))
      const r = await api.post(
        '/partijen',
        persoon('Zelf', {
          partijIdentificatoren: [{ ...bsn(nextBsn()), identificeerdePartij: { uuid: other.uuid } }],
        }),
      )
      expect(errorsOf(r.body)).toEqual([
        {
          name: 'partijIdentificatoren.identificeerdePartij',
          code: 'invalid',
          reason:
            'Het veld `identificeerde_partij` wordt automatisch ingesteld en dient niet te worden opgegeven.',
        },
      ])
    })

    it('reports the rules of a nested identificator under its index, and writes nothing', async () => {
      const r = await api.post(
        '/partijen',
        persoon('Fout bsn', { partijIdentificatoren: [kvk('12345678'), bsn('123456789')] }),
      )
      expect(r.status).toBe(400)
      expect(errorsOf(r.body)).toEqual([
        {
          name: 'partijIdentificatoren.1.partijIdentificatorObjectId',
          code: 'invalid',
          reason: 'Deze waarde is ongeldig, reden: Onjuist BSN nummer',
        },
      ])
      const list = await api.get<List<Identificator>>(
        '/partij-identificatoren?partijIdentificatorObjectId=12345678',
        'PaginatedPartijIdentificatorList',
      )
      expect(list.body.count).toBe(0)
    })

    it('updates the identificator named by uuid and deletes the unlisted ones on PATCH', async () => {
      const p = await create(
        persoon('Wissel', { partijIdentificatoren: [bsn('111222333'), kvk('87654321')] }),
      )
      const [first, second] = p.partijIdentificatoren
      const nieuw = nextBsn()
      const r = await api.patch<Partij>(
        `/partijen/${p.uuid}`,
        { partijIdentificatoren: [{ uuid: first!.uuid, ...bsn(nieuw) }] },
        'Partij',
      )
      expect(r.status).toBe(200)
      expect(r.body.partijIdentificatoren).toEqual([
        expect.objectContaining({
          uuid: first!.uuid,
          partijIdentificator: expect.objectContaining({ objectId: nieuw }),
        }),
      ])
      expect((await api.get(`/partij-identificatoren/${second!.uuid}`)).status).toBe(404)
    })

    it('attaches an identificator of another partij that is named by uuid', async () => {
      const owner = await create(persoon('Eigenaar', { partijIdentificatoren: [kvk('11223344')] }))
      const id = owner.partijIdentificatoren[0]!.uuid
      const taker = await create(persoon('Overnemer'))
      const r = await api.put<Partij>(
        `/partijen/${taker.uuid}`,
        {
          soortPartij: 'persoon',
          indicatieActief: true,
          partijIdentificatoren: [{ uuid: id, ...kvk('11223344') }],
        },
        'Partij',
      )
      expect(r.body.partijIdentificatoren.map((i) => i.uuid)).toEqual([id])
      expect((await api.get<Partij>(`/partijen/${owner.uuid}`, 'Partij')).body.partijIdentificatoren).toEqual(
        [],
      )
    })

    it('rejects a duplicated or unknown uuid in the list', async () => {
      const nummer = nextBsn()
      const p = await create(persoon('Dubbel id', { partijIdentificatoren: [bsn(nummer)] }))
      const id = p.partijIdentificatoren[0]!.uuid
      const dup = await api.patch(`/partijen/${p.uuid}`, {
        partijIdentificatoren: [
          { uuid: id, ...bsn(nummer) },
          { uuid: id, ...bsn(nummer) },
        ],
      })
      expect(errorsOf(dup.body)).toEqual([
        {
          name: 'partijIdentificatoren.identificeerdePartij',
          code: 'duplicated',
          reason: 'Duplicaat uuid kan niet worden ingevoerd voor `partij_identificatoren`.',
        },
      ])
      const unknown = await api.patch(`/partijen/${p.uuid}`, {
        partijIdentificatoren: [{ uuid: UNKNOWN_UUID, ...bsn(nextBsn()) }],
      })
      expect(errorsOf(unknown.body)).toEqual([
        {
          name: 'partijIdentificatoren.0.uuid',
          code: 'does_not_exist',
          reason: 'PartijIdentificator object bestaat niet.',
        },
      ])
    })

    it('refuses a second identificator of the same codeSoortObjectId for one partij', async () => {
      const r = await api.post(
        '/partijen',
        persoon('Twee bsn', { partijIdentificatoren: [bsn(nextBsn()), bsn(nextBsn())] }),
      )
      expect(r.status).toBe(400)
      expect(errorsOf(r.body)).toContainEqual({
        name: 'partijIdentificatoren.1.nonFieldErrors',
        code: 'unique_together',
        reason: 'Partij identificator met deze Partij en Soort object ID bestaat al.',
      })
    })
  })
})
