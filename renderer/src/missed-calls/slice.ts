import type { StateCreator } from 'zustand'
import type { StoreState } from '../store/types'

/**
 * Calls that rang at this agent and were not answered by anyone (the caller hung up, or the ring
 * ran out), so the agent can call back. A call a colleague answered ("elders opgenomen") is not
 * missed. Kept in memory until logout.
 */
export interface MissedCall {
  /** The softphone's call id. */
  readonly id: string
  readonly sipCallId: string
  /** The caller's number or extension, as shown (remoteNumber). */
  readonly number: string
  /** A known partij's name, when the number lookup found exactly one. */
  readonly naam?: string
  /** Epoch ms the call rang. */
  readonly at: number
}

export interface MissedCallsSlice {
  readonly missedCalls: {
    readonly calls: readonly MissedCall[]
    add(call: MissedCall): void
    remove(id: string): void
    clear(): void
  }
}

/** The list holds the newest this many; older ones drop off. */
export const MISSED_CALLS_LIMIT = 50

export const createMissedCallsSlice: StateCreator<StoreState, [], [], MissedCallsSlice> = (set) => {
  const patch = (calls: readonly MissedCall[]): void =>
    set((state) => ({ missedCalls: { ...state.missedCalls, calls } }))
  return {
    missedCalls: {
      calls: [],
      add: (call) =>
        set((state) => ({
          missedCalls: {
            ...state.missedCalls,
            calls: [call, ...state.missedCalls.calls.filter((c) => c.id !== call.id)].slice(
              0,
              MISSED_CALLS_LIMIT,
            ),
          },
        })),
      remove: (id) =>
        set((state) => ({
          missedCalls: { ...state.missedCalls, calls: state.missedCalls.calls.filter((c) => c.id !== id) },
        })),
      clear: () => patch([]),
    },
  }
}
