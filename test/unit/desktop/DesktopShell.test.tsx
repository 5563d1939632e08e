import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DesktopBridge } from '../../../shared/bridge'
import type { DesktopCommand, DesktopState } from '../../../shared/ipc'
import { DesktopSettings } from '../../../renderer/src/desktop/DesktopSettings'
import { DesktopShell } from '../../../renderer/src/desktop/DesktopShell'
import { ServicesContext, type Services } from '../../../renderer/src/services/context'
import { useAppStore } from '../../../renderer/src/store'
import { callOf, fakeSoftphone, setPhone } from '../keyboard/fixtures'

const state: DesktopState = {
  settings: {
    startAtLogin: false,
    closeBehaviour: 'ask',
    confirmDial: true,
    shortcutsEnabled: true,
    shortcuts: {
      answer: 'Control+Alt+Shift+O',
      hangup: 'Control+Alt+Shift+H',
      mute: 'Control+Alt+Shift+M',
      front: 'Control+Alt+Shift+W',
    },
  },
  policy: { shortcutsDisabled: false, updatesDisabled: false },
  unavailableShortcuts: [],
}

function fakeDesktop() {
  let listener: ((command: DesktopCommand) => void) | undefined
  const desktop = {
    reportStatus: vi.fn(() => Promise.resolve({ ok: true as const, value: null })),
    getSettings: vi.fn(() => Promise.resolve({ ok: true as const, value: state })),
    setSettings: vi.fn((settings: DesktopState['settings']) =>
      Promise.resolve({ ok: true as const, value: { ...state, settings } }),
    ),
    onCommand: vi.fn((next: (command: DesktopCommand) => void) => {
      listener = next
      return () => {
        listener = undefined
      }
    }),
  } satisfies DesktopBridge['desktop']
  return {
    desktop,
    send: (command: DesktopCommand) => listener?.(command),
    listening: () => listener !== undefined,
  }
}

const softphone = fakeSoftphone()
const services = { softphone, transfers: { cancel: vi.fn() }, api: {}, monitoring: {} } as unknown as Services

beforeEach(() => {
  vi.clearAllMocks()
  useAppStore.getState().workspace.setAvailability('beschikbaar')
  setPhone(useAppStore, { call: null, transfer: null })
})

afterEach(cleanup)

describe('the desktop shell in the workspace', () => {
  it('reports the status to the tray as it changes, and Afgemeld when the workspace goes', () => {
    const { desktop } = fakeDesktop()
    const view = render(
      <ServicesContext.Provider value={services}>
        <DesktopShell
          bridge={{ app: { getInfo: vi.fn() }, desktop }}
          agentLogin="medewerker1"
          onChoose={vi.fn()}
          onLogout={vi.fn()}
        />
      </ServicesContext.Provider>,
    )
    expect(desktop.reportStatus).toHaveBeenLastCalledWith('beschikbaar')
    act(() => setPhone(useAppStore, { call: callOf({ state: 'ringing', answeredAt: undefined }) }))
    expect(desktop.reportStatus).toHaveBeenLastCalledWith('in_gesprek')
    view.unmount()
    expect(desktop.reportStatus).toHaveBeenLastCalledWith('afgemeld')
  })

  it('runs a global shortcut from main and stops listening when the workspace goes', () => {
    const { desktop, send, listening } = fakeDesktop()
    const view = render(
      <ServicesContext.Provider value={services}>
        <DesktopShell
          bridge={{ app: { getInfo: vi.fn() }, desktop }}
          agentLogin="medewerker1"
          onChoose={vi.fn()}
          onLogout={vi.fn()}
        />
      </ServicesContext.Provider>,
    )
    act(() => setPhone(useAppStore, { call: callOf({ state: 'ringing', answeredAt: undefined }) }))
    send({ kind: 'shortcut', action: 'answer' })
    expect(softphone.answer).toHaveBeenCalledOnce()
    view.unmount()
    expect(listening()).toBe(false)
  })

  it('does nothing in the web build', () => {
    render(
      <ServicesContext.Provider value={services}>
        <DesktopShell bridge={undefined} agentLogin="medewerker1" onChoose={vi.fn()} onLogout={vi.fn()} />
      </ServicesContext.Provider>,
    )
    expect(document.body.textContent).toBe('')
  })
})

describe('desktop settings', () => {
  it('saves a checkbox through main and shows what main answered', async () => {
    const { desktop } = fakeDesktop()
    render(<DesktopSettings desktop={desktop} />)
    const tray = await screen.findByRole('checkbox', {
      name: 'Bij sluiten in het systeemvak houden zonder te vragen',
    })
    fireEvent.click(tray)
    expect(desktop.setSettings).toHaveBeenCalledWith({ ...state.settings, closeBehaviour: 'tray' })
    await vi.waitFor(() => expect((tray as HTMLInputElement).checked).toBe(true))
  })

  it('saves a shortcut in its one spelling, and refuses one without Ctrl, Alt or the Windows key', async () => {
    const { desktop } = fakeDesktop()
    render(<DesktopSettings desktop={desktop} />)
    const answer = await screen.findByRole('textbox', { name: 'Opnemen' })
    fireEvent.change(answer, { target: { value: 'O' } })
    fireEvent.blur(answer)
    expect(desktop.setSettings).not.toHaveBeenCalled()
    expect(answer.getAttribute('aria-invalid')).toBe('true')
    fireEvent.change(answer, { target: { value: 'shift+ctrl+alt+a' } })
    fireEvent.blur(answer)
    expect(desktop.setSettings).toHaveBeenCalledWith({
      ...state.settings,
      shortcuts: { ...state.settings.shortcuts, answer: 'Control+Alt+Shift+A' },
    })
  })

  it('shows the shortcuts as switched off by the organisation when the policy says so', async () => {
    const { desktop } = fakeDesktop()
    desktop.getSettings.mockResolvedValue({
      ok: true,
      value: { ...state, policy: { ...state.policy, shortcutsDisabled: true } },
    })
    render(<DesktopSettings desktop={desktop} />)
    const box = await screen.findByRole('checkbox', { name: 'Sneltoetsen ook vanuit andere programma’s' })
    expect((box as HTMLInputElement).disabled).toBe(true)
    expect((box as HTMLInputElement).checked).toBe(false)
    expect(
      screen.getByText('Uw organisatie heeft sneltoetsen vanuit andere programma’s uitgezet.'),
    ).toBeTruthy()
    expect(screen.queryByRole('textbox', { name: 'Opnemen' })).toBeNull()
  })
})
