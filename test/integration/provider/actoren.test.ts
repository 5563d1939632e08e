import { describe, expect, it } from 'vitest'
import { kissIdentificator } from '../../support/builders'
import type { Actor } from '../../support/klantinteracties-types'
import { useProvider } from '../../support/provider-fixture'

describe('actoren', () => {
  const { api } = useProvider()

  it('creates a medewerker with its actorIdentificatie and finds it by actoridentificator', async () => {
    const created = await api.post<Actor>(
      '/actoren',
      {
        naam: 'Fatima Yilmaz',
        soortActor: 'medewerker',
        actoridentificator: kissIdentificator('f.yilmaz@gemeente.example'),
        actorIdentificatie: {
          functie: 'KCC-medewerker',
          emailadres: 'f.yilmaz@gemeente.example',
          telefoonnummer: '0201234567',
        },
      },
      'Actor',
    )
    expect(created.status).toBe(201)
    expect(created.body.indicatieActief).toBe(true)
    const found = await api.get<{ count: number; results: Actor[] }>(
      '/actoren?actoridentificatorObjectId=f.yilmaz@gemeente.example',
      'PaginatedActorList',
    )
    expect(found.body.count).toBe(1)
    expect(found.body.results[0]?.actorIdentificatie).toEqual({
      functie: 'KCC-medewerker',
      emailadres: 'f.yilmaz@gemeente.example',
      telefoonnummer: '0201234567',
    })
  })

  it('requires the medewerker subtype fields when actorIdentificatie is given', async () => {
    const r = await api.post('/actoren', {
      naam: 'Zonder functie',
      soortActor: 'medewerker',
      actorIdentificatie: { emailadres: 'x@gemeente.example' },
    })
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'actorIdentificatie.functie', code: 'required' }),
      ]),
    )
  })

  it('rejects an unknown soortActor', async () => {
    const r = await api.post('/actoren', { naam: 'Robot', soortActor: 'robot' })
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual([
      expect.objectContaining({ name: 'soortActor', code: 'invalid_choice' }),
    ])
  })

  it('serialises an absent actoridentificator as a group of empty strings', async () => {
    const r = await api.post<Actor>(
      '/actoren',
      { naam: 'Afdeling Vergunningen', soortActor: 'organisatorische_eenheid' },
      'Actor',
    )
    expect(r.body.actoridentificator).toEqual({
      objectId: '',
      codeObjecttype: '',
      codeRegister: '',
      codeSoortObjectId: '',
    })
  })

  it('replaces the whole actoridentificator on PATCH', async () => {
    const a = await api.post<Actor>(
      '/actoren',
      {
        naam: 'Piet',
        soortActor: 'medewerker',
        actoridentificator: kissIdentificator('piet@gemeente.example'),
      },
      'Actor',
    )
    const r = await api.patch<Actor>(
      `/actoren/${a.body.uuid}`,
      { actoridentificator: { objectId: 'piet2' } },
      'Actor',
    )
    expect(r.body.actoridentificator).toEqual({
      objectId: 'piet2',
      codeObjecttype: '',
      codeRegister: '',
      codeSoortObjectId: '',
    })
  })

  it('filters on naam, soortActor and indicatieActief', async () => {
    await api.post(
      '/actoren',
      { naam: 'Inactieve Ineke', soortActor: 'medewerker', indicatieActief: false },
      'Actor',
    )
    const r = await api.get<{ results: Actor[] }>(
      '/actoren?naam=ineke&soortActor=medewerker&indicatieActief=false',
      'PaginatedActorList',
    )
    expect(r.body.results.map((a) => a.naam)).toEqual(['Inactieve Ineke'])
  })
})
