import { cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { ZERO_COUNTERS, type AfdelingCounters } from '../../../shared/live/counters'
import { afhandelingFigures } from '../../../renderer/src/supervisor/afhandeling-figures'
import { TodayTable } from '../../../renderer/src/supervisor/TodayTable'
import type { TeamCounters } from '../../../renderer/src/supervisor/team-view'

afterEach(cleanup)

const team = (id: string, naam: string, counters: Partial<AfdelingCounters>): TeamCounters => ({
  id,
  naam,
  answered: 0,
  abandoned: 0,
  averageHandlingMs: undefined,
  transfers: 0,
  contactverzoeken: 0,
  afhandelingen: afhandelingFigures({ ...ZERO_COUNTERS, ...counters }),
})

describe("the afhandelingen in the supervisor's figures", () => {
  it('reads each afhandeling from its counter', () => {
    expect(
      afhandelingFigures({ ...ZERO_COUNTERS, afgehandeldZelfBeantwoord: 4, afgehandeldGeenContact: 1 }),
    ).toEqual({
      zelf_beantwoord: 4,
      doorverbonden: 0,
      contactverzoek: 0,
      terugbelverzoek: 0,
      geen_contact: 1,
    })
  })

  it('reads counters from a gateway that does not count afhandelingen, or none yet, as zeros', () => {
    const zeros = {
      zelf_beantwoord: 0,
      doorverbonden: 0,
      contactverzoek: 0,
      terugbelverzoek: 0,
      geen_contact: 0,
    }
    expect(afhandelingFigures(undefined)).toEqual(zeros)
    expect(afhandelingFigures({ answered: 3 })).toEqual(zeros)
  })

  it('shows a row per afhandeling in Dutch under Vandaag, one column per afdeling', () => {
    const { container } = render(
      <TodayTable
        today={[
          team('kcc', 'KCC', { afgehandeldZelfBeantwoord: 5, afgehandeldDoorverbonden: 2 }),
          team('vergunningen', 'Vergunningen', {
            afgehandeldContactverzoek: 1,
            afgehandeldTerugbelverzoek: 3,
          }),
        ]}
      />,
    )
    const rows = [...container.querySelectorAll('tr[data-figure^="afhandeling-"]')].map((row) => [
      row.querySelector('th')?.textContent,
      ...[...row.querySelectorAll('td')].map((cell) => `${cell.dataset['afdeling']}=${cell.textContent}`),
    ])
    expect(rows).toEqual([
      ['Afgehandeld: Zelf beantwoord', 'kcc=5', 'vergunningen=0'],
      ['Afgehandeld: Doorverbonden', 'kcc=2', 'vergunningen=0'],
      ['Afgehandeld: Contactverzoek gemaakt', 'kcc=0', 'vergunningen=1'],
      ['Afgehandeld: Terugbelverzoek', 'kcc=0', 'vergunningen=3'],
      ['Afgehandeld: Geen contact', 'kcc=0', 'vergunningen=0'],
    ])
  })
})
