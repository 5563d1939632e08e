import { afterAll, beforeAll, expect, it } from 'vitest'
import { startProvider, type TestProvider } from '../../support/provider'
import { ProviderClient } from '../../support/provider-client'
import { directRows, type DirectRows } from './direct-rows'

/**
 * Deleting a klantcontact removes what hangs off it, as Open Klant's `on_delete` does
 * (models/klantcontacten.py, actoren.py, internetaken.py, digitaal_adres.py): betrokkenen,
 * actorklantcontacten, interne taken, onderwerpobjecten on either side and bijlagen go; the
 * actor and the digitale adressen a betrokkene supplied stay (the latter without betrokkene).
 */
let provider: TestProvider
let api: ProviderClient
let rows: DirectRows

beforeAll(async () => {
  provider = await startProvider()
  api = new ProviderClient(provider.app)
  rows = directRows(provider)
})
afterAll(async () => {
  await rows.close()
  await provider.close()
})

const created = async (path: string, body: Record<string, unknown>): Promise<string> => {
  const r = await api.post(path, body)
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  return String(r.body['uuid'])
}
const status = async (path: string): Promise<number> => (await api.get(path)).status

it('deletes a klantcontact with everything that belongs to it, keeping actor, other klantcontact and digitaal adres', async () => {
  const contact = { kanaal: 'Telefoon', onderwerp: 'Cascade', taal: 'nld', vertrouwelijk: false }
  const k = await created('/klantcontacten', contact)
  const other = await created('/klantcontacten', contact)
  const actor = await created('/actoren', { naam: 'Blijft', soortActor: 'medewerker' })
  const betrokkene = await created('/betrokkenen', {
    hadKlantcontact: { uuid: k },
    rol: 'klant',
    initiator: true,
  })
  const adres = await rows.digitaalAdres({ betrokkene, adres: 'blijft@example.nl' })
  const link = await created('/actorklantcontacten', { actor: { uuid: actor }, klantcontact: { uuid: k } })
  const taak = await created('/internetaken', {
    gevraagdeHandeling: 'Terugbellen',
    aanleidinggevendKlantcontact: { uuid: k },
    toegewezenAanActoren: [{ uuid: actor }],
    status: 'te_verwerken',
  })
  const about = await created('/onderwerpobjecten', { klantcontact: { uuid: k } })
  const was = await created('/onderwerpobjecten', {
    klantcontact: { uuid: other },
    wasKlantcontact: { uuid: k },
  })
  const bijlage = await created('/bijlagen', { wasBijlageVanKlantcontact: { uuid: k } })

  expect((await api.delete(`/klantcontacten/${k}`)).status).toBe(204)

  expect(await status(`/klantcontacten/${k}`)).toBe(404)
  expect(await status(`/betrokkenen/${betrokkene}`)).toBe(404)
  expect(await status(`/actorklantcontacten/${link}`)).toBe(404)
  expect(await status(`/internetaken/${taak}`)).toBe(404)
  expect(await status(`/onderwerpobjecten/${about}`)).toBe(404)
  expect(await status(`/onderwerpobjecten/${was}`)).toBe(404)
  expect(await status(`/bijlagen/${bijlage}`)).toBe(404)

  expect(await status(`/actoren/${actor}`)).toBe(200)
  expect(await status(`/klantcontacten/${other}`)).toBe(200)
  const digitaalAdres = await api.get(`/digitaleadressen/${adres}`, 'ExpandDigitaalAdres')
  expect(digitaalAdres.status).toBe(200)
  expect(digitaalAdres.body['verstrektDoorBetrokkene']).toBeNull()
  expect(await rows.digitaalAdresBetrokkene(adres)).toBeNull()
})
