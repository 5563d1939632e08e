import { act, cleanup, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, vi } from 'vitest'
import type { DirectoryView } from '../../../shared/gateway/api'
import type { AgentStatus, LiveCall, TransferOffer } from '../../../shared/live/protocol'
import { INITIAL_LIVE_VIEW, type LiveView } from '../../../renderer/src/live/live-view'
import { gatewayClock } from '../../../renderer/src/live/gateway-clock'
import { useAppStore } from '../../../renderer/src/store'
import { SupervisorPanel } from '../../../renderer/src/supervisor'
import type { Loadable } from '../../../renderer/src/workspace/workspace-slice'
import { resetStore } from '../transfer/render-panel'
import { ago, liveCall, NOW, transferOffer } from './fixtures'

/** The team of the SupervisorPanel tests, and how they put it on screen. */
export function medewerker(
  login: string,
  displayName: string,
  afdeling: string,
): DirectoryView['medewerkers'][number] {
  return { login, displayName, afdeling, extension: '2000', sipAddress: `sip:${login}@kcc.local`, state: 'x' }
}

export function directory(): DirectoryView {
  return {
    afdelingen: [
      { id: 'vergunningen', naam: 'Vergunningen', groupAddress: '3200', leden: [] },
      { id: 'kcc', naam: 'KCC', groupAddress: '3100', leden: [] },
    ],
    medewerkers: [
      medewerker('m-anna', 'Anna de Wit', 'kcc'),
      medewerker('m-bram', 'Bram Jansen', 'kcc'),
      medewerker('m-chloe', 'Chloë Özdemir', 'kcc'),
      medewerker('m-daan', 'Daan Smit', 'kcc'),
      medewerker('m-eva', 'Eva Mulder', 'vergunningen'),
    ],
  }
}

export const status = (login: string, state: AgentStatus['state'], sinceMs: number): AgentStatus => ({
  login,
  afdeling: 'kcc',
  state,
  since: ago(sinceMs),
})

/** Chloë's call: rang 15 s, answered 1:30 ago (by the gateway's clock, as every time on the feed). */
export function call(changes: Partial<LiveCall> = {}): LiveCall {
  return liveCall('m-chloe', {
    startedAt: ago(105_000),
    answeredAt: ago(90_000),
    updatedAt: ago(90_000),
    ...changes,
  })
}

export function transfer(changes: Partial<TransferOffer> = {}): TransferOffer {
  return transferOffer('m-chloe', {
    klantcontactnummer: '26000002',
    to: { kind: 'afdeling', afdeling: 'vergunningen' },
    offeredAt: ago(65_000),
    ...changes,
  })
}

export function setLive(changes: Partial<LiveView> = {}): void {
  act(() =>
    useAppStore.getState().workspace.setLive({ ...INITIAL_LIVE_VIEW, connection: 'open', ...changes }),
  )
}

export function renderPanel(
  live: Partial<LiveView> = {},
  loaded: Loadable<DirectoryView> = { status: 'ready', value: directory() },
) {
  useAppStore.getState().workspace.setDirectory(loaded)
  setLive(live)
  return render(<SupervisorPanel />)
}

/** The texts of an agent's row after the name: state, since (empty when unknown), call. */
export function rowOf(naam: string): string[] {
  const row = screen.getByRole('rowheader', { name: naam }).closest('tr')
  if (row === null) {
    throw new Error(`no row for ${naam}`)
  }
  const [state, call] = within(row).getAllByRole('cell')
  return [
    state?.querySelector('.team-state')?.textContent ?? '',
    state?.querySelector('.team-since')?.textContent ?? '',
    call?.textContent ?? '',
  ]
}

/** Each test starts from a fresh store, with the clock standing still at NOW. */
export function usePanelTestSetup(): void {
  beforeEach(() => {
    resetStore()
    // Only Date: axe and React keep their real timers.
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(NOW)
  })
  afterEach(() => {
    cleanup()
    vi.useRealTimers()
    gatewayClock.reset()
  })
}
