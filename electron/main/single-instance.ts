import { app, type BrowserWindow } from 'electron'
import { bringToFront } from './window-front'

/**
 * One app per agent session: a second instance would register the same SIP account twice and
 * race on local drafts. Returns false when another instance holds the lock; the caller quits.
 * The running instance brings its window to the front instead.
 */
export function acquireSingleInstanceLock(getWindow: () => BrowserWindow | undefined): boolean {
  if (!app.requestSingleInstanceLock()) {
    return false
  }
  app.on('second-instance', () => {
    const window = getWindow()
    if (window !== undefined) {
      bringToFront(window)
    }
  })
  return true
}
