import { describe, expect, it } from 'vitest'
import {
  bsnGroep,
  createPartij,
  createPartijIdentificator,
  errorsOf,
  groep,
  kvkGroep,
  nextBsn,
  nextKvk,
  refused,
  UNKNOWN_UUID,
  vestigingGroep,
  type Body,
  type Groep,
} from '../../support/builders'
import type { Identificator, InvalidParam, List, Partij } from '../../support/klantinteracties-types'
import { useProvider } from '../../support/provider-fixture'

describe('partij-identificatoren', () => {
  const { api } = useProvider()
  const partij = (): Promise<Partij> => createPartij(api)
  const create = (body: Body): Promise<Identificator> => createPartijIdentificator(api, body)
  const rejected = (body: Body): Promise<InvalidParam[]> =>
    refused(api, 'POST', '/partij-identificatoren', body)

  describe('crud', () => {
    it('creates, reads, lists, replaces, patches and deletes an identificator', async () => {
      const p = await partij()
      const nummer = nextBsn()
      const created = await create({
        identificeerdePartij: { uuid: p.uuid },
        anderePartijIdentificator: 'ander',
        partijIdentificator: bsnGroep(nummer),
      })
      expect(created).toMatchObject({
        identificeerdePartij: { uuid: p.uuid, url: p.url },
        anderePartijIdentificator: 'ander',
        partijIdentificator: bsnGroep(nummer),
        subIdentificatorVan: null,
      })
      expect(created.url).toMatch(new RegExp(`/partij-identificatoren/${created.uuid}$`))
      expect((await api.get(`/partij-identificatoren/${created.uuid}`, 'PartijIdentificator')).body).toEqual(
        created,
      )

      const other = nextBsn()
      const put = await api.put<Identificator>(
        `/partij-identificatoren/${created.uuid}`,
        {
          identificeerdePartij: null,
          anderePartijIdentificator: 'gewijzigd',
          partijIdentificator: bsnGroep(other),
        },
        'PartijIdentificator',
      )
      expect(put.body).toMatchObject({
        identificeerdePartij: null,
        anderePartijIdentificator: 'gewijzigd',
        partijIdentificator: { objectId: other },
      })

      const patch = await api.patch<Identificator>(
        `/partij-identificatoren/${created.uuid}`,
        { anderePartijIdentificator: 'alleen dit' },
        'PartijIdentificator',
      )
      expect(patch.body).toMatchObject({
        anderePartijIdentificator: 'alleen dit',
        partijIdentificator: { objectId: other },
      })

      const list = await api.get<List<Identificator>>(
        `/partij-identificatoren?partijIdentificatorObjectId=${other}`,
        'PaginatedPartijIdentificatorList',
      )
      expect(list.body.results.map((i) => i.uuid)).toEqual([created.uuid])

      expect((await api.delete(`/partij-identificatoren/${created.uuid}`)).status).toBe(204)
      expect((await api.get(`/partij-identificatoren/${created.uuid}`)).status).toBe(404)
    })

    it('may belong to no partij', async () => {
      const created = await create({ partijIdentificator: bsnGroep(nextBsn()) })
      expect(created.identificeerdePartij).toBeNull()
    })

    it('requires the whole partijIdentificator group, also on PATCH', async () => {
      expect(await rejected({ anderePartijIdentificator: 'x' })).toEqual([
        { name: 'partijIdentificator', code: 'required', reason: 'Dit veld is vereist.' },
      ])
      const created = await create({ partijIdentificator: bsnGroep(nextBsn()) })
      const r = await api.patch(`/partij-identificatoren/${created.uuid}`, { partijIdentificator: {} })
      expect(r.status).toBe(400)
      expect(
        errorsOf(r.body)
          .map((e) => e.name)
          .sort(),
      ).toEqual([
        'partijIdentificator.codeObjecttype',
        'partijIdentificator.codeRegister',
        'partijIdentificator.codeSoortObjectId',
        'partijIdentificator.objectId',
      ])
    })

    it('rejects values outside the enums', async () => {
      const errors = await rejected({ partijIdentificator: groep('kvk', 'persoon', 'paspoort', '1') })
      expect(errors.map((e) => [e.name, e.code]).sort()).toEqual([
        ['partijIdentificator.codeObjecttype', 'invalid_choice'],
        ['partijIdentificator.codeRegister', 'invalid_choice'],
        ['partijIdentificator.codeSoortObjectId', 'invalid_choice'],
      ])
    })

    it('names unknown references', async () => {
      const unknown = { uuid: UNKNOWN_UUID }
      expect(
        await rejected({
          identificeerdePartij: unknown,
          subIdentificatorVan: unknown,
          partijIdentificator: bsnGroep(nextBsn()),
        }),
      ).toEqual([
        { name: 'identificeerdePartij.uuid', code: 'does_not_exist', reason: 'Partij object bestaat niet.' },
        {
          name: 'subIdentificatorVan.uuid',
          code: 'does_not_exist',
          reason: 'PartijIdentificator object bestaat niet.',
        },
      ])
    })
  })

  describe('register, objecttype and soort object ID', () => {
    it('allows only natuurlijk_persoon in the brp', async () => {
      expect(
        await rejected({
          partijIdentificator: groep('brp', 'niet_natuurlijk_persoon', 'rsin', nextBsn()),
        }),
      ).toEqual([
        {
          name: 'partijIdentificatorCodeObjecttype',
          code: 'invalid',
          reason: "voor `codeRegister` brp zijn alleen deze waarden toegestaan: ['natuurlijk_persoon']",
        },
      ])
    })

    it('allows only vestiging and niet_natuurlijk_persoon in the hr', async () => {
      expect(
        await rejected({ partijIdentificator: groep('hr', 'natuurlijk_persoon', 'bsn', nextBsn()) }),
      ).toEqual([
        {
          name: 'partijIdentificatorCodeObjecttype',
          code: 'invalid',
          reason:
            "voor `codeRegister` hr zijn alleen deze waarden toegestaan: ['vestiging', 'niet_natuurlijk_persoon']",
        },
      ])
    })

    it('allows only the soort object IDs of the objecttype', async () => {
      expect(
        await rejected({ partijIdentificator: groep('brp', 'natuurlijk_persoon', 'kvk_nummer', nextKvk()) }),
      ).toEqual([
        {
          name: 'partijIdentificatorCodeSoortObjectId',
          code: 'invalid',
          reason: "voor `codeObjecttype` natuurlijk_persoon zijn alleen deze waarden toegestaan: ['bsn']",
        },
      ])
      expect(
        (
          await rejected({
            partijIdentificator: groep('hr', 'niet_natuurlijk_persoon', 'vestigingsnummer', '000012345678'),
          })
        )[0]?.reason,
      ).toBe(
        "voor `codeObjecttype` niet_natuurlijk_persoon zijn alleen deze waarden toegestaan: ['rsin', 'kvk_nummer']",
      )
    })
  })

  describe('objectId formats', () => {
    const objectIdError = async (g: Groep): Promise<string | undefined> => {
      const errors = await rejected({ partijIdentificator: g })
      expect(errors).toEqual([
        expect.objectContaining({ name: 'partijIdentificatorObjectId', code: 'invalid' }),
      ])
      return errors[0]?.reason
    }

    it('rejects a BSN that fails the 11-proef', async () => {
      expect(await objectIdError(bsnGroep('123456789'))).toBe(
        'Deze waarde is ongeldig, reden: Onjuist BSN nummer',
      )
    })

    it('rejects a BSN that is not 9 digits', async () => {
      expect(await objectIdError(bsnGroep('12'))).toBe(
        'Deze waarde is ongeldig, reden: Waarde moet 9 tekens lang zijn',
      )
      expect(await objectIdError(bsnGroep('12345678a'))).toBe(
        'Deze waarde is ongeldig, reden: Voer een numerieke waarde in',
      )
    })

    it('rejects an RSIN that fails the 11-proef and accepts one that passes', async () => {
      expect(await objectIdError(groep('hr', 'niet_natuurlijk_persoon', 'rsin', '123456789'))).toBe(
        'Deze waarde is ongeldig, reden: Onjuist RSIN nummer',
      )
      await create({ partijIdentificator: groep('hr', 'niet_natuurlijk_persoon', 'rsin', nextBsn()) })
    })

    it('requires 8 digits for a KvK-nummer, without 11-proef', async () => {
      expect(await objectIdError(kvkGroep('1234567'))).toBe(
        'Deze waarde is ongeldig, reden: Waarde moet 8 tekens lang zijn',
      )
      await create({ partijIdentificator: kvkGroep('12345679') })
    })

    it('requires 12 digits for a vestigingsnummer', async () => {
      const parent = await create({ partijIdentificator: kvkGroep(nextKvk()) })
      const r = await api.post('/partij-identificatoren', {
        subIdentificatorVan: { uuid: parent.uuid },
        partijIdentificator: vestigingGroep('12345'),
      })
      expect(errorsOf(r.body)).toEqual([
        {
          name: 'partijIdentificatorObjectId',
          code: 'invalid',
          reason: 'Deze waarde is ongeldig, reden: Waarde moet 12 tekens lang zijn',
        },
      ])
    })
  })
})
