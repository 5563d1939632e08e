import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_DESKTOP_SETTINGS, settingsFile } from '../../../electron/main/desktop-settings'
import { desktopSettings } from '../../../shared/ipc'
import { memoryLog } from './memory-log'

const path = () =>
  join(mkdtempSync(join(tmpdir(), 'kcc-desktop-settings-')), 'profile', 'desktop-settings.json')

describe('desktop settings file', () => {
  it('has defaults that pass the contract: ask on close, ask before dialling, shortcuts on, no autostart', () => {
    expect(desktopSettings(DEFAULT_DESKTOP_SETTINGS)).toEqual({ ok: true, value: DEFAULT_DESKTOP_SETTINGS })
    expect(DEFAULT_DESKTOP_SETTINGS).toMatchObject({
      startAtLogin: false,
      closeBehaviour: 'ask',
      confirmDial: true,
      shortcutsEnabled: true,
    })
  })

  it('gives the defaults when there is no file yet, and what was written afterwards', () => {
    const file = settingsFile(path(), memoryLog().log)
    expect(file.read()).toEqual(DEFAULT_DESKTOP_SETTINGS)
    const changed = { ...DEFAULT_DESKTOP_SETTINGS, closeBehaviour: 'tray' as const, confirmDial: false }
    file.write(changed)
    expect(file.read()).toEqual(changed)
  })

  it.each([
    ['not JSON', '{'],
    [
      'a shortcut without a modifier',
      JSON.stringify({
        ...DEFAULT_DESKTOP_SETTINGS,
        shortcuts: { ...DEFAULT_DESKTOP_SETTINGS.shortcuts, answer: 'A' },
      }),
    ],
    ['an extra key', JSON.stringify({ ...DEFAULT_DESKTOP_SETTINGS, runCommand: 'calc.exe' })],
  ])('falls back to the defaults for a file that is %s, saying so', (_case, text) => {
    const file = path()
    const calls = memoryLog()
    settingsFile(file, calls.log).write(DEFAULT_DESKTOP_SETTINGS)
    writeFileSync(file, text)
    expect(settingsFile(file, calls.log).read()).toEqual(DEFAULT_DESKTOP_SETTINGS)
    expect(calls.entries()).toContainEqual(
      expect.objectContaining({ msg: 'desktop settings unreadable, using defaults' }),
    )
    expect(readFileSync(file, 'utf8')).toBe(text)
  })
})
