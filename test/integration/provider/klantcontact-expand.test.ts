import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startProvider, type TestProvider } from '../../support/provider'
import { ProviderClient } from '../../support/provider-client'
import { directRows, type DirectRows } from './direct-rows'

/**
 * `expand` through the klantcontact-side resources (OAS `ExpandKlantcontact`, `ExpandBetrokkene`;
 * Open Klant `KlantcontactSerializer.inclusion_serializers`): one level to every reverse list, two
 * levels through the betrokkenen, and the betrokkene relations that other resources' dotted paths
 * pass through (`verstrektDoorBetrokkene.hadKlantcontact`, `betrokkenen.hadKlantcontact`).
 */
type Json = Record<string, unknown>
type Expanded = Json & { uuid: string; _expand: Record<string, unknown> }
interface List<T> {
  count: number
  results: T[]
}

describe('expand over klantcontacten and betrokkenen', () => {
  let provider: TestProvider
  let api: ProviderClient
  let rows: DirectRows
  let k: string
  let bare: string
  let partij: string
  let metPartij: string
  let zonderPartij: string
  let adres: string
  let taak: string
  let onderwerpobject: string
  let bijlage: string

  const created = async (path: string, body: Json): Promise<string> => {
    const r = await api.post(path, body)
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    return String(r.body['uuid'])
  }
  const resource = async (path: string): Promise<Json> => (await api.get(path)).body

  beforeAll(async () => {
    provider = await startProvider()
    api = new ProviderClient(provider.app)
    rows = directRows(provider)
    const contact = { kanaal: 'Telefoon', onderwerp: 'Expand', taal: 'nld', vertrouwelijk: false }
    k = await created('/klantcontacten', contact)
    bare = await created('/klantcontacten', contact)
    partij = await rows.partij()
    metPartij = await created('/betrokkenen', {
      hadKlantcontact: { uuid: k },
      wasPartij: { uuid: partij },
      rol: 'klant',
      initiator: true,
    })
    zonderPartij = await created('/betrokkenen', {
      hadKlantcontact: { uuid: k },
      rol: 'vertegenwoordiger',
      initiator: false,
    })
    adres = await rows.digitaalAdres({ betrokkene: metPartij, adres: 'expand@example.nl' })
    const actor = await created('/actoren', { naam: 'Expander', soortActor: 'medewerker' })
    taak = await created('/internetaken', {
      gevraagdeHandeling: 'Terugbellen',
      aanleidinggevendKlantcontact: { uuid: k },
      toegewezenAanActoren: [{ uuid: actor }],
      status: 'te_verwerken',
    })
    onderwerpobject = await created('/onderwerpobjecten', { klantcontact: { uuid: k } })
    bijlage = await created('/bijlagen', { wasBijlageVanKlantcontact: { uuid: k } })
  })
  afterAll(async () => {
    await rows.close()
    await provider.close()
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
