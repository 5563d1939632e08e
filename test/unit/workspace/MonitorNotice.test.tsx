import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MonitorInfo, MonitorMode } from '../../../shared/live/protocol'
import { INITIAL_LIVE_VIEW } from '../../../renderer/src/live/live-view'
import type { MonitorSnapshot } from '../../../renderer/src/softphone/types'
import { useAppStore } from '../../../renderer/src/store'
import { MonitorNotice } from '../../../renderer/src/workspace/MonitorNotice'
import { resetStore, violations } from '../transfer/render-panel'

const ID = '0f8e2c5a-3b1d-4c6e-9a7f-2d4b6c8e0a1f'

function monitorInfo(changes: Partial<MonitorInfo> = {}): MonitorInfo {
  return {
    id: ID,
    supervisor: 'supervisor1',
    supervisorName: 'Supervisor KCC',
    supervisorExtension: '2100',
    agent: 'medewerker1',
    mode: 'listen',
    callId: 'call-1',
    ...changes,
  }
}

/** The agent's softphone feeding the supervisor (`monitored`), and the live view's sessions. */
function setMonitor(
  snapshot: Partial<MonitorSnapshot> | null,
  monitors: MonitorInfo[] = [monitorInfo()],
): void {
  act(() => {
    const { workspace } = useAppStore.getState()
    workspace.setPhone({
      ...workspace.phone,
      monitor:
        snapshot === null
          ? null
          : {
              id: ID,
              role: 'monitored',
              mode: 'listen',
              state: 'active',
              sipCallId: 'mon-1@agent',
              ...snapshot,
            },
    })
    workspace.setLive({ ...INITIAL_LIVE_VIEW, connection: 'open', monitors })
  })
}

const notice = () => screen.queryByRole('status')

beforeEach(() => {
  resetStore()
})
afterEach(() => {
  cleanup()
})

describe('MonitorNotice, telling the agent who monitors their call', () => {
  it.each<[MonitorMode, string]>([
    ['listen', 'Supervisor KCC luistert mee met dit gesprek.'],
    ['whisper', 'Supervisor KCC luistert mee en kan tegen u fluisteren; de klant hoort dat niet.'],
    ['barge', 'Supervisor KCC neemt deel aan dit gesprek; de klant hoort Supervisor KCC ook.'],
  ])('says so in %s mode, naming the supervisor', (mode, text) => {
    setMonitor({ mode }, [monitorInfo({ mode })])
    render(<MonitorNotice enabled />)
    expect(notice()?.textContent).toBe(text)
    expect(notice()?.getAttribute('data-mode')).toBe(mode)
  })

  it('says so while the monitor call is still connecting', () => {
    setMonitor({ state: 'connecting' })
    render(<MonitorNotice enabled />)
    expect(notice()?.textContent).toBe('Supervisor KCC luistert mee met dit gesprek.')
  })

  it('names the supervisor of the session the call belongs to, not another one', () => {
    setMonitor({}, [
      monitorInfo({ id: '7d2b9e41-5c3a-4f8e-8b1d-6a0c2e4f9b37', supervisorName: 'Iemand Anders' }),
      monitorInfo(),
    ])
    render(<MonitorNotice enabled />)
    expect(notice()?.textContent).toBe('Supervisor KCC luistert mee met dit gesprek.')
  })

  it('falls back to “Een supervisor” while the live view does not know the session', () => {
    setMonitor({}, [])
    render(<MonitorNotice enabled />)
    expect(notice()?.textContent).toBe('Een supervisor luistert mee met dit gesprek.')
  })

  it('shows nothing when the gateway’s policy turns the notice off', () => {
    setMonitor({})
    const { container } = render(<MonitorNotice enabled={false} />)
    expect(container.innerHTML).toBe('')
  })

  it('shows nothing once the monitor call has ended', () => {
    setMonitor({ state: 'ended' })
    const { container } = render(<MonitorNotice enabled />)
    expect(container.innerHTML).toBe('')
  })

  it('shows nothing on the supervisor’s own phone (role monitoring)', () => {
    setMonitor({ role: 'monitoring' })
    const { container } = render(<MonitorNotice enabled />)
    expect(container.innerHTML).toBe('')
  })

  it('shows nothing without a monitor call', () => {
    setMonitor(null)
    const { container } = render(<MonitorNotice enabled />)
    expect(container.innerHTML).toBe('')
  })

  it('appears when the monitor call starts and goes when it ends', () => {
    setMonitor(null)
    render(<MonitorNotice enabled />)
    expect(notice()).toBeNull()
    setMonitor({ state: 'connecting', mode: 'whisper' }, [monitorInfo({ mode: 'whisper' })])
    expect(notice()?.getAttribute('data-mode')).toBe('whisper')
    setMonitor({ state: 'ended', mode: 'whisper' }, [])
    expect(notice()).toBeNull()
  })

  it('has no axe violations (WCAG 2.1 AA)', async () => {
    setMonitor({ mode: 'barge' }, [monitorInfo({ mode: 'barge' })])
    const { container } = render(<MonitorNotice enabled />)
    expect(notice()).not.toBeNull()
    expect(await violations(container)).toEqual([])
  })
})
