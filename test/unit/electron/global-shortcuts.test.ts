import { globalShortcut } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_SHORTCUTS } from '../../../electron/main/desktop-settings'
import { createGlobalShortcuts, type ShortcutWish } from '../../../electron/main/global-shortcuts'
import { memoryLog } from './memory-log'

vi.mock('electron', () => ({ globalShortcut: { register: vi.fn(), unregister: vi.fn() } }))

const on: ShortcutWish = { active: true, enabled: true, disabledByPolicy: false, keys: DEFAULT_SHORTCUTS }

function setup() {
  const send = vi.fn()
  const bringToFront = vi.fn()
  const calls = memoryLog()
  return {
    send,
    bringToFront,
    entries: calls.entries,
    shortcuts: createGlobalShortcuts({ send, bringToFront, log: calls.log }),
  }
}

function callbackFor(accelerator: string): () => void {
  const call = vi.mocked(globalShortcut.register).mock.calls.find(([keys]) => keys === accelerator)
  if (call === undefined) {
    throw new Error(`${accelerator} not registered`)
  }
  return call[1]
}

beforeEach(() => {
  vi.mocked(globalShortcut.register).mockReset().mockReturnValue(true)
  vi.mocked(globalShortcut.unregister).mockReset()
})

describe('global shortcuts', () => {
  it('registers the four default shortcuts while someone is logged in', () => {
    const { shortcuts } = setup()
    expect(shortcuts.apply(on)).toEqual([])
    expect(vi.mocked(globalShortcut.register).mock.calls.map(([keys]) => keys)).toEqual([
      'Control+Alt+Shift+O',
      'Control+Alt+Shift+H',
      'Control+Alt+Shift+M',
      'Control+Alt+Shift+W',
    ])
  })

  it('sends answer, hang up and mute to the renderer and brings the window forward itself', () => {
    const { shortcuts, send, bringToFront } = setup()
    shortcuts.apply(on)
    callbackFor('Control+Alt+Shift+O')()
    callbackFor('Control+Alt+Shift+H')()
    callbackFor('Control+Alt+Shift+M')()
    callbackFor('Control+Alt+Shift+W')()
    expect(send.mock.calls).toEqual([
      [{ kind: 'shortcut', action: 'answer' }],
      [{ kind: 'shortcut', action: 'hangup' }],
      [{ kind: 'shortcut', action: 'mute' }],
    ])
    expect(bringToFront).toHaveBeenCalledOnce()
  })

  it.each([
    ['logged out', { ...on, active: false }],
    ['turned off by the agent', { ...on, enabled: false }],
    ['turned off by policy', { ...on, disabledByPolicy: true }],
  ])('frees every key when %s', (_case, wish) => {
    const { shortcuts } = setup()
    shortcuts.apply(on)
    shortcuts.apply(wish)
    expect(
      vi
        .mocked(globalShortcut.unregister)
        .mock.calls.map(([keys]) => keys)
        .sort(),
    ).toEqual(Object.values(DEFAULT_SHORTCUTS).sort())
    expect(globalShortcut.register).toHaveBeenCalledTimes(4)
  })

  it('does not re-register the same keys on every status change', () => {
    const { shortcuts } = setup()
    shortcuts.apply(on)
    shortcuts.apply({ ...on })
    expect(globalShortcut.register).toHaveBeenCalledTimes(4)
    expect(globalShortcut.unregister).not.toHaveBeenCalled()
  })

  it('reports the shortcuts another application holds, and those that are not usable', () => {
    vi.mocked(globalShortcut.register).mockImplementation((keys) => keys !== 'Control+Alt+Shift+M')
    const { shortcuts, entries } = setup()
    const unavailable = shortcuts.apply({
      ...on,
      keys: { ...DEFAULT_SHORTCUTS, front: 'Shift+W', hangup: 'Control+Alt+Shift+O' },
    })
    expect(unavailable).toEqual(['hangup', 'mute', 'front'])
    expect(vi.mocked(globalShortcut.register).mock.calls.map(([keys]) => keys)).toEqual([
      'Control+Alt+Shift+O',
      'Control+Alt+Shift+M',
    ])
    expect(entries()).toContainEqual(expect.objectContaining({ msg: 'global shortcuts not registered' }))
  })
})
