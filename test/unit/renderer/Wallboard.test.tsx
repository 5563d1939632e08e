import { act, cleanup, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AgentView } from '../../../shared/gateway/api'
import { INITIAL_LIVE_VIEW, type LiveView } from '../../../renderer/src/live/live-view'
import { useAppStore } from '../../../renderer/src/store'
import { screenOf } from '../../../renderer/src/wallboard/screen'
import { Wallboard } from '../../../renderer/src/wallboard/Wallboard'
import { WallboardApp } from '../../../renderer/src/wallboard/WallboardApp'
import { NOW } from '../supervisor/fixtures'
import { directory } from '../supervisor/panel-support'
import { countersToday, KCC_TODAY, queue } from '../supervisor/queue-support'
import { resetStore, violations } from '../transfer/render-panel'

function setLive(changes: Partial<LiveView>): void {
  act(() =>
    useAppStore.getState().workspace.setLive({ ...INITIAL_LIVE_VIEW, connection: 'open', ...changes }),
  )
}

/** A tile's figures by their Dutch names. */
function tile(naam: string): Record<string, string> {
  const item = screen.getByRole('listitem', { name: naam })
  const names = within(item)
    .getAllByRole('term')
    .map((dt) => dt.textContent)
  const values = within(item)
    .getAllByRole('definition')
    .map((dd) => dd.textContent)
  return Object.fromEntries(names.map((name, i) => [name, values[i] ?? '']))
}

const supervisor: AgentView = {
  login: 'supervisor',
  displayName: 'Supervisor KCC',
  email: 'supervisor@gemeente.example',
  role: 'supervisor',
  afdeling: { id: 'kcc', naam: 'KCC' },
  answerField: 'inhoud',
  monitorNotice: true,
}

beforeEach(() => {
  resetStore()
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
  useAppStore.getState().workspace.setDirectory({ status: 'ready', value: directory() })
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

describe('which screen a page shows', () => {
  it.each([
    ['#/wallboard', '', 'wallboard'],
    ['', '?view=wallboard', 'wallboard'],
    ['', '', 'workspace'],
    ['#/anders', '?view=werkplek', 'workspace'],
  ] as const)('hash %j and query %j show the %s', (hash, search, expected) => {
    expect(screenOf({ hash, search })).toBe(expected)
  })
})

describe('the wallboard', () => {
  it('shows one tile per afdeling, in the directory’s order', () => {
    setLive({})
    render(<Wallboard />)
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Wachtrijen')
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Vergunningen',
      'KCC',
    ])
  })

  it('shows the queue now and today’s figures of each afdeling', () => {
    setLive({ queues: [queue('kcc', 3, 125_000)], counters: countersToday({ kcc: KCC_TODAY }) })
    render(<Wallboard />)
    expect(tile('KCC')).toEqual({
      Wachtend: '3',
      'Langste wachttijd': '2:05',
      'Open contactverzoeken': '0',
      'Oudste contactverzoek': '–',
      Aangenomen: '17',
      Opgehangen: '3',
      'Niemand beschikbaar': '1',
      Servicelevel: '75%',
      Terugbelverzoeken: '2',
      'Zelf beantwoord': '0',
      Doorverbonden: '0',
      'Contactverzoek gemaakt': '0',
      Terugbelverzoek: '0',
      'Geen contact': '0',
    })
    expect(tile('Vergunningen')).toMatchObject({ Wachtend: '0', 'Langste wachttijd': '–', Servicelevel: '–' })
  })

  it('shows each afdeling’s open contactverzoeken and how long the oldest waits, live', () => {
    setLive({
      inboxes: [{ afdeling: 'kcc', open: 2, oldestSince: new Date(NOW - 3 * 3_600_000).toISOString() }],
    })
    render(<Wallboard />)
    expect(tile('KCC')).toMatchObject({ 'Open contactverzoeken': '2', 'Oudste contactverzoek': '3 uur' })
    expect(tile('Vergunningen')).toMatchObject({ 'Open contactverzoeken': '0', 'Oudste contactverzoek': '–' })
    setLive({ inboxes: [{ afdeling: 'kcc', open: 0 }] })
    expect(tile('KCC')).toMatchObject({ 'Open contactverzoeken': '0', 'Oudste contactverzoek': '–' })
  })

  it('marks a tile with callers waiting, and follows the queue live', () => {
    setLive({ queues: [queue('kcc', 1, 5_000)] })
    render(<Wallboard />)
    const kcc = screen.getByRole('listitem', { name: 'KCC' })
    expect(kcc.className).toContain('wallboard-tile-waiting')
    setLive({ queues: [queue('kcc', 0)] })
    expect(kcc.className).not.toContain('wallboard-tile-waiting')
    expect(tile('KCC')['Wachtend']).toBe('0')
  })

  it('warns that the figures are not current while the connection is down, and has no controls', () => {
    act(() => useAppStore.getState().workspace.setLive({ ...INITIAL_LIVE_VIEW, connection: 'connecting' }))
    const { container } = render(<Wallboard />)
    expect(screen.getByRole('alert').textContent).toBe(
      'De verbinding is verbroken: de cijfers zijn niet actueel. We proberen het opnieuw.',
    )
    expect(container.querySelectorAll('button, a, input, select').length).toBe(0)
  })

  it('has no accessibility violations', async () => {
    setLive({ queues: [queue('kcc', 3, 125_000)], counters: countersToday({ kcc: KCC_TODAY }) })
    const { container } = render(<Wallboard />)
    expect(await violations(container)).toEqual([])
  })
})

describe('the wallboard page', () => {
  it('asks for a login first', () => {
    render(
      <WallboardApp session={{ status: 'anonymous' }} onLogin={() => undefined} onLogout={() => undefined} />,
    )
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('KCC Wallboard')
    expect(screen.getByLabelText('Gebruikersnaam')).toBeDefined()
  })

  it('shows the tiles to a supervisor', () => {
    setLive({})
    render(
      <WallboardApp
        session={{ status: 'active', agent: supervisor }}
        onLogin={() => undefined}
        onLogout={() => undefined}
      />,
    )
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Wachtrijen')
  })

  it('tells an agent who is no supervisor that the wallboard is not for them, and lets them log out', () => {
    const onLogout = vi.fn()
    render(
      <WallboardApp
        session={{ status: 'active', agent: { ...supervisor, role: 'agent' } }}
        onLogin={() => undefined}
        onLogout={onLogout}
      />,
    )
    expect(screen.getByRole('alert').textContent).toContain('alleen voor supervisors')
    expect(screen.queryByRole('list', { name: 'Wachtrijen' })).toBeNull()
    act(() => screen.getByRole('button', { name: 'Uitloggen' }).click())
    expect(onLogout).toHaveBeenCalledOnce()
  })
})
