import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { createBridge } from './bridge'

// Sandboxed preload (security checklist #4): bundled into one CJS file that requires only
// `electron`. Only the named bridge methods cross into the page (#3); ipcRenderer stays here.
contextBridge.exposeInMainWorld(
  'kcc',
  createBridge(
    (channel, ...args) => ipcRenderer.invoke(channel, ...args),
    (channel, listener) => {
      const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload)
      ipcRenderer.on(channel, forward)
      return () => {
        ipcRenderer.removeListener(channel, forward)
      }
    },
  ),
)
