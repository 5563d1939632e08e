import type { BrowserWindow } from 'electron'
import type { Logger } from './log'

/**
 * Closing the window while logged in: an agent who clicks the cross by habit would otherwise drop
 * out of the queue, mid-call even. The agent chooses (desktop settings) between being asked each
 * time and keeping the app running in the tray. Logged out, or quitting on purpose (the tray's
 * Afsluiten, the OS shutting down), the window just closes.
 */

export type CloseChoice = 'tray' | 'quit' | 'cancel'

export interface CloseGuardOptions {
  readonly loggedIn: () => boolean
  readonly behaviour: () => 'ask' | 'tray'
  /** Whether the app is quitting on purpose (set from app's `before-quit`). */
  readonly quitting: () => boolean
  readonly ask: () => Promise<CloseChoice>
  readonly quit: () => void
  readonly log: Logger
}

export function guardWindowClose(window: BrowserWindow, options: CloseGuardOptions): void {
  let asking = false
  window.on('close', (event) => {
    if (options.quitting() || !options.loggedIn()) {
      return
    }
    event.preventDefault()
    if (options.behaviour() === 'tray') {
      window.hide()
      options.log.info('window hidden to tray')
      return
    }
    if (asking) {
      return
    }
    asking = true
    options
      .ask()
      .then((choice) => {
        options.log.info('close while logged in', { choice })
        if (choice === 'tray') {
          window.hide()
        } else if (choice === 'quit') {
          options.quit()
        }
      })
      .catch((error: unknown) => options.log.error('close question failed', { error }))
      .finally(() => {
        asking = false
      })
  })
}
