import { create } from 'zustand'
import { persist, type StateStorage } from 'zustand/middleware'
import { durableStorage, klantcontactPersistOptions, memoryStorage } from '../klantcontact/persistence'
import { createKlantcontactSlice } from '../klantcontact/slice'
import { createOpenedSlice } from '../incoming-transfer/slice'
import { createMonitorSlice } from '../supervisor/monitor-slice'
import { createTransferSlice } from '../transfer/slice'
import { createMissedCallsSlice } from '../missed-calls/slice'
import { createRingingSlice } from '../ringing/slice'
import { createSettingsSlice, type SettingsStorage } from '../settings/slice'
import { createInboxSlice } from '../inbox/slice'
import { createAfhandelingSlice } from '../case/afhandeling-slice'
import { createWorkspaceSlice } from '../workspace/workspace-slice'
import { createAppSlice } from './app-slice'
import type { StoreState } from './types'

export interface AppStoreOptions {
  /** Where the persisted part lives; localStorage by default (tests pass an in-memory Storage). */
  readonly storage?: StateStorage
  /** Where the workplace settings live; localStorage by default. */
  readonly settingsStorage?: SettingsStorage
}

/**
 * The one renderer store, bound from slices (zustand slices pattern). Middleware goes here on the
 * combined store, never inside a slice: `persist` keeps the klantcontact drafts in localStorage
 * (klantcontact/persistence.ts says what and why), and hydrates synchronously at creation, so the
 * first render already shows them. Components read narrow selectors:
 * `useAppStore((s) => s.app.info)`.
 */
export function createAppStore(options: AppStoreOptions = {}) {
  const storage = durableStorage(options.storage ?? browserStorage())
  // A test that passes its own storage gets settings in memory unless it passes theirs too.
  const settingsStorage = options.settingsStorage ?? (options.storage ? undefined : browserSettingsStorage())
  return create<StoreState>()(
    persist(
      (...args) => ({
        ...createAppSlice(...args),
        ...createWorkspaceSlice(...args),
        ...createKlantcontactSlice(...args),
        ...createOpenedSlice(...args),
        ...createTransferSlice(...args),
        ...createMonitorSlice(...args),
        ...createMissedCallsSlice(...args),
        ...createRingingSlice(...args),
        ...createSettingsSlice(settingsStorage)(...args),
        ...createInboxSlice(...args),
        ...createAfhandelingSlice(...args),
      }),
      klantcontactPersistOptions(storage),
    ),
  )
}

export type AppStore = ReturnType<typeof createAppStore>

export const useAppStore: AppStore = createAppStore()

function browserSettingsStorage(): SettingsStorage | undefined {
  try {
    return typeof localStorage !== 'undefined' ? localStorage : undefined
  } catch {
    return undefined
  }
}

function browserStorage(): StateStorage {
  try {
    if (typeof localStorage !== 'undefined') {
      return localStorage
    }
  } catch {
    // Some embedders throw on access (storage disabled); fall through.
  }
  // No localStorage here (a test runner): drafts are kept in memory only.
  return memoryStorage()
}

export type { StoreState } from './types'
export type { AppInfoState, AppSlice } from './app-slice'
