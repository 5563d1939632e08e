import { Menu, Tray, type MenuItemConstructorOptions } from 'electron'
import type { DesktopCommand, TrayStatus } from '../../shared/ipc'
import type { Logger } from './log'
import { trayIcon } from './tray-icons'

/**
 * The agent's status in the notification area, and a menu to change it without finding the window:
 * Beschikbaar, Pauze, Afmelden. Main does not change the status itself: a choice goes to the renderer
 * as a `desktop:command`, which applies it the way the status control does (live hub, pause reason),
 * and the renderer reports the result back (`desktop:status:set`), which is what the icon shows.
 */

export const STATUS_LABELS: Readonly<Record<TrayStatus, string>> = {
  afgemeld: 'Afgemeld',
  beschikbaar: 'Beschikbaar',
  pauze: 'Pauze',
  nawerk: 'Nawerk',
  in_gesprek: 'In gesprek',
}

type StatusChoice = Extract<DesktopCommand, { kind: 'status' }>['choice']

export interface TrayOptions {
  readonly send: (command: DesktopCommand) => void
  readonly showWindow: () => void
  readonly quit: () => void
  readonly log: Logger
}

export interface StatusTray {
  readonly status: () => TrayStatus
  setStatus(status: TrayStatus): void
  destroy(): void
}

export function trayMenu(status: TrayStatus, options: Pick<TrayOptions, 'send' | 'showWindow' | 'quit'>) {
  const loggedIn = status !== 'afgemeld'
  const choose = (choice: StatusChoice) => () => options.send({ kind: 'status', choice })
  const template: MenuItemConstructorOptions[] = [
    { label: `Status: ${STATUS_LABELS[status]}`, enabled: false },
    { type: 'separator' },
    // Radio items show the current choice; during a call the status is the call's, so neither is on.
    {
      label: 'Beschikbaar',
      type: 'radio',
      checked: status === 'beschikbaar',
      enabled: loggedIn,
      click: choose('beschikbaar'),
    },
    { label: 'Pauze', type: 'radio', checked: status === 'pauze', enabled: loggedIn, click: choose('pauze') },
    { type: 'separator' },
    { label: 'Afmelden', enabled: loggedIn, click: choose('afmelden') },
    { type: 'separator' },
    { label: 'KCC Werkplek tonen', click: options.showWindow },
    { label: 'Afsluiten', click: options.quit },
  ]
  return template
}

export function createStatusTray(options: TrayOptions): StatusTray {
  let current: TrayStatus = 'afgemeld'
  const tray = new Tray(trayIcon(current))
  const render = (): void => {
    tray.setImage(trayIcon(current))
    tray.setToolTip(`KCC Werkplek: ${STATUS_LABELS[current]}`)
    tray.setContextMenu(Menu.buildFromTemplate(trayMenu(current, options)))
  }
  // Windows and Linux: a click on the icon shows the window; the menu is on the right button.
  tray.on('click', options.showWindow)
  render()
  return {
    status: () => current,
    setStatus(status) {
      if (status !== current) {
        current = status
        render()
        options.log.info('tray status', { status })
      }
    },
    destroy() {
      tray.destroy()
    },
  }
}
