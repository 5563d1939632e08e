import { app, type BrowserWindow } from 'electron'
import {
  IpcChannel,
  desktopCommand,
  ipcContract,
  IpcEvent,
  type DesktopCommand,
  type DesktopState,
  type GlobalShortcutAction,
  type TrayStatus,
} from '../../shared/ipc'
import { settingsFile } from './desktop-settings'
import { askToDial, tellLinkRefused } from './dialogs'
import { createGlobalShortcuts } from './global-shortcuts'
import type { Handle } from './ipc'
import type { Logger } from './log'
import type { Policy } from './policy'
import { createLinkHandler, type LinkHandler } from './protocol-links'
import { createStatusTray } from './tray'
import { bringToFront } from './window-front'

/**
 * The desktop shell around the page: tray, global shortcuts, links from other applications, start
 * at login, and the IPC channels that connect them to the renderer (docs/desktop.md). It holds the
 * agent's status as the renderer last reported it and the agent's desktop settings; each part in
 * its own file decides what to do with them.
 */

export interface DesktopShellOptions {
  readonly handle: Handle
  readonly policy: Policy
  /** The settings file in the user's profile. */
  readonly settingsPath: string
  readonly getWindow: () => BrowserWindow | undefined
  readonly log: Logger
}

export interface DesktopShell {
  readonly links: LinkHandler
  readonly loggedIn: () => boolean
  readonly closeBehaviour: () => 'ask' | 'tray'
  dispose(): void
}

export function startDesktopShell({
  handle,
  policy,
  settingsPath,
  getWindow,
  log,
}: DesktopShellOptions): DesktopShell {
  const file = settingsFile(settingsPath, log.child('settings'))
  let settings = file.read()
  let status: TrayStatus = 'afgemeld'
  let unavailable: readonly GlobalShortcutAction[] = []

  const send = (command: DesktopCommand): void => {
    const window = getWindow()
    // Checked on the way out as well: a bug here must not hand the page something off-contract.
    const checked = desktopCommand(command, 'command')
    if (window === undefined || window.isDestroyed() || !checked.ok) {
      log.warn('desktop command not sent', { kind: command.kind, window: window !== undefined })
      return
    }
    window.webContents.send(IpcEvent.DesktopCommand, checked.value)
  }
  const front = (): void => {
    const window = getWindow()
    if (window !== undefined) {
      bringToFront(window)
    }
  }
  const loggedIn = (): boolean => status !== 'afgemeld'

  const tray = createStatusTray({ send, showWindow: front, quit: () => app.quit(), log: log.child('tray') })
  const shortcuts = createGlobalShortcuts({ send, bringToFront: front, log: log.child('shortcuts') })
  const applyShortcuts = (): void => {
    unavailable = shortcuts.apply({
      active: loggedIn(),
      enabled: settings.shortcutsEnabled,
      disabledByPolicy: policy.shortcutsDisabled,
      keys: settings.shortcuts,
    })
  }
  const applyLoginItem = (): void => {
    // A development run would register the bare Electron binary to start at login.
    if (app.isPackaged) {
      app.setLoginItemSettings({ openAtLogin: settings.startAtLogin })
    }
  }

  const links = createLinkHandler({
    sipDomain: policy.sipDomain,
    send,
    bringToFront: front,
    loggedIn,
    confirmDial: () => settings.confirmDial,
    askToDial: (target) => askToDial(getWindow(), target),
    stopAskingToDial: () => {
      settings = { ...settings, confirmDial: false }
      file.write(settings)
    },
    tellRefused: () => tellLinkRefused(getWindow()),
    log: log.child('links'),
  })

  const state = (): DesktopState => ({
    settings,
    policy: { shortcutsDisabled: policy.shortcutsDisabled, updatesDisabled: policy.updatesDisabled },
    unavailableShortcuts: unavailable,
  })

  handle(IpcChannel.TrayStatusSet, ipcContract[IpcChannel.TrayStatusSet].request, (report) => {
    const wasLoggedIn = loggedIn()
    status = report.status
    tray.setStatus(status)
    applyShortcuts()
    if (!wasLoggedIn && loggedIn()) {
      // A link clicked before the agent logged in is handled now.
      void links.flush()
    }
    return null
  })
  handle(IpcChannel.DesktopSettingsGet, ipcContract[IpcChannel.DesktopSettingsGet].request, () => state())
  handle(IpcChannel.DesktopSettingsSet, ipcContract[IpcChannel.DesktopSettingsSet].request, (next) => {
    settings = next
    file.write(settings)
    applyLoginItem()
    applyShortcuts()
    log.info('desktop settings saved', {
      startAtLogin: settings.startAtLogin,
      closeBehaviour: settings.closeBehaviour,
      confirmDial: settings.confirmDial,
      shortcutsEnabled: settings.shortcutsEnabled,
    })
    return state()
  })

  applyLoginItem()
  return {
    links,
    loggedIn,
    closeBehaviour: () => settings.closeBehaviour,
    dispose() {
      shortcuts.clear()
      tray.destroy()
    },
  }
}
