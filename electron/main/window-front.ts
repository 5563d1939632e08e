import { app, type BrowserWindow } from 'electron'

/**
 * Brings the app window in front of the agent: for a ringing call and when a second instance is
 * started. Uses only documented Electron APIs:
 *
 * - `restore()` first: a minimised window is not raised by `show()`/`focus()` on every platform.
 * - `show()` and `focus()`: show "Shows and gives focus to the window"; focus is repeated for
 *   window managers that show without activating.
 * - `moveTop()`: "Moves window to top (z-order) regardless of focus". Windows refuses focus to a
 *   process that is not in the foreground (the foreground lock described for SetForegroundWindow)
 *   and flashes the taskbar button instead; moveTop still puts the window on top, so the agent
 *   sees the call. We do not use the `setAlwaysOnTop(true); focus(); setAlwaysOnTop(false)` toggle:
 *   its effect on focus is an undocumented side effect that Windows may close at any time.
 * - macOS: `app.focus({ steal: true })` "Make the receiver the active app even if another app is
 *   currently active"; without it focus() only orders the window within an inactive app. The docs
 *   ask to use `steal` sparingly: here it is the agent's own action (second launch) or a call.
 */
export function bringToFront(window: BrowserWindow, platform: NodeJS.Platform = process.platform): void {
  if (window.isDestroyed()) {
    return
  }
  if (window.isMinimized()) {
    window.restore()
  }
  window.show()
  window.moveTop()
  if (platform === 'darwin') {
    app.focus({ steal: true })
  }
  window.focus()
}
