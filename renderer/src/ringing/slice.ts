import type { StateCreator } from 'zustand'
import type { StoreState } from '../store/types'

/**
 * Who is calling, for the call that rings now: the number looked up among the known partijen at
 * ring (GET /api/partijen?telefoonnummer=), so the ringing call shows a name before anyone answers,
 * the draft made at Opnemen can offer it, and a missed call keeps it. Only the latest call is kept,
 * in memory (never persisted): the softphone has one call at a time.
 */
export interface RingingCaller {
  /** The softphone's call id. */
  readonly callId: string
  /** `looking` while the lookup runs; `known` with the first match; `unknown` otherwise. */
  readonly lookup: 'looking' | 'known' | 'unknown'
  readonly partij?: { readonly uuid: string; readonly naam: string }
}

export interface RingingSlice {
  readonly ringing: {
    /** Keyed by call id; holds at most the current call. */
    readonly callers: Readonly<Record<string, RingingCaller>>
    /** A new call's caller replaces the previous one; a later result for the same call updates it. */
    setCaller(caller: RingingCaller): void
    clear(): void
  }
}

export const createRingingSlice: StateCreator<StoreState, [], [], RingingSlice> = (set) => ({
  ringing: {
    callers: {},
    setCaller: (caller) =>
      set((state) => ({ ringing: { ...state.ringing, callers: { [caller.callId]: caller } } })),
    clear: () => set((state) => ({ ringing: { ...state.ringing, callers: {} } })),
  },
})
