import type { StateCreator } from 'zustand'
import type { AgentBridge } from '../../../shared/bridge'
import { appInfo, parseIpcResult, type AppInfo, type IpcError } from '../../../shared/ipc'
import { createLogger } from '../log'
import type { StoreState } from './types'

const log = createLogger('store:app')

/**
 * What the renderer knows about the app it runs in.
 *
 *   idle ──loadInfo(bridge)──▶ loading ──▶ ready | failed
 *   idle ──loadInfo(undefined)──▶ unavailable   (plain browser: no preload, no bridge)
 */
export type AppInfoState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly info: AppInfo }
  | { readonly status: 'failed'; readonly error: IpcError }
  | { readonly status: 'unavailable' }

export interface AppSlice {
  readonly app: {
    readonly info: AppInfoState
    /** Asks the desktop bridge once; later calls are no-ops while loading or done. */
    loadInfo(bridge: AgentBridge | undefined): Promise<void>
  }
}

export const createAppSlice: StateCreator<StoreState, [], [], AppSlice> = (set, get) => {
  const setInfo = (info: AppInfoState): void => {
    set((state) => ({ app: { ...state.app, info } }))
  }

  return {
    app: {
      info: { status: 'idle' },
      loadInfo: async (bridge) => {
        if (get().app.info.status !== 'idle') {
          return
        }
        if (bridge === undefined) {
          setInfo({ status: 'unavailable' })
          return
        }
        setInfo({ status: 'loading' })
        let reply: unknown
        try {
          reply = await bridge.app.getInfo()
        } catch (error) {
          reply = { ok: false, error: { code: 'INTERNAL', message: String(error) } }
        }
        // window.kcc is whatever the page found there; check the reply like any foreign input.
        const result = parseIpcResult(reply, appInfo)
        if (result.ok) {
          setInfo({ status: 'ready', info: result.value })
        } else {
          log.warn({ code: result.error.code }, 'app info unavailable')
          setInfo({ status: 'failed', error: result.error })
        }
      },
    },
  }
}
