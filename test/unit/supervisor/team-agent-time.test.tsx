import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { INITIAL_LIVE_VIEW } from '../../../renderer/src/live/live-view'
import { teamView } from '../../../renderer/src/supervisor/team-view'
import { violations } from '../transfer/render-panel'
import { NOW } from './fixtures'
import { directory, renderPanel, status, usePanelTestSetup } from './panel-support'

usePanelTestSetup()

const inSeconds = (s: number): string => new Date(NOW + s * 1_000).toISOString()
const detailOf = (naam: string): string | null => {
  const row = screen.getByRole('rowheader', { name: naam }).closest('tr')!
  return within(row).getAllByRole('cell')[0]!.querySelector('.team-state-detail')?.textContent ?? null
}

describe('the pauze reason and the nawerk time left on the Teamoverzicht', () => {
  it('shows the reason beside Pauze, and the time left beside Nawerk by the gateway’s clock', () => {
    renderPanel({
      agents: [
        { ...status('m-anna', 'pauze', 60_000), pauzeReden: 'Overleg' },
        { ...status('m-bram', 'nawerk', 15_000), nawerkTot: inSeconds(45) },
        status('m-chloe', 'pauze', 5_000),
        status('m-daan', 'nawerk', 5_000),
      ],
    })
    expect(detailOf('Anna de Wit')).toBe('Overleg')
    expect(detailOf('Bram Jansen')).toBe('nog 0:45')
    // A pauze without a reason (an older app), nawerk without a limit: the state alone.
    expect(detailOf('Chloë Özdemir')).toBeNull()
    expect(detailOf('Daan Smit')).toBeNull()
  })

  it('counts the time left down to 0:00, never below', () => {
    const view = (nawerkTot: string, now: number) =>
      teamView(
        directory(),
        { ...INITIAL_LIVE_VIEW, agents: [{ ...status('m-bram', 'nawerk', 0), nawerkTot }] },
        now,
      )
        .afdelingen.flatMap((a) => a.members)
        .find((m) => m.login === 'm-bram')
    expect(view(inSeconds(45), NOW)?.nawerkLeftMs).toBe(45_000)
    expect(view(inSeconds(45), NOW + 50_000)?.nawerkLeftMs).toBe(0)
  })

  it('keeps neither once the agent is in another state', () => {
    const member = teamView(
      directory(),
      {
        ...INITIAL_LIVE_VIEW,
        agents: [{ ...status('m-bram', 'beschikbaar', 0), pauzeReden: 'Lunch', nawerkTot: inSeconds(30) }],
      },
      NOW,
    )
      .afdelingen.flatMap((a) => a.members)
      .find((m) => m.login === 'm-bram')
    expect(member).not.toHaveProperty('pauzeReden')
    expect(member).not.toHaveProperty('nawerkLeftMs')
  })

  it('has no axe violations with a reason and a countdown', async () => {
    const { container } = renderPanel({
      agents: [
        { ...status('m-anna', 'pauze', 60_000), pauzeReden: 'Lunch' },
        { ...status('m-bram', 'nawerk', 15_000), nawerkTot: inSeconds(45) },
      ],
    })
    expect(await violations(container)).toEqual([])
  })
})
