import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { violations } from '../transfer/render-panel'
import { NOW } from './fixtures'
import { renderPanel, setLive, usePanelTestSetup } from './panel-support'
import { countersToday, KCC_TODAY, queue } from './queue-support'

usePanelTestSetup()

const FIGURES = [
  'Wachtend',
  'Langste wachttijd',
  'Aangenomen',
  'Opgehangen',
  'Niemand beschikbaar',
  'Servicelevel',
  'Terugbelverzoeken',
  'Open contactverzoeken',
  'Oudste contactverzoek',
]

/** An afdeling's figures in the queue table, top to bottom: its column. */
function queueRow(naam: string): string[] {
  const table = screen.getByRole('table', { name: 'Wachtrij' })
  const column = within(table)
    .getAllByRole('columnheader')
    .findIndex((th) => th.textContent === naam)
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[column]?.textContent ?? '')
}

describe('SupervisorPanel, the queues', () => {
  it('shows a column per afdeling, in the directory’s order, and a row per figure in Dutch', () => {
    renderPanel()
    const table = screen.getByRole('table', { name: 'Wachtrij' })
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Vergunningen', 'KCC'])
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((th) => th.textContent),
    ).toEqual(FIGURES)
  })

  it('shows nobody waiting and no figures yet before the first caller', () => {
    renderPanel()
    expect(queueRow('KCC')).toEqual(['0', '–', '0', '0', '0', '–', '0', '0', '–'])
  })

  it('shows who waits now, the longest wait, and today’s answered, abandoned, service level and terugbelverzoeken', () => {
    renderPanel({
      queues: [queue('kcc', 3, 95_000), queue('vergunningen', 0)],
      counters: countersToday({ kcc: KCC_TODAY }),
    })
    // 15 of the 20 callers dealt with (17 answered + 3 lost) were answered in time: 75%.
    expect(queueRow('KCC')).toEqual(['3', '1:35', '17', '3', '1', '75%', '2', '0', '–'])
    expect(queueRow('Vergunningen')).toEqual(['0', '–', '0', '0', '0', '–', '0', '0', '–'])
  })

  it('counts the longest wait up as time passes', async () => {
    renderPanel({ queues: [queue('kcc', 1, 5_000)] })
    expect(queueRow('KCC')[1]).toBe('0:05')
    vi.setSystemTime(NOW + 3_000)
    // The panel's clock ticks every second (lib/use-now.ts).
    await waitFor(() => expect(queueRow('KCC')[1]).toBe('0:08'), { timeout: 5_000 })
  })

  it('follows a changed queue at once', () => {
    renderPanel({ queues: [queue('kcc', 1, 5_000)] })
    setLive({ queues: [queue('kcc', 0)] })
    expect(queueRow('KCC').slice(0, 2)).toEqual(['0', '–'])
  })

  it('shows counters of an earlier day as zeros', () => {
    renderPanel({ counters: { ...countersToday({ kcc: KCC_TODAY }), day: '2026-12-03' } })
    expect(queueRow('KCC')).toEqual(['0', '–', '0', '0', '0', '–', '0', '0', '–'])
  })

  it('explains what Opgehangen and Servicelevel count, and has no accessibility violations', async () => {
    const { container } = renderPanel({
      queues: [queue('kcc', 2, 40_000)],
      counters: countersToday({ kcc: KCC_TODAY }),
    })
    const table = screen.getByRole('table', { name: 'Wachtrij' })
    expect(table.getAttribute('aria-describedby')).toBe('queue-uitleg inbox-uitleg')
    expect(document.getElementById('queue-uitleg')?.textContent).toContain('niemand beschikbaar')
    expect(await violations(container)).toEqual([])
  })
})
