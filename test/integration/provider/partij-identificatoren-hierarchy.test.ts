import { describe, expect, it } from 'vitest'
import {
  bsnGroep,
  createPartij,
  createPartijIdentificator,
  errorsOf,
  groep,
  kvkGroep,
  listUuids,
  nextBsn,
  nextKvk,
  refused,
  vestigingGroep,
  type Body,
} from '../../support/builders'
import type { Identificator, InvalidParam, Partij } from '../../support/klantinteracties-types'
import { useProvider } from '../../support/provider-fixture'

describe('partij-identificatoren: subIdentificatorVan, uniqueness and filters', () => {
  const { api } = useProvider()
  const partij = (): Promise<Partij> => createPartij(api)
  const create = (body: Body): Promise<Identificator> => createPartijIdentificator(api, body)
  const rejected = (body: Body): Promise<InvalidParam[]> =>
    refused(api, 'POST', '/partij-identificatoren', body)

  describe('subIdentificatorVan', () => {
    it('requires a subIdentificatorVan for a vestigingsnummer', async () => {
      expect(await rejected({ partijIdentificator: vestigingGroep('000011112222') })).toEqual([
        {
          name: 'subIdentificatorVan',
          code: 'invalid',
          reason:
            'Voor een PartijIdentificator met codeSoortObjectId = `vestigingsnummer` is het verplicht om een `sub_identifier_van` met codeSoortObjectId = `kvk_nummer` te kiezen.',
        },
      ])
    })

    it('requires the subIdentificatorVan to be a kvk_nummer', async () => {
      const bsn = await create({ partijIdentificator: bsnGroep(nextBsn()) })
      expect(
        await rejected({
          subIdentificatorVan: { uuid: bsn.uuid },
          partijIdentificator: vestigingGroep('000011112222'),
        }),
      ).toEqual([
        {
          name: 'subIdentificatorVan',
          code: 'invalid',
          reason:
            'Het is alleen mogelijk om een subIdentifierVan te selecteren met codeSoortObjectId = `kvk_nummer`.',
        },
      ])
    })

    it('refuses to clear the subIdentificatorVan of a vestigingsnummer', async () => {
      const parent = await create({ partijIdentificator: kvkGroep(nextKvk()) })
      const child = await create({
        subIdentificatorVan: { uuid: parent.uuid },
        partijIdentificator: vestigingGroep('000033334444'),
      })
      expect(child.subIdentificatorVan?.uuid).toBe(parent.uuid)
      const r = await api.patch(`/partij-identificatoren/${child.uuid}`, { subIdentificatorVan: null })
      expect(errorsOf(r.body)).toEqual([
        expect.objectContaining({ name: 'subIdentificatorVan', code: 'invalid' }),
      ])
    })

    it('refuses to change the codeSoortObjectId of an identificator others hang under', async () => {
      const parent = await create({ partijIdentificator: kvkGroep(nextKvk()) })
      await create({
        subIdentificatorVan: { uuid: parent.uuid },
        partijIdentificator: vestigingGroep('000055556666'),
      })
      const r = await api.put(`/partij-identificatoren/${parent.uuid}`, {
        partijIdentificator: bsnGroep(nextBsn()),
      })
      expect(errorsOf(r.body)).toEqual([
        {
          name: 'partijIdentificatorCodeSoortObjectId',
          code: 'invalid',
          reason:
            'Het is niet mogelijk om de codeSoortObjectId van deze PartijIdentificator te wijzigen, omdat er andere PartijIdentificatoren aan gekoppeld zijn.',
        },
      ])
    })

    it('refuses to delete an identificator others hang under', async () => {
      const parent = await create({ partijIdentificator: kvkGroep(nextKvk()) })
      const child = await create({
        subIdentificatorVan: { uuid: parent.uuid },
        partijIdentificator: vestigingGroep('000077778888'),
      })
      const r = await api.delete(`/partij-identificatoren/${parent.uuid}`)
      expect(r.status).toBe(400)
      expect(errorsOf(r.body)).toEqual([expect.objectContaining({ name: 'nonFieldErrors', code: 'invalid' })])
      expect((await api.delete(`/partij-identificatoren/${child.uuid}`)).status).toBe(204)
      expect((await api.delete(`/partij-identificatoren/${parent.uuid}`)).status).toBe(204)
    })
  })

  describe('uniqueness', () => {
    it('refuses an identificator that exists already, on create and on update', async () => {
      const nummer = nextBsn()
      await create({ partijIdentificator: bsnGroep(nummer) })
      const duplicate = {
        name: 'nonFieldErrors',
        code: 'invalid',
        reason: '`PartijIdentificator` moet uniek zijn, er bestaat er al een met deze gegevenscombinatie.',
      }
      expect(await rejected({ partijIdentificator: bsnGroep(nummer) })).toEqual([duplicate])
      const other = await create({ partijIdentificator: bsnGroep(nextBsn()) })
      const r = await api.put(`/partij-identificatoren/${other.uuid}`, {
        partijIdentificator: bsnGroep(nummer),
      })
      expect(errorsOf(r.body)).toEqual([duplicate])
      // Saving an identificator unchanged is no conflict with itself.
      const same = await api.put(
        `/partij-identificatoren/${other.uuid}`,
        { partijIdentificator: other.partijIdentificator },
        'PartijIdentificator',
      )
      expect(same.status).toBe(200)
    })

    it('allows the same objectId under another soort', async () => {
      const nummer = nextBsn()
      await create({ partijIdentificator: bsnGroep(nummer) })
      await create({ partijIdentificator: groep('hr', 'niet_natuurlijk_persoon', 'rsin', nummer) })
    })

    it('scopes a vestigingsnummer to its kvk_nummer', async () => {
      const a = await create({ partijIdentificator: kvkGroep(nextKvk()) })
      const b = await create({ partijIdentificator: kvkGroep(nextKvk()) })
      await create({
        subIdentificatorVan: { uuid: a.uuid },
        partijIdentificator: vestigingGroep('000099990000'),
      })
      await create({
        subIdentificatorVan: { uuid: b.uuid },
        partijIdentificator: vestigingGroep('000099990000'),
      })
      expect(
        await rejected({
          subIdentificatorVan: { uuid: a.uuid },
          partijIdentificator: vestigingGroep('000099990000'),
        }),
      ).toEqual([expect.objectContaining({ name: 'nonFieldErrors', code: 'invalid' })])
    })

    it('allows one identificator per codeSoortObjectId per partij', async () => {
      const p = await partij()
      await create({ identificeerdePartij: { uuid: p.uuid }, partijIdentificator: bsnGroep(nextBsn()) })
      expect(
        await rejected({
          identificeerdePartij: { uuid: p.uuid },
          partijIdentificator: bsnGroep(nextBsn()),
        }),
      ).toEqual([
        {
          name: 'nonFieldErrors',
          code: 'unique_together',
          reason: 'Partij identificator met deze Partij en Soort object ID bestaat al.',
        },
      ])
      const loose = await create({ partijIdentificator: bsnGroep(nextBsn()) })
      const moved = await api.patch(`/partij-identificatoren/${loose.uuid}`, {
        identificeerdePartij: { uuid: p.uuid },
      })
      expect(errorsOf(moved.body)).toEqual([expect.objectContaining({ code: 'unique_together' })])
    })

    it('reports both uniqueness errors together', async () => {
      const p = await partij()
      const nummer = nextBsn()
      await create({ identificeerdePartij: { uuid: p.uuid }, partijIdentificator: bsnGroep(nummer) })
      expect(
        (
          await rejected({ identificeerdePartij: { uuid: p.uuid }, partijIdentificator: bsnGroep(nummer) })
        ).map((e) => e.code),
      ).toEqual(['unique_together', 'invalid'])
    })
  })

  describe('filters', () => {
    it('filters on each partijIdentificator member and anderePartijIdentificator, newest first', async () => {
      const kvkNummer = nextKvk()
      const older = await create({
        anderePartijIdentificator: 'filter-ander',
        partijIdentificator: kvkGroep(kvkNummer),
      })
      const newer = await create({
        anderePartijIdentificator: 'filter-ander',
        partijIdentificator: groep('hr', 'niet_natuurlijk_persoon', 'rsin', nextBsn()),
      })
      const uuids = listUuids(api, '/partij-identificatoren', 'PaginatedPartijIdentificatorList')
      expect(await uuids('anderePartijIdentificator=filter-ander')).toEqual([newer.uuid, older.uuid])
      expect(
        await uuids('anderePartijIdentificator=filter-ander&partijIdentificatorCodeSoortObjectId=kvk_nummer'),
      ).toEqual([older.uuid])
      expect(
        await uuids(
          `partijIdentificatorObjectId=${kvkNummer}&partijIdentificatorCodeRegister=hr&partijIdentificatorCodeObjecttype=niet_natuurlijk_persoon`,
        ),
      ).toEqual([older.uuid])
      expect(
        await uuids('anderePartijIdentificator=filter-ander&partijIdentificatorCodeRegister=brp'),
      ).toEqual([])
    })

    it('rejects a value outside the enum of a code filter', async () => {
      for (const name of [
        'partijIdentificatorCodeObjecttype',
        'partijIdentificatorCodeRegister',
        'partijIdentificatorCodeSoortObjectId',
      ]) {
        const r = await api.get(`/partij-identificatoren?${name}=overig`)
        expect(r.status).toBe(400)
        expect(errorsOf(r.body)).toEqual([expect.objectContaining({ name, code: 'invalid_choice' })])
      }
    })
  })
})
