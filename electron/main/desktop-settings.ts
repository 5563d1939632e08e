import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { desktopSettings, type DesktopSettings, type ShortcutKeys } from '../../shared/ipc'
import type { Logger } from './log'

/**
 * The agent's own desktop settings, in a JSON file in the user's profile (app.getPath('userData')):
 * they belong to this PC's user, not to the gateway account, like the window position would.
 * Read with the same contract validator the IPC channel uses, so a file edited by hand or written
 * by an older version can never hand main a shape it does not expect: it falls back to the defaults.
 */

/**
 * Global shortcuts: Control+Alt+Shift with a letter. Three modifiers is a combination Windows itself
 * and the usual office applications (Word, Outlook, Teams, browsers) do not use, and Control+Alt
 * alone is AltGr on Dutch and US-International layouts, which types € and é. Letters as in Dutch:
 * O(pnemen), H(angen = ophangen, like Alt+H in the app), M(icrofoon), W(erkplek naar voren).
 */
export const DEFAULT_SHORTCUTS: ShortcutKeys = {
  answer: 'Control+Alt+Shift+O',
  hangup: 'Control+Alt+Shift+H',
  mute: 'Control+Alt+Shift+M',
  front: 'Control+Alt+Shift+W',
}

export const DEFAULT_DESKTOP_SETTINGS: DesktopSettings = {
  startAtLogin: false,
  closeBehaviour: 'ask',
  confirmDial: true,
  shortcutsEnabled: true,
  shortcuts: DEFAULT_SHORTCUTS,
}

export interface SettingsFile {
  read(): DesktopSettings
  write(settings: DesktopSettings): void
}

export function settingsFile(path: string, log: Logger): SettingsFile {
  return {
    read() {
      let text: string
      try {
        text = readFileSync(path, 'utf8')
      } catch {
        return DEFAULT_DESKTOP_SETTINGS
      }
      let parsed: unknown
      try {
        parsed = JSON.parse(text)
      } catch {
        parsed = undefined
      }
      const checked = desktopSettings(parsed, 'settings')
      if (!checked.ok) {
        log.warn('desktop settings unreadable, using defaults', { reason: checked.message })
        return DEFAULT_DESKTOP_SETTINGS
      }
      return checked.value
    },
    write(settings) {
      mkdirSync(dirname(path), { recursive: true })
      // Written aside and renamed: a crash mid-write leaves the old file, not half a file.
      const temporary = `${path}.tmp`
      writeFileSync(temporary, `${JSON.stringify(settings, null, 2)}\n`, 'utf8')
      renameSync(temporary, path)
    },
  }
}
