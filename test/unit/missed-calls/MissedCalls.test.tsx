import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { MissedCalls } from '../../../renderer/src/missed-calls/MissedCalls'
import type { MissedCall } from '../../../renderer/src/missed-calls/slice'
import { ServicesContext, type Services } from '../../../renderer/src/services/context'
import type { CallSnapshot } from '../../../renderer/src/softphone/types'
import { useAppStore } from '../../../renderer/src/store'
import { resetStore, violations } from '../transfer/render-panel'

const AT = Date.parse('2026-12-04T09:05:00.000Z')

/** dd-mm-jjjj uu:mm in the test's own time zone, worked out without Intl. */
function localTime(ms: number): string {
  const d = new Date(ms)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${two(d.getDate())}-${two(d.getMonth() + 1)}-${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}`
}

const missed = (changes: Partial<MissedCall> = {}): MissedCall => ({
  id: 'call-1',
  sipCallId: 'sip-1',
  number: '0612345678',
  naam: 'Jan de Vries',
  at: AT,
  ...changes,
})

function renderList() {
  const softphone = { call: vi.fn((_target: string) => Promise.resolve()) }
  const services = { softphone } as unknown as Services
  const view = render(
    <ServicesContext.Provider value={services}>
      <MissedCalls />
    </ServicesContext.Provider>,
  )
  return { ...view, softphone }
}

const add = (call: MissedCall) => act(() => useAppStore.getState().missedCalls.add(call))

beforeEach(() => {
  resetStore()
})
afterEach(() => {
  cleanup()
})

describe('MissedCalls, "Gemiste oproepen"', () => {
  it('says there are none', () => {
    renderList()
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Gemiste oproepen')
    expect(screen.getByText('Geen gemiste oproepen.')).toBeTruthy()
  })

  it('lists each missed call newest first, with the name, the number and the time in nl-NL, and counts them', () => {
    add(missed())
    add(missed({ id: 'call-2', naam: undefined, number: '0201234567', at: AT + 3_600_000 }))
    renderList()
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Gemiste oproepen (2)')
    const [newest, oldest] = screen.getAllByRole('listitem')
    expect(newest!.textContent).toContain('0201234567')
    expect(within(newest!).getByText(localTime(AT + 3_600_000))).toBeTruthy()
    expect(oldest!.textContent).toContain('Jan de Vries · 0612345678')
    expect(within(oldest!).getByText(localTime(AT))).toBeTruthy()
  })

  it('calls the number back with Terugbellen', () => {
    add(missed())
    const { softphone } = renderList()
    fireEvent.click(screen.getByRole('button', { name: 'Terugbellen: Jan de Vries' }))
    expect(softphone.call).toHaveBeenCalledWith('0612345678')
  })

  it('does not call back while a call is on', () => {
    add(missed())
    const live: CallSnapshot = {
      id: 'live',
      sipCallId: 'sip-live',
      state: 'active',
      direction: 'inbound',
      remoteNumber: '0699999999',
      muted: false,
      held: false,
    }
    act(() =>
      useAppStore.getState().workspace.setPhone({ ...useAppStore.getState().workspace.phone, call: live }),
    )
    const { softphone } = renderList()
    const button = screen.getByRole('button', { name: 'Terugbellen: Jan de Vries' })
    expect(button.getAttribute('aria-disabled')).toBe('true')
    fireEvent.click(button)
    expect(softphone.call).not.toHaveBeenCalled()
    expect(screen.getByText('Terugbellen kan na het huidige gesprek.')).toBeTruthy()
  })

  it('offers no Terugbellen for a withheld number', () => {
    add(missed({ number: 'anonymous', naam: undefined }))
    renderList()
    expect(screen.getByText('Nummer onbekend')).toBeTruthy()
    expect(screen.queryByRole('button', { name: /Terugbellen/ })).toBeNull()
  })

  it('removes a missed call with Verwijderen', () => {
    add(missed())
    renderList()
    fireEvent.click(screen.getByRole('button', { name: 'Verwijderen uit gemiste oproepen: Jan de Vries' }))
    expect(useAppStore.getState().missedCalls.calls).toEqual([])
    expect(screen.getByText('Geen gemiste oproepen.')).toBeTruthy()
  })

  it('says so when calling back fails', async () => {
    add(missed())
    const { softphone } = renderList()
    softphone.call.mockRejectedValueOnce(new Error('not registered'))
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Terugbellen: Jan de Vries' }))
      await Promise.resolve()
    })
    expect(screen.getByRole('alert').textContent).toBe('Terugbellen is niet gelukt. Probeer het opnieuw.')
  })

  it('has no axe-core violations (WCAG 2.1 AA)', async () => {
    add(missed())
    const { container } = renderList()
    expect(await violations(container)).toEqual([])
  })
})
