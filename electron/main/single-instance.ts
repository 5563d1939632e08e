import { app, type BrowserWindow } from 'electron'
import { bringToFront } from './window-front'

/**
 * One app per agent session: a second instance would register the same SIP account twice and
 * race on local drafts. Returns false when another instance holds the lock; the caller quits.
 * The running instance brings its window to the front instead, and gets the second start's
 * arguments: on Windows and Linux a clicked `tel:` or `kcc:` link starts the program with the link
 * as an argument (protocol-links.ts).
 */
export function acquireSingleInstanceLock(
  getWindow: () => BrowserWindow | undefined,
  onArguments: (argv: readonly string[]) => void = () => undefined,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    return false
  }
  app.on('second-instance', (_event, argv) => {
    const window = getWindow()
    if (window !== undefined) {
      bringToFront(window)
    }
    onArguments(argv)
  })
  return true
}
