import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { QueueStatus } from '../../../shared/live/queue'
import { INITIAL_LIVE_VIEW } from '../../../renderer/src/live/live-view'
import { useAppStore } from '../../../renderer/src/store'
import { QueueWaiting } from '../../../renderer/src/workspace/QueueWaiting'
import { resetStore, violations } from '../transfer/render-panel'

const NOW = Date.parse('2026-12-04T10:00:00.000Z')
const KCC = { id: 'kcc', naam: 'KCC' }

function setQueues(queues: QueueStatus[]): void {
  act(() => useAppStore.getState().workspace.setLive({ ...INITIAL_LIVE_VIEW, connection: 'open', queues }))
}

const waitingSince = (ms: number): string => new Date(NOW - ms).toISOString()

beforeEach(() => {
  resetStore()
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

describe('the waiting count in the agent’s own panel', () => {
  it('says how many callers wait for the own afdeling, with the longest wait', () => {
    setQueues([{ afdeling: 'kcc', waiting: 3, oldestSince: waitingSince(72_000) }])
    const { container } = render(<QueueWaiting afdeling={KCC} />)
    expect(screen.getByRole('status').textContent).toBe('3 wachtenden voor KCC')
    expect(container.textContent).toBe('3 wachtenden voor KCC · langste wachttijd 1:12')
  })

  it('says one caller in the singular', () => {
    setQueues([{ afdeling: 'kcc', waiting: 1, oldestSince: waitingSince(4_000) }])
    render(<QueueWaiting afdeling={KCC} />)
    expect(screen.getByRole('status').textContent).toBe('1 wachtende voor KCC')
  })

  it('says Geen wachtenden when nobody waits, or before the gateway told anything', () => {
    const { container } = render(<QueueWaiting afdeling={KCC} />)
    expect(container.textContent).toBe('Geen wachtenden voor KCC')
    setQueues([{ afdeling: 'kcc', waiting: 0 }])
    expect(container.textContent).toBe('Geen wachtenden voor KCC')
  })

  it('counts only the own afdeling’s callers', () => {
    setQueues([{ afdeling: 'vergunningen', waiting: 4, oldestSince: waitingSince(10_000) }])
    render(<QueueWaiting afdeling={KCC} />)
    expect(screen.getByRole('status').textContent).toBe('Geen wachtenden voor KCC')
  })

  it('follows the queue live, and counts the longest wait up as time passes', async () => {
    const { container } = render(<QueueWaiting afdeling={KCC} />)
    setQueues([{ afdeling: 'kcc', waiting: 2, oldestSince: waitingSince(10_000) }])
    expect(screen.getByRole('status').textContent).toBe('2 wachtenden voor KCC')
    vi.setSystemTime(NOW + 5_000)
    await waitFor(() => expect(container.textContent).toContain('langste wachttijd 0:15'), { timeout: 5_000 })
    setQueues([{ afdeling: 'kcc', waiting: 0 }])
    expect(container.textContent).toBe('Geen wachtenden voor KCC')
  })

  it('keeps the ticking wait out of the live region, so a screen reader does not read it every second', () => {
    setQueues([{ afdeling: 'kcc', waiting: 2, oldestSince: waitingSince(10_000) }])
    render(<QueueWaiting afdeling={KCC} />)
    expect(screen.getByRole('status').textContent).not.toContain('wachttijd')
  })

  it('has no accessibility violations', async () => {
    setQueues([{ afdeling: 'kcc', waiting: 2, oldestSince: waitingSince(10_000) }])
    const { container } = render(<QueueWaiting afdeling={KCC} />)
    expect(await violations(container)).toEqual([])
  })
})
