import { ipcMain, type BrowserWindow } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { incomingCallText, registerIncomingCallHandler } from '../../../electron/main/handlers/incoming-call'
import { foreignFrame, invokeChannel, ipcHarness, ourFrame } from './ipc-harness'
import { memoryLog } from './memory-log'

// A stand-in for Electron's Notification: records what was shown and lets tests fire `click`.
const fakes = vi.hoisted(() => {
  type Listener = () => void
  class FakeNotification {
    static supported = true
    static readonly instances: FakeNotification[] = []
    static isSupported(): boolean {
      return FakeNotification.supported
    }
    readonly listeners = new Map<string, Listener[]>()
    readonly show = vi.fn()
    readonly close = vi.fn(() => this.emit('close'))
    constructor(readonly options: { title?: string; body?: string; silent?: boolean }) {
      FakeNotification.instances.push(this)
    }
    on(event: string, listener: Listener): this {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
      return this
    }
    emit(event: string): void {
      for (const listener of this.listeners.get(event) ?? []) {
        listener()
      }
    }
  }
  return { FakeNotification }
})

vi.mock('electron', () => ({
  ipcMain: { handle: vi.fn() },
  Notification: fakes.FakeNotification,
  app: { focus: vi.fn() },
}))

const { FakeNotification } = fakes

function fakeWindow(minimized = false) {
  return {
    isDestroyed: () => false,
    isMinimized: () => minimized,
    restore: vi.fn(),
    show: vi.fn(),
    moveTop: vi.fn(),
    focus: vi.fn(),
  }
}

function setup(window: ReturnType<typeof fakeWindow> | undefined = fakeWindow()) {
  const harness = ipcHarness()
  const calls = memoryLog()
  registerIncomingCallHandler(harness.handle, {
    getWindow: () => window as unknown as BrowserWindow | undefined,
    log: calls.log,
  })
  const notify = (payload: unknown, frame: unknown = ourFrame) =>
    invokeChannel('call:incoming:notify', frame, payload)
  return { window, notify, ipcEntries: harness.entries, entries: calls.entries }
}

beforeEach(() => {
  vi.mocked(ipcMain.handle).mockClear()
  FakeNotification.instances.length = 0
  FakeNotification.supported = true
})

describe('call:incoming:notify handler', () => {
  it('shows a silent Dutch notification with the caller and the klantcontactnummer', async () => {
    const { notify } = setup()
    await expect(notify({ callerNumber: '0612345678', klantcontactnummer: '26000042' })).resolves.toEqual({
      ok: true,
      value: null,
    })
    expect(FakeNotification.instances).toHaveLength(1)
    const [notification] = FakeNotification.instances
    expect(notification?.options).toEqual({
      title: 'Inkomend gesprek',
      body: 'Beller: 0612345678\nKlantcontact 26000042',
      silent: true,
    })
    expect(notification?.show).toHaveBeenCalledOnce()
  })

  it('leaves the klantcontact line out when the call carries no nummer', async () => {
    const { notify } = setup()
    await notify({ callerNumber: 'burger' })
    expect(FakeNotification.instances[0]?.options.body).toBe('Beller: burger')
  })

  it('leaves the window where it is: raising it on a ring is the agent’s choice (window:front)', async () => {
    const { notify, window } = setup(fakeWindow(true))
    await notify({ callerNumber: '+31201234567' })
    expect(window?.restore).not.toHaveBeenCalled()
    expect(window?.moveTop).not.toHaveBeenCalled()
    expect(window?.focus).not.toHaveBeenCalled()
  })

  it('restores a minimised window and brings it forward when the agent clicks the notification', async () => {
    const { notify, window } = setup(fakeWindow(true))
    await notify({ callerNumber: '+31201234567' })
    FakeNotification.instances[0]?.emit('click')
    expect(window?.restore).toHaveBeenCalledOnce()
    expect(window?.show).toHaveBeenCalledOnce()
    expect(window?.moveTop).toHaveBeenCalledOnce()
    expect(window?.focus).toHaveBeenCalledOnce()
  })

  it('does not restore a window that is not minimised when the notification is clicked', async () => {
    const { notify, window } = setup(fakeWindow(false))
    await notify({ callerNumber: 'medewerker1' })
    FakeNotification.instances[0]?.emit('click')
    expect(window?.restore).not.toHaveBeenCalled()
    expect(window?.focus).toHaveBeenCalledOnce()
  })

  it('still brings the window forward where the OS has no notifications', async () => {
    FakeNotification.supported = false
    const { notify, window, entries } = setup()
    await expect(notify({ callerNumber: '0612345678' })).resolves.toEqual({ ok: true, value: null })
    expect(FakeNotification.instances).toHaveLength(0)
    expect(window?.focus).toHaveBeenCalledOnce()
    expect(entries()).toContainEqual(expect.objectContaining({ notification: false }))
  })

  it('replaces the notification of an earlier call', async () => {
    const { notify } = setup()
    await notify({ callerNumber: '0612345678' })
    await notify({ callerNumber: '0687654321' })
    expect(FakeNotification.instances[0]?.close).toHaveBeenCalledOnce()
    expect(FakeNotification.instances[1]?.close).not.toHaveBeenCalled()
  })

  it('answers without error before the window exists', async () => {
    const { notify } = setup(undefined)
    await expect(notify({ callerNumber: '0612345678' })).resolves.toEqual({ ok: true, value: null })
  })

  it('does not log the caller’s number', async () => {
    const { notify, entries } = setup()
    await notify({ callerNumber: '0612345678', klantcontactnummer: '26000042' })
    expect(entries()).toContainEqual(
      expect.objectContaining({ msg: 'incoming call notified', notification: true, withKlantcontact: true }),
    )
    expect(JSON.stringify(entries())).not.toMatch(/0612345678|26000042/)
  })

  it('refuses a foreign frame without notifying or raising the window', async () => {
    const { notify, window } = setup()
    await expect(notify({ callerNumber: '0612345678' }, foreignFrame)).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    })
    expect(FakeNotification.instances).toHaveLength(0)
    expect(window?.focus).not.toHaveBeenCalled()
  })

  it('refuses a sub frame showing our renderer', async () => {
    const { notify } = setup()
    await expect(
      notify({ callerNumber: '0612345678' }, { ...ourFrame, parent: ourFrame }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
  })

  it.each([
    ['a header-injection attempt in the number', { callerNumber: '0612345678\r\nX-Evil: 1' }],
    ['a trailing line break', { callerNumber: '0612345678\n' }],
    ['markup in the number', { callerNumber: '<img src=x>' }],
    ['a space in the number', { callerNumber: '06 12345678' }],
    ['an empty number', { callerNumber: '' }],
    ['a number longer than 64 characters', { callerNumber: '1'.repeat(65) }],
    ['a number that is not a string', { callerNumber: 612345678 }],
    ['a missing number', { klantcontactnummer: '26000042' }],
    ['an 11-digit klantcontactnummer', { callerNumber: '0612345678', klantcontactnummer: '12345678901' }],
    ['a klantcontactnummer with letters', { callerNumber: '0612345678', klantcontactnummer: '2600A' }],
    ['a klantcontactnummer of Unicode digits', { callerNumber: '0612345678', klantcontactnummer: '٢٦' }],
    ['a null klantcontactnummer', { callerNumber: '0612345678', klantcontactnummer: null }],
    ['an extra property', { callerNumber: '0612345678', title: 'Gewonnen!' }],
    ['no payload at all', undefined],
    ['an array', ['0612345678']],
  ])('rejects %s without notifying', async (_case, payload) => {
    const { notify, window, ipcEntries } = setup()
    await expect(notify(payload)).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    expect(FakeNotification.instances).toHaveLength(0)
    expect(window?.focus).not.toHaveBeenCalled()
    expect(ipcEntries()).toContainEqual(expect.objectContaining({ msg: 'ipc request rejected' }))
  })

  it('accepts the longest allowed number and klantcontactnummer', async () => {
    const { notify } = setup()
    await expect(
      notify({ callerNumber: `+*#._-${'a'.repeat(58)}`, klantcontactnummer: '1234567890' }),
    ).resolves.toEqual({ ok: true, value: null })
  })
})

describe('incoming call notification text', () => {
  it('names the caller, and the klantcontact when there is one', () => {
    expect(incomingCallText({ callerNumber: 'onbekend' })).toEqual({
      title: 'Inkomend gesprek',
      body: 'Beller: onbekend',
    })
    expect(incomingCallText({ callerNumber: '112', klantcontactnummer: '7' }).body).toBe(
      'Beller: 112\nKlantcontact 7',
    )
  })
})
