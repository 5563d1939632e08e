import { describe, expect, it } from 'vitest'
import { toRegisterInput } from '../../../renderer/src/klantcontact/to-register-input'
import { draftWith } from './fixtures'

describe('toRegisterInput', () => {
  it('sends the prefilled fields of a call without a name, with an empty contactnaam so the klant is a betrokkene', () => {
    expect(toRegisterInput(draftWith({ onderwerp: 'Afvalpas kwijt' }))).toEqual({
      kanaal: 'Telefoon',
      onderwerp: 'Afvalpas kwijt',
      taal: 'nld',
      vertrouwelijk: false,
      indicatieContactGelukt: true,
      plaatsgevondenOp: '2026-03-02T09:15:00.000Z',
      contactnaam: {},
      telefoonnummer: '0612345678',
    })
  })

  it('sends the typed name as a contactnaam, and trims onderwerp and inhoud', () => {
    const input = toRegisterInput(
      draftWith({ naamKlant: 'Jan de Vries', onderwerp: '  Paspoort ', inhoud: ' Verlopen.\n' }),
    )
    expect(input.contactnaam).toEqual({ voornaam: 'Jan', voorvoegselAchternaam: 'de', achternaam: 'Vries' })
    expect(input.onderwerp).toBe('Paspoort')
    expect(input.inhoud).toBe('Verlopen.')
    expect(input.partijUuid).toBeUndefined()
  })

  it('sends a partijUuid only when the agent accepted the suggestion', () => {
    const suggestion = { uuid: '5e0f8a51-59b5-4f1a-a9a1-6d1f64f4c0a1', naam: 'Jan de Vries' }
    expect(toRegisterInput(draftWith({ onderwerp: 'x', suggestion })).partijUuid).toBeUndefined()
    expect(
      toRegisterInput(draftWith({ onderwerp: 'x', suggestion, partijUuid: suggestion.uuid })).partijUuid,
    ).toBe(suggestion.uuid)
  })

  it('normalises plaatsgevondenOp to UTC', () => {
    const input = toRegisterInput(
      draftWith({ onderwerp: 'x', plaatsgevondenOp: '2026-03-02T10:15:00+01:00' }),
    )
    expect(input.plaatsgevondenOp).toBe('2026-03-02T09:15:00.000Z')
  })
})
