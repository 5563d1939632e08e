import { describe, expect, it } from 'vitest'
import { EMPTY_FORM, searchQueryOf } from '../../../renderer/src/search/search-query'

describe('the search form as a query', () => {
  it('sends only the fields filled in, trimmed, with the nummer without its groups', () => {
    expect(
      searchQueryOf({ ...EMPTY_FORM, nummer: ' 26 000 001 ', onderwerp: ' paspoort ', naam: '' }),
    ).toEqual({ ok: true, query: { nummer: '26000001', onderwerp: 'paspoort' } })
  })

  it('writes dd-mm-jjjj dates as the gateway’s YYYY-MM-DD, one-digit days and other separators included', () => {
    expect(searchQueryOf({ ...EMPTY_FORM, naam: 'Bakker', van: '2-3-2026', tot: '31/03/2026' })).toEqual({
      ok: true,
      query: { naam: 'Bakker', van: '2026-03-02', tot: '2026-03-31' },
    })
  })

  it('names each field that cannot be searched on', () => {
    expect(
      searchQueryOf({
        ...EMPTY_FORM,
        nummer: '26-000',
        telefoonnummer: 'bel mij',
        van: '30-02-2026',
        tot: 'morgen',
      }),
    ).toEqual({
      ok: false,
      errors: { nummer: 'nummer', telefoonnummer: 'telefoonnummer', van: 'datum', tot: 'datum' },
    })
    expect(searchQueryOf({ ...EMPTY_FORM, onderwerp: 'x', van: '10-03-2026', tot: '01-03-2026' })).toEqual({
      ok: false,
      errors: { tot: 'periode' },
    })
  })

  it('refuses an empty search, or one on a period alone', () => {
    expect(searchQueryOf(EMPTY_FORM)).toEqual({ ok: false, errors: { form: 'leeg' } })
    expect(searchQueryOf({ ...EMPTY_FORM, van: '01-03-2026', tot: '31-03-2026' })).toEqual({
      ok: false,
      errors: { form: 'leeg' },
    })
  })
})
