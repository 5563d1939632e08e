import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { LiveConnectionState } from '../../../renderer/src/live/live-view'
import type { CallSnapshot, CallState, TransferSnapshot } from '../../../renderer/src/softphone/types'
import { useAppStore } from '../../../renderer/src/store'
import type { Availability } from '../../../renderer/src/workspace/agent-state'
import { StatusControl } from '../../../renderer/src/workspace/StatusControl'
import { resetStore, violations } from '../transfer/render-panel'

function call(state: CallState): CallSnapshot {
  return {
    id: 'call-1',
    sipCallId: 'customer-1@pbx.gemeente.example',
    state,
    direction: 'inbound',
    remoteNumber: '0612345678',
    startedAt: 1_700_000_000_000,
    muted: false,
    held: state === 'on_hold',
  }
}

function phone(callState: CallState | null, transfer: TransferSnapshot | null = null): void {
  act(() => {
    const { workspace } = useAppStore.getState()
    workspace.setPhone({ ...workspace.phone, call: callState ? call(callState) : null, transfer })
  })
}

function live(connection: LiveConnectionState): void {
  act(() => {
    const { workspace } = useAppStore.getState()
    workspace.setLive({ ...workspace.live, connection })
  })
}

function chosen(availability: Availability): void {
  act(() => useAppStore.getState().workspace.setAvailability(availability))
}

/** The control as the app wires it: a choice goes to the store like the controller's choose(). */
function renderControl() {
  const onChoose = vi.fn((availability: Availability) => chosen(availability))
  const view = render(<StatusControl onChoose={onChoose} />)
  return { ...view, onChoose }
}

const shown = () => screen.getByTestId('agent-state').textContent
const trigger = () => screen.getByRole('button', { name: /^Mijn status/ })

beforeEach(() => {
  resetStore()
  live('open')
})
afterEach(() => cleanup())

describe('the one status control', () => {
  it('shows the chosen state with its colour when there is no call', () => {
    renderControl()
    expect(shown()).toBe('Beschikbaar')
    expect(trigger().dataset['tone']).toBe('beschikbaar')
    chosen('nawerk')
    expect(shown()).toBe('Nawerk')
    expect(trigger().dataset['tone']).toBe('nawerk')
  })

  it.each([
    ['ringing', 'Gaat over'],
    ['active', 'In gesprek'],
    ['on_hold', 'Klant in de wacht'],
  ] as const)(
    'shows the call’s state (%s) during a call and the choice only as what comes after',
    (state, label) => {
      renderControl()
      phone(state)
      expect(shown()).toBe(label)
      expect(trigger().textContent).toContain('daarna: Beschikbaar')
      expect(trigger().dataset['tone']).toBe(state === 'active' ? 'in_gesprek' : state)
    },
  )

  it('never shows Nawerk as the state during a live call: Nawerk is what comes after', () => {
    const { onChoose } = renderControl()
    phone('active')
    fireEvent.click(trigger())
    fireEvent.click(screen.getByRole('button', { name: 'Nawerk' }))
    expect(onChoose).toHaveBeenCalledWith('nawerk')
    expect(shown()).toBe('In gesprek')
    expect(trigger().textContent).toContain('daarna: Nawerk')
  })

  it('shows In overleg while the agent consults a colleague', () => {
    renderControl()
    phone('on_hold', {
      kind: 'warm',
      state: 'consulting',
      target: 'vergunningen',
    } as TransferSnapshot)
    expect(shown()).toBe('In overleg')
  })

  it('says there is no connection with the server instead of Beschikbaar once the connection is lost', () => {
    renderControl()
    live('connecting')
    expect(shown()).toBe('Geen verbinding met de server')
    expect(trigger().dataset['tone']).toBe('no_connection')
    live('open')
    expect(shown()).toBe('Beschikbaar')
  })

  it('says it is connecting, not Beschikbaar, before the connection was ever open', () => {
    live('connecting')
    renderControl()
    expect(shown()).toBe('Verbinden met de server…')
  })

  it('keeps the call’s state during a call without connection, and says the connection is gone', () => {
    renderControl()
    phone('active')
    live('connecting')
    expect(shown()).toBe('In gesprek')
    expect(trigger().textContent).toContain('geen verbinding met de server')
  })

  it('takes a pause with a reason, shows the reason beside Pauze and forgets it once available again', () => {
    const { onChoose } = renderControl()
    fireEvent.click(trigger())
    fireEvent.click(screen.getByRole('button', { name: 'Pauze: Lunch' }))
    expect(onChoose).toHaveBeenCalledWith('pauze')
    expect(shown()).toBe('Pauze')
    expect(trigger().textContent).toContain('Lunch')
    phone('ringing')
    expect(trigger().textContent).toContain('daarna: Pauze (Lunch)')
    phone(null)
    fireEvent.click(trigger())
    fireEvent.click(screen.getByRole('button', { name: 'Beschikbaar' }))
    expect(shown()).toBe('Beschikbaar')
    expect(trigger().textContent).not.toContain('Lunch')
    expect(useAppStore.getState().workspace.pauseReason).toBeUndefined()
  })

  it('shows the status shortcuts beside the choices and names them for assistive technology', () => {
    renderControl()
    fireEvent.click(trigger())
    const beschikbaar = screen.getByRole('button', { name: 'Beschikbaar' })
    expect(beschikbaar.getAttribute('aria-keyshortcuts')).toBe('Alt+B')
    expect(beschikbaar.textContent).toContain('Alt+B')
    expect(screen.getByRole('button', { name: 'Pauze' }).getAttribute('aria-keyshortcuts')).toBe('Alt+P')
    expect(screen.getByRole('button', { name: 'Nawerk' }).getAttribute('aria-keyshortcuts')).toBe('Alt+A')
  })

  it('opens with focus on the first choice, closes on Escape and gives focus back to the status', () => {
    renderControl()
    trigger().focus()
    fireEvent.click(trigger())
    expect(trigger().getAttribute('aria-expanded')).toBe('true')
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Beschikbaar' }))
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' })
    expect(trigger().getAttribute('aria-expanded')).toBe('false')
    expect(document.activeElement).toBe(trigger())
  })

  it('is the status focus target (id own-state)', () => {
    renderControl()
    expect(trigger().id).toBe('own-state')
  })

  it('has no axe violations, closed and open', async () => {
    const { container } = renderControl()
    phone('active')
    expect(await violations(container)).toEqual([])
    fireEvent.click(trigger())
    expect(await violations(container)).toEqual([])
  })
})
