import { describe, expect, it } from 'vitest'
import { codePoints } from '../../../shared/text/code-points'
import { firstInvalid, validateDraft } from '../../../renderer/src/klantcontact/validate'
import { draftWith, RING } from './fixtures'

const valid = draftWith({ onderwerp: 'Afvalpas kwijt' })

describe('validateDraft', () => {
  it('accepts a draft with an onderwerp and the prefilled fields', () => {
    expect(validateDraft(valid, RING)).toEqual({})
  })

  it('asks for an onderwerp in Dutch, also when it is only spaces', () => {
    expect(validateDraft(draftWith({ onderwerp: '' }), RING).onderwerp).toBe('Vul een onderwerp in.')
    expect(validateDraft(draftWith({ onderwerp: '   ' }), RING).onderwerp).toBe('Vul een onderwerp in.')
  })

  it('allows exactly 200 characters of onderwerp and refuses 201', () => {
    expect(validateDraft({ ...valid, onderwerp: 'a'.repeat(200) }, RING)).toEqual({})
    expect(validateDraft({ ...valid, onderwerp: 'a'.repeat(201) }, RING).onderwerp).toBe(
      'Dit is 201 tekens lang; maximaal 200.',
    )
  })

  it('allows 1000 characters of inhoud and refuses more', () => {
    expect(validateDraft({ ...valid, inhoud: 'b'.repeat(1000) }, RING)).toEqual({})
    expect(validateDraft({ ...valid, inhoud: 'b'.repeat(1001) }, RING).inhoud).toMatch(/maximaal 1000/)
  })

  it('counts characters as the register does: an emoji is one, not two UTF-16 units', () => {
    const emoji = '😀'.repeat(200)
    expect(emoji.length).toBe(400)
    expect(codePoints(emoji)).toBe(200)
    expect(validateDraft({ ...valid, onderwerp: emoji }, RING)).toEqual({})
  })

  it('refuses a plaatsgevondenOp that is not a time, or lies in the future', () => {
    expect(validateDraft({ ...valid, plaatsgevondenOp: '' }, RING).plaatsgevondenOp).toBe(
      'Vul een geldige datum en tijd in.',
    )
    const later = new Date(RING + 10 * 60_000).toISOString()
    expect(validateDraft({ ...valid, plaatsgevondenOp: later }, RING).plaatsgevondenOp).toBe(
      'Dit tijdstip ligt in de toekomst.',
    )
  })

  it('tolerates a few minutes of clock difference', () => {
    const soon = new Date(RING + 2 * 60_000).toISOString()
    expect(validateDraft({ ...valid, plaatsgevondenOp: soon }, RING)).toEqual({})
  })

  it('refuses a name whose parts would not fit the register', () => {
    expect(validateDraft({ ...valid, naamKlant: 'J. van der Berg' }, RING)).toEqual({})
    const longSurname = validateDraft({ ...valid, naamKlant: `Jan ${'a'.repeat(201)}` }, RING)
    expect(longSurname.naamKlant).toMatch(/de achternaam .* mag maximaal 200 tekens/)
    const tooManyInitials = validateDraft({ ...valid, naamKlant: 'A.B.C.D.E.F. Jansen' }, RING)
    expect(tooManyInitials.naamKlant).toMatch(/de voorletters "A.B.C.D.E.F." mag maximaal 10 tekens/)
  })

  it('refuses an empty kanaal and a taal that is not an ISO 639-2 code', () => {
    const errors = validateDraft({ ...valid, kanaal: ' ', taal: 'nederlands' }, RING)
    expect(errors.kanaal).toBe('Kies een kanaal.')
    expect(errors.taal).toBe('Kies een taal.')
  })
})

describe('firstInvalid', () => {
  it('names the first invalid field in the order of the form', () => {
    expect(firstInvalid({ taal: 'x', inhoud: 'y', onderwerp: 'z' })).toBe('onderwerp')
    expect(firstInvalid({})).toBeUndefined()
  })
})
