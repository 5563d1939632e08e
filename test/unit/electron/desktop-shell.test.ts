import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { app, globalShortcut, ipcMain, type BrowserWindow } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_DESKTOP_SETTINGS } from '../../../electron/main/desktop-settings'
import { startDesktopShell } from '../../../electron/main/desktop-shell'
import type { Policy } from '../../../electron/main/policy'
import { foreignFrame, invokeChannel, ipcHarness, ourFrame } from './ipc-harness'
import { memoryLog } from './memory-log'

vi.mock('electron', () => ({
  app: { quit: vi.fn(), focus: vi.fn(), setLoginItemSettings: vi.fn(), isPackaged: true },
  ipcMain: { handle: vi.fn() },
  globalShortcut: { register: vi.fn(() => true), unregister: vi.fn() },
  Tray: vi.fn(function FakeTray(this: Record<string, unknown>) {
    Object.assign(this, {
      setImage: vi.fn(),
      setToolTip: vi.fn(),
      setContextMenu: vi.fn(),
      on: vi.fn(),
      destroy: vi.fn(),
    })
  }),
  Menu: { buildFromTemplate: vi.fn((template: unknown) => template) },
  nativeImage: { createFromBitmap: vi.fn(() => ({ addRepresentation: vi.fn() })) },
  dialog: { showMessageBox: vi.fn() },
}))

const policy: Policy = {
  gatewayUrl: undefined,
  sipUrl: undefined,
  sipDomain: 'kcc.test',
  updateUrl: undefined,
  updatesDisabled: true,
  shortcutsDisabled: false,
  sources: {
    gatewayUrl: 'default',
    sipUrl: 'default',
    sipDomain: 'environment',
    updateUrl: 'default',
    updatesDisabled: 'registry',
    shortcutsDisabled: 'default',
  },
}

function setup(overrides: Partial<Policy> = {}) {
  const harness = ipcHarness()
  const settingsPath = join(mkdtempSync(join(tmpdir(), 'kcc-shell-')), 'desktop-settings.json')
  const window = {
    isDestroyed: () => false,
    isMinimized: () => false,
    restore: vi.fn(),
    show: vi.fn(),
    moveTop: vi.fn(),
    focus: vi.fn(),
    webContents: { send: vi.fn() },
  }
  const shell = startDesktopShell({
    handle: harness.handle,
    policy: { ...policy, ...overrides },
    settingsPath,
    getWindow: () => window as unknown as BrowserWindow,
    log: memoryLog().log,
  })
  return { shell, window, settingsPath, ipcEntries: harness.entries }
}

beforeEach(() => {
  vi.mocked(ipcMain.handle).mockClear()
  vi.mocked(globalShortcut.register).mockClear()
  vi.mocked(app.setLoginItemSettings).mockClear()
})

describe('desktop shell channels', () => {
  it('answers the settings with the policy the agent cannot change', async () => {
    setup()
    await expect(invokeChannel('desktop:settings:get', ourFrame)).resolves.toEqual({
      ok: true,
      value: {
        settings: DEFAULT_DESKTOP_SETTINGS,
        policy: { shortcutsDisabled: false, updatesDisabled: true },
        unavailableShortcuts: [],
      },
    })
  })

  it('follows the reported status: logged in registers the global shortcuts', async () => {
    const { shell } = setup()
    expect(shell.loggedIn()).toBe(false)
    await expect(invokeChannel('desktop:status:set', ourFrame, { status: 'beschikbaar' })).resolves.toEqual({
      ok: true,
      value: null,
    })
    expect(shell.loggedIn()).toBe(true)
    expect(globalShortcut.register).toHaveBeenCalledTimes(4)
  })

  it('registers no global shortcut when the policy turns them off', async () => {
    setup({ shortcutsDisabled: true })
    await invokeChannel('desktop:status:set', ourFrame, { status: 'beschikbaar' })
    expect(globalShortcut.register).not.toHaveBeenCalled()
  })

  it('stores the settings, sets start at login and answers the state as it applies', async () => {
    const { settingsPath } = setup()
    const next = { ...DEFAULT_DESKTOP_SETTINGS, startAtLogin: true, closeBehaviour: 'tray' as const }
    await expect(invokeChannel('desktop:settings:set', ourFrame, next)).resolves.toMatchObject({
      ok: true,
      value: { settings: next },
    })
    expect(JSON.parse(readFileSync(settingsPath, 'utf8'))).toEqual(next)
    expect(app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: true })
  })

  it.each([
    ['desktop:status:set', { status: 'offline' }],
    ['desktop:status:set', { status: 'beschikbaar', login: 'x' }],
    [
      'desktop:settings:set',
      { ...DEFAULT_DESKTOP_SETTINGS, shortcuts: { ...DEFAULT_DESKTOP_SETTINGS.shortcuts, answer: 'O' } },
    ],
    ['desktop:settings:set', { startAtLogin: true }],
    ['desktop:settings:get', { settings: 'all' }],
  ])('refuses a bad payload on %s', async (channel, payload) => {
    const { settingsPath, ipcEntries } = setup()
    await expect(invokeChannel(channel, ourFrame, payload)).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    })
    expect(() => readFileSync(settingsPath)).toThrow()
    expect(ipcEntries()).toContainEqual(expect.objectContaining({ msg: 'ipc request rejected', channel }))
  })

  it.each(['desktop:status:set', 'desktop:settings:get', 'desktop:settings:set'])(
    'refuses %s from a foreign frame',
    async (channel) => {
      const { shell } = setup()
      const payload = channel === 'desktop:status:set' ? { status: 'beschikbaar' } : undefined
      await expect(invokeChannel(channel, foreignFrame, payload)).resolves.toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN_SENDER' },
      })
      expect(shell.loggedIn()).toBe(false)
    },
  )

  it('sends a klantcontact link to the renderer once the agent has logged in', async () => {
    const { shell, window } = setup()
    await shell.links.handle('kcc://klantcontact/26000001')
    expect(window.webContents.send).not.toHaveBeenCalled()
    await invokeChannel('desktop:status:set', ourFrame, { status: 'beschikbaar' })
    await vi.waitFor(() =>
      expect(window.webContents.send).toHaveBeenCalledWith('desktop:command', {
        kind: 'open',
        nummer: '26000001',
      }),
    )
  })
})
