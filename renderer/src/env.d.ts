/// <reference types="vite/client" />
import type { AgentBridge } from '../../shared/bridge'

declare global {
  interface Window {
    /** Set by the Electron preload; undefined when the renderer runs in a plain browser. */
    readonly kcc?: AgentBridge
  }
}

export {}
