import { describe, expect, it, vi } from 'vitest'
import { startUpdates, updateDecision, type Updater } from '../../../electron/main/updates'
import { memoryLog } from './memory-log'

// electron-updater is replaced by a stand-in with the part of AppUpdater the module uses.
function fakeUpdater() {
  const listeners = new Map<string, (value: unknown) => void>()
  const updater = {
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(() => Promise.resolve(null)),
    on: vi.fn((event: string, listener: (value: unknown) => void) => {
      listeners.set(event, listener)
      return updater
    }),
    autoDownload: false,
    autoInstallOnAppQuit: false,
    allowDowngrade: true,
  }
  return { updater, emit: (event: string, value: unknown) => listeners.get(event)?.(value) }
}

const enabled = {
  isPackaged: true,
  updateUrl: 'https://kcc.gemeente.example/werkplek/updates/',
  disabledByPolicy: false,
}

describe('update decision', () => {
  it.each([
    ['switched off by policy', { ...enabled, disabledByPolicy: true }, 'disabled-by-policy'],
    ['without a feed', { ...enabled, updateUrl: undefined }, 'no-feed'],
    ['in a development run', { ...enabled, isPackaged: false }, 'not-packaged'],
    [
      'from a plain http: feed',
      { ...enabled, updateUrl: 'http://share.gemeente.local/updates/' },
      'insecure-feed',
    ],
    ['from an https: feed in a packaged app', enabled, 'enabled'],
  ])('is %s', (_case, options, decision) => {
    expect(updateDecision(options)).toBe(decision)
  })
})

describe('automatic updates', () => {
  it('checks the generic feed, downloads in the background and installs at quit only', async () => {
    const { updater, emit } = fakeUpdater()
    const calls = memoryLog()
    const decision = await startUpdates({
      ...enabled,
      loadUpdater: () => Promise.resolve(updater as unknown as Updater),
      log: calls.log,
    })
    expect(decision).toBe('enabled')
    expect(updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: enabled.updateUrl })
    expect(updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true, allowDowngrade: false })
    expect(updater.checkForUpdates).toHaveBeenCalledOnce()
    emit('update-downloaded', { version: '1.4.0' })
    expect(calls.entries()).toContainEqual(
      expect.objectContaining({ msg: 'update downloaded, installed at quit', version: '1.4.0' }),
    )
  })

  it('never loads the updater when updates are off by policy', async () => {
    const loadUpdater = vi.fn()
    const calls = memoryLog()
    await expect(
      startUpdates({ ...enabled, disabledByPolicy: true, loadUpdater, log: calls.log }),
    ).resolves.toBe('disabled-by-policy')
    expect(loadUpdater).not.toHaveBeenCalled()
    expect(calls.entries()).toContainEqual(
      expect.objectContaining({ msg: 'updates off', reason: 'disabled-by-policy' }),
    )
  })

  it('keeps the app running when the feed cannot be reached', async () => {
    const { updater } = fakeUpdater()
    updater.checkForUpdates.mockRejectedValue(new Error('net::ERR_NAME_NOT_RESOLVED'))
    const calls = memoryLog()
    await expect(
      startUpdates({
        ...enabled,
        loadUpdater: () => Promise.resolve(updater as unknown as Updater),
        log: calls.log,
      }),
    ).resolves.toBe('enabled')
    expect(calls.entries()).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: 'update check failed' }),
    )
  })
})
