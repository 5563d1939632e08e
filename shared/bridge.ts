import type { AppInfo, IpcResult } from './ipc'

/**
 * What the preload exposes to the renderer as `window.kcc`.
 *
 * Named methods only, grouped by domain: never a generic `invoke(channel)` / `send(channel)` and
 * never `ipcRenderer` or `process.env` (Electron security checklist #3 context isolation is only
 * as strong as the API handed across it). Every method resolves to an `IpcResult` instead of
 * rejecting, so failures are values the UI must handle. Future event subscriptions return an
 * unsubscribe function.
 */
export interface AgentBridge {
  readonly app: {
    getInfo(): Promise<IpcResult<AppInfo>>
  }
}
