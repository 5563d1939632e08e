import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { AgentView } from '../../../shared/gateway/api'
import type { MonitorInfo, MonitorMode } from '../../../shared/live/protocol'
import type { LiveView } from '../../../renderer/src/live/live-view'
import { ServicesContext, type Services } from '../../../renderer/src/services/context'
import type { MonitorSnapshot } from '../../../renderer/src/softphone/types'
import { useAppStore } from '../../../renderer/src/store'
import { SupervisorPanel } from '../../../renderer/src/supervisor'
import type { MonitorIntent } from '../../../renderer/src/supervisor/monitor-slice'
import { violations } from '../transfer/render-panel'
import { call, directory, renderPanel, setLive, status, usePanelTestSetup } from './panel-support'

/** Monitoring on the team overview: Meeluisteren, Fluisteren, Inbreken and the supervisor's session. */
usePanelTestSetup()

const MONITOR_ID = '0f8e2c5a-3b1d-4c6e-9a7f-2d4b6c8e0a1f'

/** The logged-in supervisor: Anna, a member of the team she supervises. */
const SUPERVISOR: AgentView = {
  login: 'm-anna',
  displayName: 'Anna de Wit',
  email: 'anna@gemeente.example',
  role: 'supervisor',
  afdeling: { id: 'kcc', naam: 'KCC' },
  answerField: 'inhoud',
  monitorNotice: true,
  supervises: ['kcc'],
}

/** The monitoring service as the panel uses it: every verb a spy. */
function fakeMonitoring() {
  return {
    start: vi.fn((_agent: string, _mode: MonitorMode) => Promise.resolve()),
    stop: vi.fn(() => Promise.resolve()),
  }
}

function monitorInfo(changes: Partial<MonitorInfo> = {}): MonitorInfo {
  return {
    id: MONITOR_ID,
    supervisor: 'm-super',
    supervisorName: 'Supervisor KCC',
    supervisorExtension: '2100',
    agent: 'm-chloe',
    mode: 'listen',
    callId: 'c1@pbx',
    ...changes,
  }
}

/** The panel in the supervisor's logged-in workspace, with the services (monitoring faked). */
function renderMonitoring(live: Partial<LiveView> = {}, monitoring = fakeMonitoring()) {
  return renderMonitoringAs(SUPERVISOR, live, monitoring)
}

function renderMonitoringAs(agent: AgentView, live: Partial<LiveView> = {}, monitoring = fakeMonitoring()) {
  useAppStore.getState().workspace.setSession({ status: 'active', agent })
  useAppStore.getState().workspace.setDirectory({ status: 'ready', value: directory() })
  setLive(live)
  const services = { monitoring } as unknown as Services
  const view = render(
    <ServicesContext.Provider value={services}>
      <SupervisorPanel />
    </ServicesContext.Provider>,
  )
  return { ...view, monitoring }
}

function setIntent(intent: MonitorIntent | null): void {
  act(() => useAppStore.getState().monitoring.setIntent(intent))
}

/** The supervisor's softphone's monitor call. */
function setMonitorCall(changes: Partial<MonitorSnapshot>): void {
  act(() => {
    const { workspace } = useAppStore.getState()
    workspace.setPhone({
      ...workspace.phone,
      monitor: {
        id: MONITOR_ID,
        role: 'monitoring',
        mode: 'listen',
        state: 'connecting',
        sipCallId: 'mon-1@agent',
        ...changes,
      },
    })
  })
}

const CHLOE_ON_THE_PHONE: Partial<LiveView> = {
  agents: [status('m-chloe', 'in_gesprek', 90_000)],
  calls: [call()],
}

const groups = () => screen.queryAllByRole('group')
const buttonTexts = (element: HTMLElement) =>
  within(element)
    .getAllByRole('button')
    .map((button) => button.textContent)
const session = () => screen.queryByRole('region', { name: 'Meeluistersessie' })

function rowElement(naam: string): HTMLElement {
  const row = screen.getByRole('rowheader', { name: naam }).closest('tr')
  if (row === null) {
    throw new Error(`no row for ${naam}`)
  }
  return row
}

describe('SupervisorPanel, monitoring an agent’s call', () => {
  it('offers Meeluisteren, Fluisteren and Inbreken on an agent’s call, in a group named after them', () => {
    renderMonitoring(CHLOE_ON_THE_PHONE)
    const group = screen.getByRole('group', { name: 'Meeluisteren met Chloë Özdemir' })
    expect(buttonTexts(group)).toEqual(['Meeluisteren', 'Fluisteren', 'Inbreken'])
    expect(rowElement('Chloë Özdemir').contains(group)).toBe(true)
    for (const button of within(group).getAllByRole('button')) {
      expect(button.getAttribute('aria-disabled') === 'true').toBe(false)
    }
  })

  it.each<[string, MonitorMode]>([
    ['Meeluisteren', 'listen'],
    ['Fluisteren', 'whisper'],
    ['Inbreken', 'barge'],
  ])('starts monitoring the agent’s call in its mode with %s', (button, mode) => {
    const { monitoring } = renderMonitoring(CHLOE_ON_THE_PHONE)
    const group = screen.getByRole('group', { name: 'Meeluisteren met Chloë Özdemir' })
    fireEvent.click(within(group).getByRole('button', { name: button }))
    expect(monitoring.start).toHaveBeenCalledTimes(1)
    expect(monitoring.start).toHaveBeenCalledWith('m-chloe', mode)
  })

  it('offers nothing for an agent without a call, nor on the supervisor’s own call', () => {
    renderMonitoring({
      agents: [
        status('m-anna', 'in_gesprek', 10_000),
        status('m-bram', 'beschikbaar', 10_000),
        status('m-chloe', 'in_gesprek', 90_000),
      ],
      calls: [call({ agent: 'm-anna', callId: 'a@pbx' }), call()],
    })
    expect(groups().map((group) => group.getAttribute('aria-label'))).toEqual([
      'Meeluisteren met Chloë Özdemir',
    ])
    expect(within(rowElement('Anna de Wit')).queryByRole('button')).toBeNull()
    expect(within(rowElement('Bram Jansen')).queryByRole('button')).toBeNull()
  })

  it('takes the buttons away when the agent’s call ends', () => {
    renderMonitoring(CHLOE_ON_THE_PHONE)
    expect(groups()).toHaveLength(1)
    setLive({ agents: [status('m-chloe', 'nawerk', 0)] })
    expect(groups()).toHaveLength(0)
  })

  it('offers no monitoring outside a logged-in workspace (no services)', () => {
    renderPanel(CHLOE_ON_THE_PHONE)
    expect(groups()).toHaveLength(0)
    expect(screen.queryByRole('button')).toBeNull()
  })

  it('shows who monitors an agent’s call in that agent’s row', () => {
    renderMonitoring({ ...CHLOE_ON_THE_PHONE, monitors: [monitorInfo()] })
    expect(within(rowElement('Chloë Özdemir')).getByText('Meegeluisterd door Supervisor KCC')).toBeDefined()
    expect(screen.getAllByText(/Meegeluisterd door/)).toHaveLength(1)
  })

  it('shows no monitoring line without a monitoring session', () => {
    renderMonitoring(CHLOE_ON_THE_PHONE)
    expect(screen.queryByText(/Meegeluisterd door/)).toBeNull()
  })

  it('shows no session region while the supervisor is not monitoring', () => {
    renderMonitoring(CHLOE_ON_THE_PHONE)
    expect(session()).toBeNull()
  })

  it('says it is connecting while the gateway has not answered, and blocks a second start', () => {
    renderMonitoring(CHLOE_ON_THE_PHONE)
    setIntent({ status: 'starting', agent: 'm-chloe', mode: 'listen' })
    const region = session()
    expect(region).not.toBeNull()
    expect(within(region as HTMLElement).getByRole('status').textContent).toBe(
      'Verbinden met het gesprek van Chloë Özdemir…',
    )
    expect(within(region as HTMLElement).queryByRole('button', { name: 'Stoppen' })).toBeNull()
    const group = screen.getByRole('group', { name: 'Meeluisteren met Chloë Özdemir' })
    for (const button of within(group).getAllByRole('button')) {
      expect(button.getAttribute('aria-disabled') === 'true').toBe(true)
    }
  })

  it.each<[MonitorMode, string]>([
    ['listen', 'U luistert mee met Chloë Özdemir.'],
    ['whisper', 'U fluistert tegen Chloë Özdemir; de klant hoort u niet.'],
    ['barge', 'U neemt deel aan het gesprek van Chloë Özdemir; de klant hoort u.'],
  ])('shows an active %s session, waiting for its call, then connected', (mode, text) => {
    renderMonitoring(CHLOE_ON_THE_PHONE)
    setIntent({ status: 'active', id: MONITOR_ID, agent: 'm-chloe', mode })
    const status = () => within(session() as HTMLElement).getByRole('status')
    expect(status().textContent).toBe(`${text} Het gesprek komt binnen…`)
    expect(status().getAttribute('data-status')).toBe('active')

    setMonitorCall({ mode, state: 'active' })
    expect(status().textContent).toBe(text)
    expect(status().getAttribute('data-status')).toBe('connected')
  })

  it('does not call a session connected on another session’s monitor call', () => {
    renderMonitoring(CHLOE_ON_THE_PHONE)
    setIntent({ status: 'active', id: MONITOR_ID, agent: 'm-chloe', mode: 'listen' })
    setMonitorCall({ id: '7d2b9e41-5c3a-4f8e-8b1d-6a0c2e4f9b37', state: 'active' })
    expect(
      within(session() as HTMLElement)
        .getByRole('status')
        .getAttribute('data-status'),
    ).toBe('active')
  })

  it('stops the active session with Stoppen', () => {
    const { monitoring } = renderMonitoring(CHLOE_ON_THE_PHONE)
    setIntent({ status: 'active', id: MONITOR_ID, agent: 'm-chloe', mode: 'whisper' })
    fireEvent.click(within(session() as HTMLElement).getByRole('button', { name: 'Stoppen' }))
    expect(monitoring.stop).toHaveBeenCalledTimes(1)
  })

  it('disables only the button of the mode already running on that agent’s call', () => {
    renderMonitoring(CHLOE_ON_THE_PHONE)
    setIntent({ status: 'active', id: MONITOR_ID, agent: 'm-chloe', mode: 'whisper' })
    const group = screen.getByRole('group', { name: 'Meeluisteren met Chloë Özdemir' })
    expect(
      within(group)
        .getAllByRole('button')
        .map((button) => [button.textContent, button.getAttribute('aria-disabled') === 'true']),
    ).toEqual([
      ['Meeluisteren', false],
      ['Fluisteren', true],
      ['Inbreken', false],
    ])
  })

  it('says why monitoring was refused as an alert in that agent’s row, not as a session', () => {
    renderMonitoring({
      agents: [status('m-chloe', 'in_gesprek', 90_000), status('m-daan', 'in_gesprek', 5_000)],
      calls: [call(), call({ agent: 'm-daan', callId: 'd@pbx' })],
    })
    setIntent({
      status: 'failed',
      agent: 'm-chloe',
      mode: 'barge',
      message: 'Meeluisteren is niet gelukt. Probeer het opnieuw.',
    })
    expect(within(rowElement('Chloë Özdemir')).getByRole('alert').textContent).toBe(
      'Meeluisteren is niet gelukt. Probeer het opnieuw.',
    )
    expect(screen.getAllByRole('alert')).toHaveLength(1)
    expect(session()).toBeNull()
    // The buttons stay: the supervisor can try again.
    expect(groups()).toHaveLength(2)
    setIntent(null)
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('offers nothing on the call of an agent of an afdeling the supervisor does not supervise', () => {
    renderMonitoring({
      agents: [
        status('m-chloe', 'in_gesprek', 90_000),
        { ...status('m-eva', 'in_gesprek', 5_000), afdeling: 'vergunningen' },
      ],
      calls: [call(), call({ agent: 'm-eva', afdeling: 'vergunningen', callId: 'e@pbx' })],
    })
    expect(groups().map((group) => group.getAttribute('aria-label'))).toEqual([
      'Meeluisteren met Chloë Özdemir',
    ])
    expect(within(rowElement('Eva Mulder')).queryByRole('button')).toBeNull()
    // Eva's call is still shown, only the actions are not.
    expect(within(rowElement('Eva Mulder')).getByText(/Inkomend/)).toBeDefined()
  })

  it('offers every afdeling’s calls to a supervisor who supervises them all', () => {
    renderMonitoringAs(
      { ...SUPERVISOR, supervises: ['kcc', 'vergunningen'] },
      {
        agents: [
          status('m-chloe', 'in_gesprek', 90_000),
          { ...status('m-eva', 'in_gesprek', 5_000), afdeling: 'vergunningen' },
        ],
        calls: [call(), call({ agent: 'm-eva', afdeling: 'vergunningen', callId: 'e@pbx' })],
      },
    )
    expect(groups()).toHaveLength(2)
  })

  it('offers nothing to a supervisor whose gateway does not say what they supervise', () => {
    const { supervises: _none, ...older } = SUPERVISOR
    renderMonitoringAs(older, CHLOE_ON_THE_PHONE)
    expect(groups()).toHaveLength(0)
  })

  it('has no axe violations with the buttons, the monitoring line and an active session', async () => {
    const { container } = renderMonitoring({
      agents: [status('m-chloe', 'in_gesprek', 90_000), status('m-daan', 'in_gesprek', 5_000)],
      calls: [call(), call({ agent: 'm-daan', callId: 'd@pbx' })],
      monitors: [monitorInfo()],
    })
    setIntent({ status: 'active', id: MONITOR_ID, agent: 'm-chloe', mode: 'listen' })
    setMonitorCall({ state: 'active' })
    expect(groups()).toHaveLength(2)
    expect(await violations(container)).toEqual([])
  })

  it('has no axe violations with a failed attempt', async () => {
    const { container } = renderMonitoring(CHLOE_ON_THE_PHONE)
    setIntent({ status: 'failed', agent: 'm-chloe', mode: 'listen', message: 'Niet toegestaan.' })
    expect(await violations(container)).toEqual([])
  })
})
