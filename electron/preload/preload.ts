import { contextBridge, ipcRenderer } from 'electron'
import { createBridge } from './bridge'

// Sandboxed preload (security checklist #4): bundled into one CJS file that requires only
// `electron`. Only the named bridge methods cross into the page (#3); ipcRenderer stays here.
contextBridge.exposeInMainWorld(
  'kcc',
  createBridge((channel, ...args) => ipcRenderer.invoke(channel, ...args)),
)
