import type { StateCreator } from 'zustand'
import type { KlantbeeldView } from '../../../shared/gateway/klantbeeld'
import type { StoreState } from '../store/types'

/**
 * Who is calling, for the call that rings now: the caller's picture looked up at ring
 * (GET /api/klantbeeld?telefoonnummer=: the known partijen, their earlier klantcontacten and open
 * contactverzoeken), so the ringing call shows it before anyone answers, the draft made at Opnemen
 * shows it and offers the partij, and a missed call keeps the name. Only the latest call is kept,
 * in memory (never persisted): the softphone has one call at a time.
 */
export interface RingingCaller {
  /** The softphone's call id. */
  readonly callId: string
  /**
   * `looking` while the lookup runs; `known` with a partij; `unknown` without one (the picture may
   * still hold klantcontacten the number was given at); `failed` when the gateway did not answer.
   */
  readonly lookup: 'looking' | 'known' | 'unknown' | 'failed'
  /** The first partij of the picture: the name a missed call keeps. */
  readonly partij?: { readonly uuid: string; readonly naam: string }
  /** The whole picture, once the gateway answered. */
  readonly picture?: KlantbeeldView
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
