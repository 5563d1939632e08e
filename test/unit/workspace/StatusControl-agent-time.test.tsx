import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AgentView } from '../../../shared/gateway/api'
import type { AgentStatus } from '../../../shared/live/protocol'
import { gatewayClock } from '../../../renderer/src/live/gateway-clock'
import { useAppStore } from '../../../renderer/src/store'
import type { Availability } from '../../../renderer/src/workspace/agent-state'
import { StatusControl } from '../../../renderer/src/workspace/StatusControl'
import { liveAgents, resetStore, violations } from '../transfer/render-panel'

const NOW = Date.parse('2026-12-07T10:00:00.000Z')

function agent(changes: Partial<AgentView> = {}): AgentView {
  return {
    login: 'medewerker1',
    displayName: 'Medewerker Een',
    email: 'medewerker1@gemeente.example',
    role: 'agent',
    afdeling: { id: 'kcc', naam: 'KCC' },
    answerField: 'inhoud',
    monitorNotice: true,
    ...changes,
  }
}

function session(view: AgentView): void {
  act(() => useAppStore.getState().workspace.setSession({ status: 'active', agent: view }))
}

const own = (changes: Partial<AgentStatus>): AgentStatus => ({
  login: 'medewerker1',
  afdeling: 'kcc',
  state: 'nawerk',
  since: new Date(NOW).toISOString(),
  ...changes,
})

function renderControl() {
  const onChoose = vi.fn((availability: Availability) =>
    act(() => useAppStore.getState().workspace.setAvailability(availability)),
  )
  const view = render(<StatusControl onChoose={onChoose} />)
  return { ...view, onChoose }
}
const trigger = () => screen.getByRole('button', { name: /^Mijn status/ })

beforeEach(() => {
  vi.useFakeTimers({
    now: NOW,
    toFake: ['Date', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  })
  gatewayClock.reset()
  resetStore()
  liveAgents([])
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

describe('pauze reasons in the status control', () => {
  it('offers the gateway’s reasons and has the reason in the store when the choice goes out', () => {
    session(agent({ pauzeRedenen: ['Koffie', 'Scholing'] }))
    const reasonAtChoice: Array<string | undefined> = []
    const onChoose = vi.fn((availability: Availability) => {
      reasonAtChoice.push(useAppStore.getState().workspace.pauseReason)
      act(() => useAppStore.getState().workspace.setAvailability(availability))
    })
    render(<StatusControl onChoose={onChoose} />)
    fireEvent.click(trigger())
    expect(screen.queryByRole('button', { name: 'Pauze: Lunch' })).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Pauze: Scholing' }))
    expect(reasonAtChoice).toEqual(['Scholing'])
    expect(trigger().textContent).toContain('Scholing')
  })

  it('offers the default reasons when the gateway sends none', () => {
    session(agent())
    renderControl()
    fireEvent.click(trigger())
    for (const reden of ['Lunch', 'Overleg', 'Training', 'Overig']) {
      expect(screen.getByRole('button', { name: `Pauze: ${reden}` })).toBeTruthy()
    }
  })
})

describe('the nawerk countdown in the status control', () => {
  it('counts down to when the gateway ends nawerk, by the gateway’s clock', () => {
    session(agent({ nawerkSeconds: 60 }))
    renderControl()
    act(() => useAppStore.getState().workspace.setAvailability('nawerk'))
    // This workstation's clock is 15 s behind the gateway's.
    gatewayClock.sample({ sentAt: NOW, serverTime: NOW + 15_000, receivedAt: NOW })
    liveAgents([own({ nawerkTot: new Date(NOW + 60_000).toISOString() })])
    expect(screen.getByTestId('agent-state').textContent).toBe('Nawerk')
    expect(screen.getByRole('timer').textContent).toBe('nog 0:45')
    act(() => vi.advanceTimersByTime(44_000))
    expect(screen.getByRole('timer').textContent).toBe('nog 0:01')
    act(() => vi.advanceTimersByTime(5_000))
    expect(screen.getByRole('timer').textContent).toBe('nog 0:00')
  })

  it('shows no countdown without a deadline, nor once the hub has the agent out of nawerk', () => {
    session(agent())
    renderControl()
    act(() => useAppStore.getState().workspace.setAvailability('nawerk'))
    liveAgents([own({})])
    expect(screen.queryByRole('timer')).toBeNull()
    liveAgents([own({ state: 'beschikbaar', nawerkTot: new Date(NOW + 60_000).toISOString() })])
    expect(screen.queryByRole('timer')).toBeNull()
  })

  it('lets the agent end nawerk early by choosing Beschikbaar', () => {
    session(agent({ nawerkSeconds: 60 }))
    const { onChoose } = renderControl()
    act(() => useAppStore.getState().workspace.setAvailability('nawerk'))
    liveAgents([own({ nawerkTot: new Date(NOW + 60_000).toISOString() })])
    fireEvent.click(trigger())
    fireEvent.click(screen.getByRole('button', { name: 'Beschikbaar' }))
    expect(onChoose).toHaveBeenCalledWith('beschikbaar')
    expect(screen.getByTestId('agent-state').textContent).toBe('Beschikbaar')
    expect(screen.queryByRole('timer')).toBeNull()
  })

  it('has no axe violations while counting down', async () => {
    vi.useRealTimers()
    session(agent({ nawerkSeconds: 60 }))
    const { container } = renderControl()
    act(() => useAppStore.getState().workspace.setAvailability('nawerk'))
    liveAgents([own({ nawerkTot: new Date(Date.now() + 60_000).toISOString() })])
    expect(await violations(container)).toEqual([])
  })
})
