import { create } from 'zustand'
import { createAppSlice } from './app-slice'
import type { StoreState } from './types'

/**
 * The one renderer store, bound from slices (zustand slices pattern). Middleware, if any, goes
 * here on the combined store, never inside a slice. Components read narrow selectors:
 * `useAppStore((s) => s.app.info)`.
 */
export const useAppStore = create<StoreState>()((...args) => ({
  ...createAppSlice(...args),
}))

export type { StoreState } from './types'
export type { AppInfoState, AppSlice } from './app-slice'
