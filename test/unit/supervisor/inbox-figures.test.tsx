import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { InboxStatus } from '../../../shared/live/inbox'
import { INITIAL_LIVE_VIEW } from '../../../renderer/src/live/live-view'
import { queueFigures } from '../../../renderer/src/supervisor/queue-figures'
import { ago, NOW } from './fixtures'
import { directory, renderPanel, setLive, usePanelTestSetup } from './panel-support'

usePanelTestSetup()

const inbox = (afdeling: string, open: number, oldestMs?: number): InboxStatus => ({
  afdeling,
  open,
  ...(oldestMs !== undefined ? { oldestSince: ago(oldestMs) } : {}),
})

/** An afdeling's cell in a row of the queue table. */
function cell(figure: string, naam: string): string {
  const table = screen.getByRole('table', { name: 'Wachtrij' })
  const column = within(table)
    .getAllByRole('columnheader')
    .findIndex((th) => th.textContent === naam)
  const row = within(table).getByRole('rowheader', { name: figure }).closest('tr')!
  return within(row).getAllByRole('cell')[column]?.textContent ?? ''
}

describe('the open contactverzoeken per afdeling, from the live inboxes', () => {
  it('counts each afdeling’s open ones and how long the oldest waits', () => {
    const figures = queueFigures(
      directory(),
      { ...INITIAL_LIVE_VIEW, inboxes: [inbox('kcc', 4, 3 * 3_600_000), inbox('vergunningen', 0)] },
      NOW,
    )
    expect(figures.map((f) => [f.id, f.inboxOpen, f.oldestInboxMs])).toEqual([
      ['vergunningen', 0, undefined],
      ['kcc', 4, 3 * 3_600_000],
    ])
  })

  it('names an afdeling the directory does not know yet by its id, and never counts a negative age', () => {
    const figures = queueFigures(
      directory(),
      { ...INITIAL_LIVE_VIEW, inboxes: [inbox('burgerzaken', 1, -5_000)] },
      NOW,
    )
    expect(figures.find((f) => f.id === 'burgerzaken')).toMatchObject({
      naam: 'burgerzaken',
      inboxOpen: 1,
      oldestInboxMs: 0,
    })
  })

  it('shows them in the Teamoverzicht in Dutch, the oldest as minutes, hours or days', () => {
    renderPanel({ inboxes: [inbox('kcc', 3, 25 * 60_000), inbox('vergunningen', 1, 2 * 86_400_000)] })
    expect(cell('Open contactverzoeken', 'KCC')).toBe('3')
    expect(cell('Oudste contactverzoek', 'KCC')).toBe('25 min')
    expect(cell('Oudste contactverzoek', 'Vergunningen')).toBe('2 dagen')
    expect(document.getElementById('inbox-uitleg')?.textContent).toContain(
      'terugbelverzoeken uit de wachtrij',
    )
  })

  it('follows a changed inbox at once, and shows a dash when none is open', () => {
    renderPanel({ inboxes: [inbox('kcc', 1, 90 * 60_000)] })
    expect(cell('Oudste contactverzoek', 'KCC')).toBe('1 uur')
    setLive({ inboxes: [inbox('kcc', 0)] })
    expect(cell('Open contactverzoeken', 'KCC')).toBe('0')
    expect(cell('Oudste contactverzoek', 'KCC')).toBe('–')
  })
})
