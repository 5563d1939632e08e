import { describe, expect, it } from 'vitest'
import { naamSpellings } from '../../../server/gateway/register-client/search-naam'

describe('the spellings a typed naam is searched in', () => {
  it('asks for one word as typed and with a capital, and as an organisatienaam', () => {
    expect(naamSpellings(' jansen ')).toEqual({
      contactnamen: [{ achternaam: 'jansen' }, { achternaam: 'Jansen' }],
      organisatienamen: ['jansen'],
    })
  })

  it('reads the words before the last as the voorvoegsel, lower case as the app registers it', () => {
    expect(naamSpellings('Van der  Berg').contactnamen).toEqual([
      { achternaam: 'Van der Berg' },
      { achternaam: 'Berg', voorvoegselAchternaam: 'Van der' },
      { achternaam: 'Berg', voorvoegselAchternaam: 'van der' },
    ])
  })

  it('asks for an organisatienaam only whole, as typed', () => {
    expect(naamSpellings('Bakkerij De Korenbloem').organisatienamen).toEqual(['Bakkerij De Korenbloem'])
  })
})
