import type { StateCreator } from 'zustand'
import type { MonitorMode } from '../../../shared/live/protocol'
import type { StoreState } from '../store/types'

/**
 * The supervisor's own monitoring session as plain data (docs/supervisor.md); monitor-service.ts
 * drives it:
 *
 *   starting ──POST 201──▶ active ──Stoppen / monitor call over──▶ (none)
 *       └──refused──▶ failed (the gateway's reason, until the next try)
 */
export type MonitorIntent =
  | { readonly status: 'starting'; readonly agent: string; readonly mode: MonitorMode }
  | { readonly status: 'active'; readonly id: string; readonly agent: string; readonly mode: MonitorMode }
  | {
      readonly status: 'failed'
      readonly agent: string
      readonly mode: MonitorMode
      readonly message: string
    }

export interface MonitorSlice {
  readonly monitoring: {
    readonly intent: MonitorIntent | null
    setIntent(intent: MonitorIntent | null): void
  }
}

export const createMonitorSlice: StateCreator<StoreState, [], [], MonitorSlice> = (set) => ({
  monitoring: {
    intent: null,
    setIntent: (intent) => set((state) => ({ monitoring: { ...state.monitoring, intent } })),
  },
})
