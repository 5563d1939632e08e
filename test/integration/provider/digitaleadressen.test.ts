import { describe, expect, it } from 'vitest'
import {
  createBetrokkene,
  createDigitaalAdres,
  createKlantcontact,
  createPartij,
  errorsOf,
  UNKNOWN_UUID,
  type Body,
} from '../../support/builders'
import type {
  Betrokkene,
  DigitaalAdres,
  Klantcontact,
  Partij,
  Ref,
} from '../../support/klantinteracties-types'
import { useProvider } from '../../support/provider-fixture'

describe('digitaleadressen', () => {
  const { api } = useProvider()
  const create = (body: Body): Promise<DigitaalAdres> => createDigitaalAdres(api, body)
  const partij = (soortPartij = 'persoon'): Promise<Partij> => createPartij(api, { soortPartij })
  const klantcontact = (): Promise<Klantcontact> => createKlantcontact(api)
  const betrokkene = async (rol = 'klant', kc?: Ref): Promise<Betrokkene> =>
    createBetrokkene(api, (kc ?? (await klantcontact())).uuid, { rol })

  describe('crud', () => {
    it('creates, reads, replaces, patches and deletes a digitaal adres', async () => {
      const p = await partij()
      const b = await betrokkene()
      const created = await create({
        verstrektDoorPartij: { uuid: p.uuid },
        verstrektDoorBetrokkene: { uuid: b.uuid },
        adres: 'jan@example.nl',
        soortDigitaalAdres: 'email',
        omschrijving: 'privé',
        referentie: 'prive-mail',
        verificatieDatum: '2025-03-01',
      })
      expect(created).toMatchObject({
        verstrektDoorPartij: { uuid: p.uuid, url: p.url },
        verstrektDoorBetrokkene: { uuid: b.uuid, url: b.url },
        isStandaardAdres: false,
        omschrijving: 'privé',
        referentie: 'prive-mail',
        verificatieDatum: '2025-03-01',
      })
      expect((await api.get(`/digitaleadressen/${created.uuid}`, 'DigitaalAdres')).body).toEqual(created)

      const put = await api.put<DigitaalAdres>(
        `/digitaleadressen/${created.uuid}`,
        {
          verstrektDoorPartij: null,
          verstrektDoorBetrokkene: null,
          adres: '0612345678',
          soortDigitaalAdres: 'telefoonnummer',
        },
        'DigitaalAdres',
      )
      expect(put.body).toMatchObject({
        verstrektDoorPartij: null,
        verstrektDoorBetrokkene: null,
        adres: '0612345678',
        omschrijving: 'privé',
      })

      const patch = await api.patch<DigitaalAdres>(
        `/digitaleadressen/${created.uuid}`,
        { verificatieDatum: null },
        'DigitaalAdres',
      )
      expect(patch.body).toMatchObject({ verificatieDatum: null, adres: '0612345678' })

      expect((await api.delete(`/digitaleadressen/${created.uuid}`)).status).toBe(204)
      expect((await api.get(`/digitaleadressen/${created.uuid}`)).status).toBe(404)
    })

    it('requires adres and soortDigitaalAdres', async () => {
      const r = await api.post('/digitaleadressen', { omschrijving: 'leeg' })
      expect(
        errorsOf(r.body)
          .map((e) => [e.name, e.code])
          .sort(),
      ).toEqual([
        ['adres', 'required'],
        ['soortDigitaalAdres', 'required'],
      ])
    })

    it('names unknown betrokkene and partij references', async () => {
      const unknown = { uuid: UNKNOWN_UUID }
      const r = await api.post('/digitaleadressen', {
        adres: 'x',
        soortDigitaalAdres: 'overig',
        verstrektDoorBetrokkene: unknown,
        verstrektDoorPartij: unknown,
      })
      expect(errorsOf(r.body)).toEqual([
        {
          name: 'verstrektDoorBetrokkene.uuid',
          code: 'does_not_exist',
          reason: 'Betrokkene object bestaat niet.',
        },
        { name: 'verstrektDoorPartij.uuid', code: 'does_not_exist', reason: 'Partij object bestaat niet.' },
      ])
    })

    it('keeps the adres when its betrokkene goes with the klantcontact', async () => {
      const kc = await klantcontact()
      const b = await betrokkene('klant', kc)
      const adres = await create({
        verstrektDoorBetrokkene: { uuid: b.uuid },
        adres: '0201234567',
        soortDigitaalAdres: 'telefoonnummer',
      })
      expect((await api.delete(`/klantcontacten/${kc.uuid}`)).status).toBe(204)
      const r = await api.get<DigitaalAdres>(`/digitaleadressen/${adres.uuid}`, 'DigitaalAdres')
      expect(r.body.verstrektDoorBetrokkene).toBeNull()
    })
  })

  describe('adres by soort', () => {
    it('rejects an invalid e-mail address', async () => {
      for (const adres of ['geen-email', 'jan@', 'jan@example', 'jan de vries@example.nl']) {
        const r = await api.post('/digitaleadressen', { adres, soortDigitaalAdres: 'email' })
        expect(errorsOf(r.body), adres).toEqual([
          { name: 'adres', code: 'invalid', reason: 'Voer een geldig e-mailadres in.' },
        ])
      }
    })

    it('rejects an invalid or service phone number and accepts national and international ones', async () => {
      for (const adres of ['12345', '0800123456', '0900123456', '14020', '+31']) {
        const r = await api.post('/digitaleadressen', { adres, soortDigitaalAdres: 'telefoonnummer' })
        expect(errorsOf(r.body), adres).toEqual([
          { name: 'adres', code: 'invalid', reason: 'Het opgegeven telefoonnummer is ongeldig.' },
        ])
      }
      for (const adres of ['0612345678', '+31612345678', '0031612345678', '0881234567']) {
        await create({ adres, soortDigitaalAdres: 'telefoonnummer' })
      }
    })

    it('accepts anything for overig, and checks again when only the soort changes', async () => {
      const overig = await create({ adres: '@mijn-account', soortDigitaalAdres: 'overig' })
      const r = await api.patch(`/digitaleadressen/${overig.uuid}`, { soortDigitaalAdres: 'email' })
      expect(errorsOf(r.body)).toEqual([expect.objectContaining({ name: 'adres', code: 'invalid' })])
    })

    it('rejects an unknown soortDigitaalAdres and a referentie outside its pattern', async () => {
      const soort = await api.post('/digitaleadressen', { adres: 'x', soortDigitaalAdres: 'fax' })
      expect(errorsOf(soort.body)).toEqual([
        expect.objectContaining({ name: 'soortDigitaalAdres', code: 'invalid_choice' }),
      ])
      const referentie = await api.post('/digitaleadressen', {
        adres: 'x',
        soortDigitaalAdres: 'overig',
        referentie: 'met spatie',
      })
      expect(errorsOf(referentie.body)).toEqual([
        expect.objectContaining({ name: 'referentie', code: 'invalid' }),
      ])
    })
  })

  describe('isStandaardAdres and referentie', () => {
    it('allows isStandaardAdres only with verstrektDoorPartij', async () => {
      const r = await api.post('/digitaleadressen', {
        adres: 'a@example.nl',
        soortDigitaalAdres: 'email',
        isStandaardAdres: true,
      })
      expect(errorsOf(r.body)).toEqual([
        {
          name: 'isStandaardAdres',
          code: 'invalid',
          reason: '`is_standaard_adres` kan alleen gezet worden als `verstrekt_door_partij` niet leeg is.',
        },
      ])
      const p = await partij()
      const standaard = await create({
        adres: 'a@example.nl',
        soortDigitaalAdres: 'email',
        isStandaardAdres: true,
        verstrektDoorPartij: { uuid: p.uuid },
      })
      const clear = await api.patch(`/digitaleadressen/${standaard.uuid}`, { verstrektDoorPartij: null })
      expect(errorsOf(clear.body)).toEqual([expect.objectContaining({ name: 'isStandaardAdres' })])
    })

    it('clears the other standaard adres of the same partij and soort only', async () => {
      const p = await partij()
      const other = await partij()
      const owner = { verstrektDoorPartij: { uuid: p.uuid } }
      const first = await create({
        ...owner,
        adres: 'een@example.nl',
        soortDigitaalAdres: 'email',
        isStandaardAdres: true,
      })
      const phone = await create({
        ...owner,
        adres: '0612345678',
        soortDigitaalAdres: 'telefoonnummer',
        isStandaardAdres: true,
      })
      const elsewhere = await create({
        verstrektDoorPartij: { uuid: other.uuid },
        adres: 'ander@example.nl',
        soortDigitaalAdres: 'email',
        isStandaardAdres: true,
      })
      const second = await create({
        ...owner,
        adres: 'twee@example.nl',
        soortDigitaalAdres: 'email',
        isStandaardAdres: true,
      })
      const standaard = async (a: DigitaalAdres): Promise<boolean> =>
        (await api.get<DigitaalAdres>(`/digitaleadressen/${a.uuid}`, 'DigitaalAdres')).body.isStandaardAdres
      expect(await standaard(first)).toBe(false)
      expect(await standaard(second)).toBe(true)
      expect(await standaard(phone)).toBe(true)
      expect(await standaard(elsewhere)).toBe(true)
      await api.patch(`/digitaleadressen/${first.uuid}`, { isStandaardAdres: true }, 'DigitaalAdres')
      expect(await standaard(second)).toBe(false)
    })

    it('keeps a referentie unique per partij and soort', async () => {
      const p = await partij()
      const other = await partij()
      await create({
        verstrektDoorPartij: { uuid: p.uuid },
        adres: 'r1@example.nl',
        soortDigitaalAdres: 'email',
        referentie: 'werk',
      })
      const taken = await api.post('/digitaleadressen', {
        verstrektDoorPartij: { uuid: p.uuid },
        adres: 'r2@example.nl',
        soortDigitaalAdres: 'email',
        referentie: 'werk',
      })
      expect(errorsOf(taken.body)).toEqual([
        {
          name: 'referentie',
          code: 'unique',
          reason:
            'Er bestaat al een digitaal adres met deze referentie voor deze partij en dit soort digitaal adres.',
        },
      ])
      await create({
        verstrektDoorPartij: { uuid: p.uuid },
        adres: '0612345678',
        soortDigitaalAdres: 'telefoonnummer',
        referentie: 'werk',
      })
      await create({
        verstrektDoorPartij: { uuid: other.uuid },
        adres: 'r3@example.nl',
        soortDigitaalAdres: 'email',
        referentie: 'werk',
      })
      await create({ adres: 'r4@example.nl', soortDigitaalAdres: 'email', referentie: 'werk' })
    })

    it('stops being the voorkeur of a partij it is moved away from', async () => {
      const p = await partij()
      const other = await partij()
      const adres = await create({
        verstrektDoorPartij: { uuid: p.uuid },
        adres: 'voorkeur@example.nl',
        soortDigitaalAdres: 'email',
      })
      await api.patch(`/partijen/${p.uuid}`, { voorkeursDigitaalAdres: { uuid: adres.uuid } }, 'Partij')
      await api.patch(
        `/digitaleadressen/${adres.uuid}`,
        { verstrektDoorPartij: { uuid: other.uuid } },
        'DigitaalAdres',
      )
      const r = await api.get<{ voorkeursDigitaalAdres: Ref | null; digitaleAdressen: Ref[] }>(
        `/partijen/${p.uuid}`,
        'Partij',
      )
      expect(r.body.voorkeursDigitaalAdres).toBeNull()
      expect(r.body.digitaleAdressen).toEqual([])
    })
  })
})
