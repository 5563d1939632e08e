import { app, type BrowserWindow } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { bringToFront } from '../../../electron/main/window-front'

vi.mock('electron', () => ({ app: { focus: vi.fn() } }))

function fakeWindow({ minimized = false, destroyed = false } = {}) {
  const order: string[] = []
  const record = (name: string) => vi.fn(() => void order.push(name))
  return {
    order,
    isDestroyed: () => destroyed,
    isMinimized: () => minimized,
    restore: record('restore'),
    show: record('show'),
    moveTop: record('moveTop'),
    focus: record('focus'),
  }
}

const front = (window: ReturnType<typeof fakeWindow>, platform: NodeJS.Platform) =>
  bringToFront(window as unknown as BrowserWindow, platform)

beforeEach(() => {
  vi.mocked(app.focus).mockClear()
})

describe('bringToFront', () => {
  it('restores a minimised window before showing, raising and focusing it', () => {
    const window = fakeWindow({ minimized: true })
    front(window, 'linux')
    expect(window.order).toEqual(['restore', 'show', 'moveTop', 'focus'])
  })

  it('leaves the size of a window that is not minimised alone', () => {
    const window = fakeWindow()
    front(window, 'win32')
    expect(window.order).toEqual(['show', 'moveTop', 'focus'])
  })

  it('makes the app the active app on macOS, where focusing a window alone does not', () => {
    front(fakeWindow(), 'darwin')
    expect(app.focus).toHaveBeenCalledWith({ steal: true })
  })

  it('does not steal application focus on Windows or Linux', () => {
    front(fakeWindow(), 'win32')
    front(fakeWindow(), 'linux')
    expect(app.focus).not.toHaveBeenCalled()
  })

  it('does nothing with a destroyed window', () => {
    const window = fakeWindow({ destroyed: true })
    front(window, 'darwin')
    expect(window.order).toEqual([])
    expect(app.focus).not.toHaveBeenCalled()
  })
})
