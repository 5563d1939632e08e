import { Notification, type BrowserWindow } from 'electron'
import { IpcChannel, ipcContract, type IncomingCallNotice } from '../../../shared/ipc'
import type { Handle } from '../ipc'
import type { Logger } from '../log'
import { bringToFront } from '../window-front'

/**
 * `call:incoming:notify`: the renderer's softphone reports a ringing call; main shows an OS
 * notification, so an agent working in another application sees the call, and clicking it brings
 * the window to the front. Raising the window on every ring is the agent's choice
 * (`window:front`, handlers/window-front.ts); only where the OS has no notifications does the
 * window come forward here, as the one signal left. The payload was validated by `handle` (contract: `incomingCallNotice`), which keeps
 * line breaks and markup out of the notification text.
 */

export interface IncomingCallOptions {
  readonly getWindow: () => BrowserWindow | undefined
  readonly log: Logger
}

/** Title and body of the notification, in Dutch like the rest of the UI. */
export function incomingCallText(notice: IncomingCallNotice): { title: string; body: string } {
  const lines = [`Beller: ${notice.callerNumber}`]
  if (notice.klantcontactnummer !== undefined) {
    lines.push(`Klantcontact ${notice.klantcontactnummer}`)
  }
  return { title: 'Inkomend gesprek', body: lines.join('\n') }
}

export function registerIncomingCallHandler(handle: Handle, { getWindow, log }: IncomingCallOptions): void {
  // Held until it closes: a notification object that is garbage collected no longer emits
  // `click`. One at a time: a newer call replaces the older toast.
  let current: Notification | undefined

  const focusWindow = (): void => {
    const window = getWindow()
    if (window !== undefined) {
      bringToFront(window)
    }
  }

  handle(IpcChannel.CallIncomingNotify, ipcContract[IpcChannel.CallIncomingNotify].request, (notice) => {
    const supported = Notification.isSupported()
    if (supported) {
      current?.close()
      const notification = new Notification({
        ...incomingCallText(notice),
        // The renderer plays its own ringtone; a system sound on top would be a second one.
        silent: true,
      })
      notification.on('click', focusWindow)
      notification.on('close', () => {
        if (current === notification) {
          current = undefined
        }
      })
      notification.show()
      current = notification
    }
    if (!supported) {
      // Without OS notifications the raised window is the only signal left.
      focusWindow()
    }
    // The caller's number is personal data: log only what happened.
    log.info('incoming call notified', {
      notification: supported,
      withKlantcontact: notice.klantcontactnummer !== undefined,
    })
    return null
  })
}
