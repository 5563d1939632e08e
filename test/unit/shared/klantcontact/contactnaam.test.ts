import { describe, expect, it } from 'vitest'
import { naamAlsGetypt } from '../../../../shared/klantcontact/contactnaam'

describe('naamAlsGetypt', () => {
  it('keeps the voorletters the register leaves out of volledigeNaam', () => {
    expect(naamAlsGetypt({ voorletters: 'P.', achternaam: 'Jansen' })).toBe('P. Jansen')
  })

  it('puts the parts in the order they are written: voorletters, voornaam, voorvoegsel, achternaam', () => {
    expect(
      naamAlsGetypt({
        voorletters: 'J.P.',
        voornaam: 'Jan',
        voorvoegselAchternaam: 'de',
        achternaam: 'Vries',
      }),
    ).toBe('J.P. Jan de Vries')
    expect(naamAlsGetypt({ voorvoegselAchternaam: 'van der', achternaam: 'Berg' })).toBe('van der Berg')
  })

  it('skips empty and null parts, and has no name when nothing has text', () => {
    expect(naamAlsGetypt({ voorletters: '', voornaam: null, achternaam: ' Bakker ' })).toBe('Bakker')
    expect(naamAlsGetypt({ voorletters: ' ', achternaam: null })).toBeUndefined()
    expect(naamAlsGetypt(null)).toBeUndefined()
    expect(naamAlsGetypt(undefined)).toBeUndefined()
  })
})
