import { app, type BrowserWindow } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { acquireSingleInstanceLock } from '../../../electron/main/single-instance'

vi.mock('electron', () => ({ app: { requestSingleInstanceLock: vi.fn(), on: vi.fn(), focus: vi.fn() } }))

function fakeWindow(minimized: boolean) {
  return {
    isDestroyed: () => false,
    isMinimized: () => minimized,
    restore: vi.fn(),
    show: vi.fn(),
    moveTop: vi.fn(),
    focus: vi.fn(),
  }
}

function secondInstanceListener(): () => void {
  const call = vi.mocked(app.on).mock.calls.find(([event]) => (event as string) === 'second-instance')
  if (call === undefined) {
    throw new Error('no second-instance listener')
  }
  return call[1] as () => void
}

beforeEach(() => {
  vi.mocked(app.requestSingleInstanceLock).mockReset()
  vi.mocked(app.on).mockReset()
})

describe('single instance lock', () => {
  it('reports false when another instance already holds the lock', () => {
    vi.mocked(app.requestSingleInstanceLock).mockReturnValue(false)
    expect(acquireSingleInstanceLock(() => undefined)).toBe(false)
    expect(app.on).not.toHaveBeenCalled()
  })

  it('restores and focuses the existing window when a second instance starts', () => {
    vi.mocked(app.requestSingleInstanceLock).mockReturnValue(true)
    const window = fakeWindow(true)
    expect(acquireSingleInstanceLock(() => window as unknown as BrowserWindow)).toBe(true)
    secondInstanceListener()()
    expect(window.restore).toHaveBeenCalledOnce()
    expect(window.focus).toHaveBeenCalledOnce()
  })

  it('does nothing on a second instance before the window exists', () => {
    vi.mocked(app.requestSingleInstanceLock).mockReturnValue(true)
    acquireSingleInstanceLock(() => undefined)
    expect(() => secondInstanceListener()()).not.toThrow()
  })

  it('hands the second start’s arguments (a clicked link) to the running instance', () => {
    vi.mocked(app.requestSingleInstanceLock).mockReturnValue(true)
    const onArguments = vi.fn()
    acquireSingleInstanceLock(() => undefined, onArguments)
    const listener = secondInstanceListener() as unknown as (event: unknown, argv: string[]) => void
    listener({}, ['KCC Werkplek.exe', 'tel:0201234567'])
    expect(onArguments).toHaveBeenCalledWith(['KCC Werkplek.exe', 'tel:0201234567'])
  })
})
