import { expect, it } from 'vitest'
import {
  createActor,
  createActorKlantcontact,
  createBetrokkene,
  createBijlage,
  createInterneTaak,
  createKlantcontact,
  createOnderwerpobject,
} from '../../support/builders'
import { useProvider } from '../../support/provider-fixture'

/**
 * Deleting a klantcontact removes what hangs off it, as Open Klant's `on_delete` does
 * (models/klantcontacten.py, actoren.py, internetaken.py, digitaal_adres.py): betrokkenen,
 * actorklantcontacten, interne taken, onderwerpobjecten on either side and bijlagen go; the
 * actor and the digitale adressen a betrokkene supplied stay (the latter without betrokkene).
 */
const { api, rows } = useProvider()

const status = async (path: string): Promise<number> => (await api.get(path)).status

it('deletes a klantcontact with everything that belongs to it, keeping actor, other klantcontact and digitaal adres', async () => {
  const contact = { onderwerp: 'Cascade' }
  const { uuid: k } = await createKlantcontact(api, contact)
  const { uuid: other } = await createKlantcontact(api, contact)
  const { uuid: actor } = await createActor(api, { naam: 'Blijft' })
  const { uuid: betrokkene } = await createBetrokkene(api, k)
  const adres = await rows.digitaalAdres({ betrokkene, adres: 'blijft@example.nl' })
  const { uuid: link } = await createActorKlantcontact(api, actor, k)
  const { uuid: taak } = await createInterneTaak(api, k, [actor])
  const { uuid: about } = await createOnderwerpobject(api, { klantcontact: { uuid: k } })
  const { uuid: was } = await createOnderwerpobject(api, {
    klantcontact: { uuid: other },
    wasKlantcontact: { uuid: k },
  })
  const { uuid: bijlage } = await createBijlage(api, { wasBijlageVanKlantcontact: { uuid: k } })

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
