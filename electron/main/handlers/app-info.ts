import { app } from 'electron'
import { IpcChannel, ipcContract } from '../../../shared/ipc'
import type { Handle } from '../ipc'

/** `app:info:get`: name and version of the running app, for the renderer's header. */
export function registerAppInfoHandler(handle: Handle): void {
  handle(IpcChannel.AppInfoGet, ipcContract[IpcChannel.AppInfoGet].request, () => ({
    name: app.getName(),
    version: app.getVersion(),
  }))
}
