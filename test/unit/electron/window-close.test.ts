import type { BrowserWindow } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import {
  guardWindowClose,
  type CloseChoice,
  type CloseGuardOptions,
} from '../../../electron/main/window-close'
import { memoryLog } from './memory-log'

function setup(overrides: Partial<CloseGuardOptions> = {}) {
  const listeners = new Map<string, (event: { preventDefault(): void }) => void>()
  const window = {
    on: vi.fn((event: string, listener: (event: { preventDefault(): void }) => void) =>
      listeners.set(event, listener),
    ),
    hide: vi.fn(),
  }
  const options: CloseGuardOptions = {
    loggedIn: () => true,
    behaviour: () => 'ask',
    quitting: () => false,
    ask: vi.fn(() => Promise.resolve<CloseChoice>('cancel')),
    quit: vi.fn(),
    log: memoryLog().log,
    ...overrides,
  }
  guardWindowClose(window as unknown as BrowserWindow, options)
  const close = () => {
    const event = { preventDefault: vi.fn() }
    listeners.get('close')?.(event)
    return event
  }
  return { window, options, close }
}

describe('closing the window', () => {
  it('just closes when no one is logged in, or when the app quits on purpose', () => {
    expect(setup({ loggedIn: () => false }).close().preventDefault).not.toHaveBeenCalled()
    expect(setup({ quitting: () => true }).close().preventDefault).not.toHaveBeenCalled()
  })

  it('keeps the app in the tray without asking when the agent chose so', () => {
    const { close, window, options } = setup({ behaviour: () => 'tray' })
    expect(close().preventDefault).toHaveBeenCalledOnce()
    expect(window.hide).toHaveBeenCalledOnce()
    expect(options.ask).not.toHaveBeenCalled()
  })

  it.each([
    ['tray', { hide: 1, quit: 0 }],
    ['quit', { hide: 0, quit: 1 }],
    ['cancel', { hide: 0, quit: 0 }],
  ] as const)(
    'asks first while logged in, and does what the agent answered (%s)',
    async (choice, expected) => {
      const { close, window, options } = setup({ ask: vi.fn(() => Promise.resolve<CloseChoice>(choice)) })
      expect(close().preventDefault).toHaveBeenCalledOnce()
      await vi.waitFor(() => expect(options.ask).toHaveBeenCalledOnce())
      await Promise.resolve()
      await Promise.resolve()
      expect(window.hide).toHaveBeenCalledTimes(expected.hide)
      expect(options.quit).toHaveBeenCalledTimes(expected.quit)
    },
  )

  it('asks once when the agent clicks the cross twice', () => {
    const { close, options } = setup({ ask: vi.fn(() => new Promise<CloseChoice>(() => undefined)) })
    close()
    close()
    expect(options.ask).toHaveBeenCalledOnce()
  })
})
