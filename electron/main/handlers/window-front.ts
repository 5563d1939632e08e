import type { BrowserWindow } from 'electron'
import { IpcChannel, ipcContract } from '../../../shared/ipc'
import type { Handle } from '../ipc'
import type { Logger } from '../log'
import { bringToFront } from '../window-front'

/**
 * `window:front`: the renderer asks to bring the app window to the front, when a call rings and the
 * agent chose "Venster naar voren halen bij een inkomend gesprek". `handle` checked the sender (the
 * top frame of our renderer) and that no payload came with it: the page cannot name a window.
 */
export interface WindowFrontOptions {
  readonly getWindow: () => BrowserWindow | undefined
  readonly log: Logger
}

export function registerWindowFrontHandler(handle: Handle, { getWindow, log }: WindowFrontOptions): void {
  handle(IpcChannel.WindowBringToFront, ipcContract[IpcChannel.WindowBringToFront].request, () => {
    const window = getWindow()
    if (window !== undefined) {
      bringToFront(window)
    }
    log.info('window brought to front', { window: window !== undefined })
    return null
  })
}
