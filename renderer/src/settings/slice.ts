import type { StateCreator } from 'zustand'
import type { StoreState } from '../store/types'

/**
 * The agent's own preferences for this workplace (this PC's browser profile), kept in localStorage
 * under {@link SETTINGS_KEY}. None holds personal data.
 */
export interface WorkplaceSettings {
  /**
   * "Open bij overgaan": a ringing call opens its klantcontact at once instead of at Opnemen. Off by
   * default: a group call rings several agents, and only the one who answers needs the case.
   */
  readonly openOnRing: boolean
  /** Electron only: bring the window to the front when a call rings. */
  readonly bringToFront: boolean
}

export const SETTINGS_KEY = 'kcc.settings.v1'

export const DEFAULT_SETTINGS: WorkplaceSettings = { openOnRing: false, bringToFront: false }

export interface SettingsSlice {
  readonly settings: WorkplaceSettings & {
    setSetting<K extends keyof WorkplaceSettings>(key: K, value: WorkplaceSettings[K]): void
  }
}

export interface SettingsStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

/** The stored settings, each field checked; anything unreadable falls back to its default. */
export function readSettings(storage: SettingsStorage | undefined): WorkplaceSettings {
  try {
    const raw = storage?.getItem(SETTINGS_KEY)
    const parsed: unknown = raw ? JSON.parse(raw) : undefined
    const value = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {}
    return {
      openOnRing: typeof value.openOnRing === 'boolean' ? value.openOnRing : DEFAULT_SETTINGS.openOnRing,
      bringToFront:
        typeof value.bringToFront === 'boolean' ? value.bringToFront : DEFAULT_SETTINGS.bringToFront,
    }
  } catch {
    return DEFAULT_SETTINGS
  }
}

export function createSettingsSlice(
  storage: SettingsStorage | undefined,
): StateCreator<StoreState, [], [], SettingsSlice> {
  return (set, get) => ({
    settings: {
      ...readSettings(storage),
      setSetting: (key, value) => {
        set((state) => ({ settings: { ...state.settings, [key]: value } }))
        const { openOnRing, bringToFront } = get().settings
        try {
          storage?.setItem(SETTINGS_KEY, JSON.stringify({ openOnRing, bringToFront }))
        } catch {
          // Storage full or disabled: the choice holds for this page's life.
        }
      },
    },
  })
}
