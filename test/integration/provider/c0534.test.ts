import { beforeAll, describe, expect, it } from 'vitest'
import { createActor, kissIdentificator } from '../../support/builders'
import type { Klantcontact, List } from '../../support/klantinteracties-types'
import { useProvider } from '../../support/provider-fixture'

/**
 * VNG case C0534 "Klant belt KCC met een vraag die, na doorverbinden, direct door een collega
 * beantwoord kan worden", with the case's example values, call by call as a consumer makes them.
 */
const VRAAG =
  'Klant wil weten of een dakkapel aan de achterkant van zijn woning vergunningsvrij geplaatst mag worden.'
const ANTWOORD = 'Antwoord: een dakkapel op het achterdakvlak is onder voorwaarden vergunningsvrij.'

describe('C0534: a question answered by a colleague after a transfer', () => {
  const { api } = useProvider()
  let medewerker1: string
  let medewerker2: string
  let created: Klantcontact

  beforeAll(async () => {
    const actor = async (naam: string, email: string): Promise<string> => {
      const actoridentificator = kissIdentificator(email)
      return (await createActor(api, { naam, indicatieActief: true, actoridentificator })).uuid
    }
    medewerker1 = await actor('Medewerker KCC', 'medewerker1@gemeente.example')
    medewerker2 = await actor('Medewerker Vergunningen', 'medewerker2@gemeente.example')
  })

  it('step 1: registers the klantcontact, and the provider fills in its nummer', async () => {
    const r = await api.post<Klantcontact>(
      '/klantcontacten',
      {
        kanaal: 'Telefoon',
        onderwerp: 'Voorwaarden vergunningsvrije dakkapel',
        inhoud: VRAAG,
        taal: 'nld',
        vertrouwelijk: false,
        indicatieContactGelukt: true,
        plaatsgevondenOp: '2023-12-22T09:30:00Z',
      },
      'Klantcontact',
    )
    expect(r.status).toBe(201)
    expect(r.body.nummer).toMatch(/^\d{8,10}$/)
    expect(r.body.plaatsgevondenOp).toBe('2023-12-22T09:30:00Z')
    created = r.body
  })

  it('step 1: registers the caller as betrokkene (rol klant, initiator) and medewerker 1 as actor', async () => {
    const betrokkene = await api.post(
      '/betrokkenen',
      {
        hadKlantcontact: { uuid: created.uuid },
        rol: 'klant',
        initiator: true,
        contactnaam: { voorletters: 'J', voornaam: 'Jan', voorvoegselAchternaam: 'de', achternaam: 'Vries' },
        wasPartij: null,
      },
      'Betrokkene',
    )
    expect(betrokkene.status).toBe(201)
    expect(betrokkene.body['volledigeNaam']).toBe('Jan de Vries')

    const link = await api.post(
      '/actorklantcontacten',
      { actor: { uuid: medewerker1 }, klantcontact: { uuid: created.uuid } },
      'ActorKlantcontact',
    )
    expect(link.status).toBe(201)
  })

  it('step 3B: the colleague finds it by nummer, with the caller name in the same call', async () => {
    const r = await api.get<List<Klantcontact>>(
      `/klantcontacten?nummer=${created.nummer}&expand=hadBetrokkenen`,
      'PaginatedExpandKlantcontactList',
    )
    expect(r.status).toBe(200)
    expect(r.body.count).toBe(1)
    const found = r.body.results[0]!
    expect(found.uuid).toBe(created.uuid)
    expect(found.onderwerp).toBe('Voorwaarden vergunningsvrije dakkapel')
    expect(found.inhoud).toBe(VRAAG)
    expect(found._expand?.hadBetrokkenen).toEqual([
      expect.objectContaining({ volledigeNaam: 'Jan de Vries', rol: 'klant', initiator: true }),
    ])
  })

  it('step 3B: the answer is appended to inhoud with a PATCH of only inhoud', async () => {
    const r = await api.patch<Klantcontact>(
      `/klantcontacten/${created.uuid}`,
      { inhoud: `${VRAAG}\n${ANTWOORD}` },
      'Klantcontact',
    )
    expect(r.status).toBe(200)
    expect(r.body.inhoud).toBe(`${VRAAG}\n${ANTWOORD}`)
  })

  it('step 5: medewerker 2 is linked, and the klantcontact lists both actors and nothing else changed', async () => {
    const link = await api.post(
      '/actorklantcontacten',
      { actor: { uuid: medewerker2 }, klantcontact: { uuid: created.uuid } },
      'ActorKlantcontact',
    )
    expect(link.status).toBe(201)

    const r = await api.get<Klantcontact>(`/klantcontacten/${created.uuid}`, 'Klantcontact')
    expect(r.body.hadBetrokkenActoren.map((a) => a.uuid)).toEqual([medewerker1, medewerker2])
    expect(r.body.hadBetrokkenActoren.map((a) => a.naam)).toEqual([
      'Medewerker KCC',
      'Medewerker Vergunningen',
    ])
    const { hadBetrokkenActoren: _after, inhoud: answered, ...rest } = r.body
    const { hadBetrokkenActoren: _before, inhoud: _asked, ...before } = created
    expect(answered).toBe(`${VRAAG}\n${ANTWOORD}`)
    expect({ ...rest, hadBetrokkenen: [] }).toEqual({ ...before, hadBetrokkenen: [] })
    expect(r.body.hadBetrokkenen).toHaveLength(1)
  })

  it('refuses to link the same medewerker twice', async () => {
    const again = await api.post('/actorklantcontacten', {
      actor: { uuid: medewerker2 },
      klantcontact: { uuid: created.uuid },
    })
    expect(again.status).toBe(400)
    expect(again.body['invalidParams']).toEqual([
      {
        name: 'nonFieldErrors',
        code: 'unique',
        reason: 'De velden actor, klantcontact moeten een unieke set zijn.',
      },
    ])
  })
})
