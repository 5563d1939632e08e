import { beforeAll, describe, expect, it } from 'vitest'
import {
  createActor,
  createBetrokkene,
  createBijlage,
  createInterneTaak,
  createKlantcontact,
  createOnderwerpobject,
} from '../../support/builders'
import type { List } from '../../support/klantinteracties-types'
import { useProvider } from '../../support/provider-fixture'

/**
 * `expand` through the klantcontact-side resources (OAS `ExpandKlantcontact`, `ExpandBetrokkene`;
 * Open Klant `KlantcontactSerializer.inclusion_serializers`): one level to every reverse list, two
 * levels through the betrokkenen, and the betrokkene relations that other resources' dotted paths
 * pass through (`verstrektDoorBetrokkene.hadKlantcontact`, `betrokkenen.hadKlantcontact`).
 */
type Json = Record<string, unknown>
type Expanded = Json & { uuid: string; _expand: Record<string, unknown> }

describe('expand over klantcontacten and betrokkenen', () => {
  const { api, rows } = useProvider()
  let k: string
  let bare: string
  let partij: string
  let metPartij: string
  let zonderPartij: string
  let adres: string
  let taak: string
  let onderwerpobject: string
  let bijlage: string

  const resource = async (path: string): Promise<Json> => (await api.get(path)).body

  beforeAll(async () => {
    const contact = { onderwerp: 'Expand' }
    k = (await createKlantcontact(api, contact)).uuid
    bare = (await createKlantcontact(api, contact)).uuid
    partij = await rows.partij()
    metPartij = (await createBetrokkene(api, k, { wasPartij: { uuid: partij } })).uuid
    zonderPartij = (await createBetrokkene(api, k, { rol: 'vertegenwoordiger', initiator: false })).uuid
    adres = await rows.digitaalAdres({ betrokkene: metPartij, adres: 'expand@example.nl' })
    const actor = (await createActor(api, { naam: 'Expander' })).uuid
    taak = (await createInterneTaak(api, k, [actor])).uuid
    onderwerpobject = (await createOnderwerpobject(api, { klantcontact: { uuid: k } })).uuid
    bijlage = (await createBijlage(api, { wasBijlageVanKlantcontact: { uuid: k } })).uuid
  })

  it('expands every reverse list of a klantcontact into whole resources', async () => {
    const r = await api.get<Expanded>(
      `/klantcontacten/${k}?expand=hadBetrokkenen,leiddeTotInterneTaken,gingOverOnderwerpobjecten,omvatteBijlagen`,
      'ExpandKlantcontact',
    )
    expect(r.status).toBe(200)
    expect(r.body._expand).toEqual({
      hadBetrokkenen: [
        await resource(`/betrokkenen/${metPartij}`),
        await resource(`/betrokkenen/${zonderPartij}`),
      ],
      leiddeTotInterneTaken: [await resource(`/internetaken/${taak}`)],
      gingOverOnderwerpobjecten: [await resource(`/onderwerpobjecten/${onderwerpobject}`)],
      omvatteBijlagen: [await resource(`/bijlagen/${bijlage}`)],
    })
  })

  it('gives empty lists for a klantcontact without relations', async () => {
    const r = await api.get<List<Expanded>>(
      `/klantcontacten?expand=hadBetrokkenen&expand=omvatteBijlagen&pageSize=500`,
      'PaginatedExpandKlantcontactList',
    )
    const found = r.body.results.find((c) => c.uuid === bare)
    expect(found?._expand).toEqual({ hadBetrokkenen: [], omvatteBijlagen: [] })
  })

  it('expands hadBetrokkenen.digitaleAdressen and hadBetrokkenen.wasPartij one level deeper', async () => {
    const r = await api.get<Expanded>(
      `/klantcontacten/${k}?expand=hadBetrokkenen.digitaleAdressen,hadBetrokkenen.wasPartij`,
      'ExpandKlantcontact',
    )
    expect(r.status).toBe(200)
    const betrokkenen = r.body._expand['hadBetrokkenen'] as Expanded[]
    expect(betrokkenen.map((b) => b.uuid)).toEqual([metPartij, zonderPartij])
    expect(betrokkenen[0]!._expand).toEqual({
      digitaleAdressen: [await resource(`/digitaleadressen/${adres}`)],
      wasPartij: await resource(`/partijen/${partij}`),
    })
    expect(betrokkenen[1]!._expand).toEqual({ digitaleAdressen: [], wasPartij: null })
  })

  it('expands the digitale adressen of a betrokkene, in the list and in the detail', async () => {
    const detail = await api.get<Expanded>(
      `/betrokkenen/${metPartij}?expand=digitaleAdressen`,
      'ExpandBetrokkene',
    )
    expect(detail.body._expand).toEqual({ digitaleAdressen: [await resource(`/digitaleadressen/${adres}`)] })
    const list = await api.get<List<Expanded>>(
      `/betrokkenen?hadKlantcontact__uuid=${k}&expand=digitaleAdressen`,
      'PaginatedExpandBetrokkeneList',
    )
    expect(list.body.results.map((b) => (b._expand['digitaleAdressen'] as Json[]).length)).toEqual([0, 1])
  })

  it('refuses an expand the betrokkenen do not offer', async () => {
    const r = await api.get('/betrokkenen?expand=wasPartij')
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual([
      expect.objectContaining({ name: 'expand', code: 'invalid_choice' }),
    ])
  })

  it('lets a digitaal adres expand through its betrokkene to the klantcontact and its interne taken', async () => {
    const r = await api.get<Expanded>(
      `/digitaleadressen/${adres}?expand=verstrektDoorBetrokkene.hadKlantcontact.leiddeTotInterneTaken`,
      'ExpandDigitaalAdres',
    )
    expect(r.status).toBe(200)
    const betrokkene = r.body._expand['verstrektDoorBetrokkene'] as Expanded
    expect(betrokkene.uuid).toBe(metPartij)
    const klantcontact = betrokkene._expand['hadKlantcontact'] as Expanded
    expect(klantcontact.uuid).toBe(k)
    expect(klantcontact._expand).toEqual({ leiddeTotInterneTaken: [await resource(`/internetaken/${taak}`)] })
  })

  it('lets a partij expand through its betrokkenen to their klantcontact', async () => {
    const r = await api.get<Expanded>(
      `/partijen/${partij}?expand=betrokkenen.hadKlantcontact`,
      'ExpandPartij',
    )
    expect(r.status).toBe(200)
    const betrokkenen = r.body._expand['betrokkenen'] as Expanded[]
    expect(betrokkenen.map((b) => b.uuid)).toEqual([metPartij])
    expect(betrokkenen[0]!._expand).toEqual({ hadKlantcontact: await resource(`/klantcontacten/${k}`) })
  })
})
