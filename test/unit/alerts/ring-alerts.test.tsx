import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AgentBridge } from '../../../shared/bridge'
import type { NotificationPort } from '../../../renderer/src/alerts/notifications'
import { startRingAlerts, type PageEnvironment } from '../../../renderer/src/alerts/ring-alerts'
import { createLogger } from '../../../renderer/src/log'
import type { CallSnapshot, CallState } from '../../../renderer/src/softphone/types'
import { useAppStore } from '../../../renderer/src/store'

// A .tsx file so it runs in the renderer project (happy-dom); the alerts themselves take plain ports.

const log = createLogger('test', () => undefined)

function call(state: CallState, id = 'call-1'): CallSnapshot {
  return {
    id,
    sipCallId: `${id}@pbx.gemeente.example`,
    state,
    direction: 'inbound',
    remoteNumber: '0612345678',
    startedAt: 1_700_000_000_000,
    muted: false,
    held: false,
  }
}

function phone(snapshot: CallSnapshot | null): void {
  const { workspace } = useAppStore.getState()
  workspace.setPhone({ ...workspace.phone, call: snapshot })
}

/** A page that is hidden or focused as the test says, and records its listeners. */
function fakePage(options: { hidden?: boolean; focused?: boolean } = {}) {
  const listeners = new Map<string, Set<() => void>>()
  const page = {
    document: {
      hidden: options.hidden ?? true,
      focused: options.focused ?? false,
      hasFocus(): boolean {
        return this.focused
      },
      title: 'KCC Werkplek',
    },
    addEventListener: (type: string, listener: () => void) => {
      listeners.set(type, (listeners.get(type) ?? new Set()).add(listener))
    },
    removeEventListener: (type: string, listener: () => void) => {
      listeners.get(type)?.delete(listener)
    },
    focus: vi.fn(),
    emit(type: string): void {
      for (const listener of listeners.get(type) ?? []) {
        listener()
      }
    },
    listenerCount: () => [...listeners.values()].reduce((n, set) => n + set.size, 0),
  }
  return page
}

function fakeNotifications(permission: NotificationPermission) {
  const shown: Array<{ title: string; onClick: () => void; close: ReturnType<typeof vi.fn> }> = []
  const port: NotificationPort = {
    permission: () => permission,
    request: vi.fn(async () => permission),
    show: (title, onClick) => {
      const notification = { title, onClick, close: vi.fn() }
      shown.push(notification)
      return notification
    },
  }
  return { port, shown }
}

const timers = {
  setInterval: (callback: () => void, ms: number) => setInterval(callback, ms),
  clearInterval: (handle: unknown) => clearInterval(handle as ReturnType<typeof setInterval>),
}

function start(
  page: ReturnType<typeof fakePage>,
  notifications: NotificationPort | undefined,
  bridge?: AgentBridge,
) {
  return startRingAlerts({
    store: useAppStore,
    page: page as unknown as PageEnvironment,
    timers,
    bridge,
    notifications,
    log,
  })
}

let stop: (() => void) | undefined

beforeEach(() => {
  vi.useFakeTimers()
  useAppStore.setState(useAppStore.getInitialState(), true)
})

afterEach(() => {
  stop?.()
  stop = undefined
  vi.useRealTimers()
})

describe('ring alerts in the web build', () => {
  it('blinks the title every second while a call rings and the page is hidden, and stops when the ring ends', () => {
    const page = fakePage({ hidden: true })
    stop = start(page, undefined)
    expect(page.document.title).toBe('KCC Werkplek')
    phone(call('ringing'))
    expect(page.document.title).toBe('☎ Inkomend gesprek')
    vi.advanceTimersByTime(1000)
    expect(page.document.title).toBe('KCC Werkplek')
    vi.advanceTimersByTime(1000)
    expect(page.document.title).toBe('☎ Inkomend gesprek')
    phone(call('active'))
    expect(page.document.title).toBe('KCC Werkplek')
    vi.advanceTimersByTime(5000)
    expect(page.document.title).toBe('KCC Werkplek')
  })

  it('leaves the title alone when the agent is looking at the page', () => {
    const page = fakePage({ hidden: false, focused: true })
    stop = start(page, undefined)
    phone(call('ringing'))
    vi.advanceTimersByTime(3000)
    expect(page.document.title).toBe('KCC Werkplek')
  })

  it('blinks when the page is visible but another window has the focus', () => {
    const page = fakePage({ hidden: false, focused: false })
    stop = start(page, undefined)
    phone(call('ringing'))
    expect(page.document.title).toBe('☎ Inkomend gesprek')
  })

  it('stops blinking and closes the notification when the window gets focus, though it still rings', () => {
    const page = fakePage({ hidden: true })
    const { port, shown } = fakeNotifications('granted')
    stop = start(page, port)
    phone(call('ringing'))
    page.document.hidden = false
    page.document.focused = true
    page.emit('focus')
    expect(page.document.title).toBe('KCC Werkplek')
    expect(shown[0]?.close).toHaveBeenCalled()
    vi.advanceTimersByTime(3000)
    expect(page.document.title).toBe('KCC Werkplek')
  })

  it('starts blinking when the agent leaves the window while it rings', () => {
    const page = fakePage({ hidden: false, focused: true })
    stop = start(page, undefined)
    phone(call('ringing'))
    expect(page.document.title).toBe('KCC Werkplek')
    page.document.focused = false
    page.emit('blur')
    expect(page.document.title).toBe('☎ Inkomend gesprek')
  })

  it('shows one notification per ring naming the caller, only when the agent allowed it', () => {
    const page = fakePage({ hidden: true })
    const { port, shown } = fakeNotifications('granted')
    stop = start(page, port)
    phone(call('ringing'))
    expect(shown.map((n) => n.title)).toEqual(['Inkomend gesprek van 0612345678'])
    page.emit('visibilitychange')
    page.emit('blur')
    expect(shown).toHaveLength(1)
    phone(null)
    expect(shown[0]?.close).toHaveBeenCalled()
    phone(call('ringing', 'call-2'))
    expect(shown).toHaveLength(2)
  })

  it.each(['default', 'denied'] as const)('shows no notification when the permission is %s', (permission) => {
    const page = fakePage({ hidden: true })
    const { port, shown } = fakeNotifications(permission)
    stop = start(page, port)
    phone(call('ringing'))
    expect(shown).toHaveLength(0)
    expect(page.document.title).toBe('☎ Inkomend gesprek')
  })

  it('brings the agent to the page when they click the notification', () => {
    const page = fakePage({ hidden: true })
    const { port, shown } = fakeNotifications('granted')
    stop = start(page, port)
    phone(call('ringing'))
    shown[0]?.onClick()
    expect(page.focus).toHaveBeenCalledOnce()
  })

  it('does not alert for an outbound call being set up', () => {
    const page = fakePage({ hidden: true })
    stop = start(page, undefined)
    phone({ ...call('ringing'), direction: 'outbound' })
    expect(page.document.title).toBe('KCC Werkplek')
  })

  it('puts the title back and removes its listeners when stopped', () => {
    const page = fakePage({ hidden: true })
    const stopAlerts = start(page, undefined)
    phone(call('ringing'))
    stopAlerts()
    expect(page.document.title).toBe('KCC Werkplek')
    expect(page.listenerCount()).toBe(0)
  })
})

describe('ring alerts in the desktop app', () => {
  function bridge() {
    const bringToFront = vi.fn(async () => ({ ok: true as const, value: null }))
    const notifyIncoming = vi.fn(async () => ({ ok: true as const, value: null }))
    return {
      bridge: {
        app: { getInfo: vi.fn() },
        calls: { notifyIncoming },
        window: { bringToFront },
      } as unknown as AgentBridge,
      bringToFront,
    }
  }

  it('neither blinks the title nor shows a second notification: the shell shows its own', () => {
    const page = fakePage({ hidden: true })
    const { port, shown } = fakeNotifications('granted')
    stop = start(page, port, bridge().bridge)
    phone(call('ringing'))
    expect(page.document.title).toBe('KCC Werkplek')
    expect(shown).toHaveLength(0)
  })

  it('brings the window to the front once per ring when the agent chose so', () => {
    const { bridge: desktop, bringToFront } = bridge()
    useAppStore.getState().settings.setSetting('bringToFront', true)
    stop = start(fakePage(), undefined, desktop)
    phone(call('ringing'))
    phone(call('ringing'))
    expect(bringToFront).toHaveBeenCalledOnce()
    phone(call('ringing', 'call-2'))
    expect(bringToFront).toHaveBeenCalledTimes(2)
  })

  it('leaves the window where it is when the agent did not choose so', () => {
    const { bridge: desktop, bringToFront } = bridge()
    stop = start(fakePage(), undefined, desktop)
    phone(call('ringing'))
    expect(bringToFront).not.toHaveBeenCalled()
  })
})
