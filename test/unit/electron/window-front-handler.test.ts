import { ipcMain, type BrowserWindow } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { registerWindowFrontHandler } from '../../../electron/main/handlers/window-front'
import { foreignFrame, invokeChannel, ipcHarness, ourFrame } from './ipc-harness'
import { memoryLog } from './memory-log'

vi.mock('electron', () => ({
  ipcMain: { handle: vi.fn() },
  app: { focus: vi.fn() },
}))

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

/** `null`: no window yet (a default parameter would replace `undefined`). */
function setup(window: ReturnType<typeof fakeWindow> | null = fakeWindow()) {
  const harness = ipcHarness()
  const calls = memoryLog()
  registerWindowFrontHandler(harness.handle, {
    getWindow: () => (window ?? undefined) as unknown as BrowserWindow | undefined,
    log: calls.log,
  })
  const front = (frame: unknown = ourFrame, ...args: unknown[]) =>
    invokeChannel('window:front', frame, ...args)
  return { window, front, ipcEntries: harness.entries, entries: calls.entries }
}

beforeEach(() => {
  vi.mocked(ipcMain.handle).mockClear()
})

describe('window:front handler', () => {
  it('restores, shows, raises and focuses the window for the app’s own renderer', async () => {
    const { front, window } = setup(fakeWindow(true))
    await expect(front()).resolves.toEqual({ ok: true, value: null })
    expect(window?.restore).toHaveBeenCalledOnce()
    expect(window?.show).toHaveBeenCalledOnce()
    expect(window?.moveTop).toHaveBeenCalledOnce()
    expect(window?.focus).toHaveBeenCalledOnce()
  })

  it('answers without error before the window exists', async () => {
    const { front, entries } = setup(null)
    await expect(front()).resolves.toEqual({ ok: true, value: null })
    expect(entries()).toContainEqual(
      expect.objectContaining({ msg: 'window brought to front', window: false }),
    )
  })

  it('refuses a foreign frame and leaves the window alone', async () => {
    const { front, window } = setup()
    await expect(front(foreignFrame)).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    })
    expect(window?.focus).not.toHaveBeenCalled()
  })

  it('refuses a sub frame showing our renderer', async () => {
    const { front, window } = setup()
    await expect(front({ ...ourFrame, parent: ourFrame })).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    })
    expect(window?.focus).not.toHaveBeenCalled()
  })

  it.each([
    ['a window position', { x: 0, y: 0 }],
    ['a string', 'main'],
    ['null', null],
  ])('refuses a payload (%s): the page cannot say which window or where', async (_case, payload) => {
    const { front, window, ipcEntries } = setup()
    await expect(front(ourFrame, payload)).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    })
    expect(window?.focus).not.toHaveBeenCalled()
    expect(ipcEntries()).toContainEqual(expect.objectContaining({ msg: 'ipc request rejected' }))
  })
})
