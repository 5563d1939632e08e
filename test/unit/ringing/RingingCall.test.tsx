import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { INITIAL_LIVE_VIEW } from '../../../renderer/src/live/live-view'
import { RingingCall } from '../../../renderer/src/ringing/RingingCall'
import type { CallSnapshot } from '../../../renderer/src/softphone/types'
import { useAppStore } from '../../../renderer/src/store'
import { setDirectory } from '../incoming-transfer/fixtures'
import { resetStore, violations } from '../transfer/render-panel'

const RING = Date.parse('2026-12-04T10:00:00.000Z')

const ringing = (changes: Partial<CallSnapshot> = {}): CallSnapshot => ({
  id: 'call-1',
  sipCallId: 'sip-1',
  state: 'ringing',
  direction: 'inbound',
  remoteNumber: '0612345678',
  calledAddress: 'medewerker2',
  startedAt: RING,
  muted: false,
  held: false,
  ...changes,
})

const text = (testId: string) => screen.getByTestId(testId).textContent

beforeEach(() => {
  resetStore()
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] })
  vi.setSystemTime(RING + 12_000)
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

describe('RingingCall, the call in the case column before anyone answered', () => {
  it('shows the number, the partij found for it, how long it rang and that it came straight to the agent', () => {
    useAppStore.getState().ringing.setCaller({
      callId: 'call-1',
      lookup: 'known',
      partij: { uuid: 'p-1', naam: 'Jan de Vries' },
    })
    render(<RingingCall call={ringing()} />)
    expect(screen.getByRole('heading', { level: 2, name: 'Inkomend gesprek' })).toBeTruthy()
    expect(text('ringing-number')).toBe('0612345678')
    expect(text('ringing-caller')).toBe('Jan de Vries')
    expect(text('ringing-waiting')).toBe('0:12')
    expect(text('ringing-via')).toBe('Rechtstreeks naar u')
    expect(screen.getByText('Alt+O').tagName).toBe('KBD')
    expect(screen.queryByLabelText('Naam klant')).toBeNull()
  })

  it('ticks the waiting time every second', () => {
    render(<RingingCall call={ringing()} />)
    act(() => {
      vi.setSystemTime(RING + 74_000)
      vi.advanceTimersByTime(1_000)
    })
    expect(text('ringing-waiting')).toBe('1:15')
  })

  it('says while the caller is being looked up, and when nobody is known by the number', () => {
    useAppStore.getState().ringing.setCaller({ callId: 'call-1', lookup: 'looking' })
    render(<RingingCall call={ringing()} />)
    expect(text('ringing-caller')).toBe('Wordt opgezocht…')
    act(() => useAppStore.getState().ringing.setCaller({ callId: 'call-1', lookup: 'unknown' }))
    expect(text('ringing-caller')).toBe('Niet bekend bij dit nummer')
  })

  it('names the afdeling a group call came through, and the queue wait of the one caller waiting there', () => {
    setDirectory(useAppStore)
    act(() =>
      useAppStore.getState().workspace.setLive({
        ...INITIAL_LIVE_VIEW,
        connection: 'open',
        queues: [
          { afdeling: 'vergunningen', waiting: 1, oldestSince: new Date(RING - 48_000).toISOString() },
        ],
      }),
    )
    render(<RingingCall call={ringing({ calledAddress: 'vergunningen' })} />)
    expect(text('ringing-via')).toBe('Afdeling Afdeling Vergunningen')
    expect(text('ringing-waiting')).toBe('1:00')
  })

  it('takes the ring time when several callers wait in that queue', () => {
    setDirectory(useAppStore)
    act(() =>
      useAppStore.getState().workspace.setLive({
        ...INITIAL_LIVE_VIEW,
        connection: 'open',
        queues: [
          { afdeling: 'vergunningen', waiting: 3, oldestSince: new Date(RING - 48_000).toISOString() },
        ],
      }),
    )
    render(<RingingCall call={ringing({ calledAddress: 'vergunningen' })} />)
    expect(text('ringing-waiting')).toBe('0:12')
  })

  it('names a colleague who calls, and says when the number is withheld', () => {
    setDirectory(useAppStore)
    const { unmount } = render(
      <RingingCall call={ringing({ remoteNumber: 'medewerker1', assertedCaller: 'medewerker1' })} />,
    )
    expect(text('ringing-caller')).toBe('Collega medewerker1')
    unmount()
    render(<RingingCall call={ringing({ remoteNumber: 'anonymous' })} />)
    expect(text('ringing-number')).toBe('Nummer onbekend')
  })

  it('has no axe-core violations (WCAG 2.1 AA)', async () => {
    vi.useRealTimers()
    const { container } = render(<RingingCall call={ringing()} />)
    expect(await violations(container)).toEqual([])
  })
})
