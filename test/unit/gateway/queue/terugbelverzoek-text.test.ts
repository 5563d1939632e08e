import { describe, expect, it } from 'vitest'
import { terugbelverzoekInhoud, wachttijd } from '../../../../server/gateway/queue/terugbelverzoek-text'

describe('the text of a terugbelverzoek', () => {
  it('says the wait in seconds below a minute and in minutes and seconds above', () => {
    expect(wachttijd(42_400)).toBe('42 seconden')
    expect(wachttijd(120_000)).toBe('2 min')
    expect(wachttijd(135_000)).toBe('2 min 15 s')
  })

  it('names the afdeling, the caller’s number, the wait and why, and a withheld number as such', () => {
    expect(
      terugbelverzoekInhoud({
        callerNumber: '0612345678',
        afdelingNaam: 'KCC',
        waitedMs: 135_000,
        reason: 'timeout',
      }),
    ).toBe(
      'Terugbelverzoek voor KCC. Telefoonnummer van de beller: 0612345678. Wachttijd in de wachtrij: 2 min 15 s. De maximale wachttijd was bereikt.',
    )
    expect(
      terugbelverzoekInhoud({ callerNumber: '', afdelingNaam: 'KCC', waitedMs: 40_000, reason: 'abandoned' }),
    ).toContain('Telefoonnummer van de beller: onbekend (nummer afgeschermd).')
    expect(
      terugbelverzoekInhoud({
        callerNumber: 'Anonymous',
        afdelingNaam: 'KCC',
        waitedMs: 0,
        reason: 'no_agent',
      }),
    ).toContain('onbekend (nummer afgeschermd)')
  })
})
