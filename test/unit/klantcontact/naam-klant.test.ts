import { describe, expect, it } from 'vitest'
import { splitNaamKlant, VOORVOEGSELS } from '../../../renderer/src/klantcontact/naam-klant'

describe('splitNaamKlant', () => {
  it('splits a voornaam, a voorvoegsel and an achternaam', () => {
    expect(splitNaamKlant('Jan de Vries')).toEqual({
      voornaam: 'Jan',
      voorvoegselAchternaam: 'de',
      achternaam: 'Vries',
    })
  })

  it('takes a single word as the achternaam', () => {
    expect(splitNaamKlant('Vries')).toEqual({ achternaam: 'Vries' })
  })

  it('puts initials in voorletters and prefers the longest voorvoegsel', () => {
    expect(splitNaamKlant('J. van der Berg')).toEqual({
      voorletters: 'J.',
      voorvoegselAchternaam: 'van der',
      achternaam: 'Berg',
    })
  })

  it('keeps several voornamen and a double achternaam together', () => {
    expect(splitNaamKlant('Anna Maria van den Heuvel-de Groot')).toEqual({
      voornaam: 'Anna Maria',
      voorvoegselAchternaam: 'van den',
      achternaam: 'Heuvel-de Groot',
    })
  })

  it('joins spaced initials into one voorletters', () => {
    expect(splitNaamKlant('J. P. Balkenende')).toEqual({ voorletters: 'J.P.', achternaam: 'Balkenende' })
    expect(splitNaamKlant('J.P. Balkenende')).toEqual({ voorletters: 'J.P.', achternaam: 'Balkenende' })
    expect(splitNaamKlant('Th. Thorbecke')).toEqual({ voorletters: 'Th.', achternaam: 'Thorbecke' })
  })

  it('takes the last word as the achternaam when there is no voorvoegsel', () => {
    expect(splitNaamKlant('Anna Maria Jansen')).toEqual({ voornaam: 'Anna Maria', achternaam: 'Jansen' })
  })

  it('understands a voorvoegsel without a voornaam, keeping the capital as typed', () => {
    expect(splitNaamKlant('De Vries')).toEqual({ voorvoegselAchternaam: 'De', achternaam: 'Vries' })
    expect(splitNaamKlant('van Dijk')).toEqual({ voorvoegselAchternaam: 'van', achternaam: 'Dijk' })
  })

  it('recognises voorvoegsels with an apostrophe, either way it is typed', () => {
    expect(splitNaamKlant("Kees in 't Veld")).toEqual({
      voornaam: 'Kees',
      voorvoegselAchternaam: "in 't",
      achternaam: 'Veld',
    })
    expect(splitNaamKlant('Kees van ’t Hof')).toEqual({
      voornaam: 'Kees',
      voorvoegselAchternaam: 'van ’t',
      achternaam: 'Hof',
    })
  })

  it('handles te, ten, ter and op de', () => {
    expect(splitNaamKlant('Els ter Horst').voorvoegselAchternaam).toBe('ter')
    expect(splitNaamKlant('Els ten Cate').voorvoegselAchternaam).toBe('ten')
    expect(splitNaamKlant('Els te Riele').voorvoegselAchternaam).toBe('te')
    expect(splitNaamKlant('Els op de Beek')).toEqual({
      voornaam: 'Els',
      voorvoegselAchternaam: 'op de',
      achternaam: 'Beek',
    })
  })

  it('keeps a hyphenated second surname with its voorvoegsel after a plain surname', () => {
    expect(splitNaamKlant('Jan Smit-van Dam')).toEqual({ voornaam: 'Jan', achternaam: 'Smit-van Dam' })
    expect(splitNaamKlant('Heuvel-de Groot')).toEqual({ achternaam: 'Heuvel-de Groot' })
  })

  it('does not take a voorvoegsel at the very end as one', () => {
    expect(splitNaamKlant('Jan de')).toEqual({ voornaam: 'Jan', achternaam: 'de' })
  })

  it('reads the surname-first order with a comma', () => {
    expect(splitNaamKlant('Vries, Jan de')).toEqual({
      voornaam: 'Jan',
      voorvoegselAchternaam: 'de',
      achternaam: 'Vries',
    })
    expect(splitNaamKlant('Van der Berg, J.')).toEqual({
      voorletters: 'J.',
      voorvoegselAchternaam: 'Van der',
      achternaam: 'Berg',
    })
    expect(splitNaamKlant('Jansen, Piet')).toEqual({ voornaam: 'Piet', achternaam: 'Jansen' })
  })

  it('ignores extra white space and gives nothing for an empty name', () => {
    expect(splitNaamKlant('  Jan   de  Vries ')).toEqual({
      voornaam: 'Jan',
      voorvoegselAchternaam: 'de',
      achternaam: 'Vries',
    })
    expect(splitNaamKlant('   ')).toEqual({})
  })

  it('keeps only initials when nothing else was typed', () => {
    expect(splitNaamKlant('J.')).toEqual({ voorletters: 'J.' })
  })

  it('knows only voorvoegsels that fit the register (10 characters)', () => {
    for (const voorvoegsel of VOORVOEGSELS) {
      expect(voorvoegsel.length).toBeLessThanOrEqual(10)
    }
  })
})
