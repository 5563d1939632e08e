import type { StoreApi } from 'zustand'
import type { StoreState } from '../store/types'
import type { RingingCaller } from '../ringing/slice'
import type { CallEvent, CallEventSource } from '../workspace/call-events'
import type { MissedCall } from './slice'

type Ended = Extract<CallEvent, { type: 'ended' }>

/**
 * The missed call an ended call leaves, if any: a customer's or a colleague's call that rang here
 * and was answered by nobody (the caller hung up, or the ring ran out). Not a call a colleague
 * answered (the proxy's CANCEL said so, RFC 3326 `cause=200`), one the agent declined, a transfer
 * (the colleague who passed it on follows it up) or one that never rang (Replaces).
 */
export function missedCallOf(event: Ended, caller: RingingCaller | undefined): MissedCall | undefined {
  const { call, classification } = event
  if (
    (classification.kind !== 'customer' && classification.kind !== 'colleague') ||
    call.direction !== 'inbound' ||
    call.answeredAt !== undefined ||
    call.answeredElsewhere === true ||
    call.declined === true ||
    call.startedAt === undefined
  ) {
    return undefined
  }
  return {
    id: call.id,
    sipCallId: call.sipCallId,
    number: call.remoteNumber,
    ...(caller?.partij !== undefined ? { naam: caller.partij.naam } : {}),
    at: call.startedAt,
  }
}

/**
 * Puts every missed call on the "Gemiste oproepen" list (missed-calls/slice.ts), with the caller
 * the number lookup at ring found. Subscribe it after the screen pop, as workspace/runtime.ts does.
 * Stopping it (at logout) empties the list: the next agent on this PC does not see it.
 */
export function startMissedCalls(options: {
  readonly events: CallEventSource
  readonly store: Pick<StoreApi<StoreState>, 'getState'>
}): () => void {
  const { store } = options
  const unsubscribe = options.events.subscribe((event) => {
    if (event.type !== 'ended') {
      return
    }
    const missed = missedCallOf(event, store.getState().ringing.callers[event.callId])
    if (missed !== undefined) {
      store.getState().missedCalls.add(missed)
    }
  })
  return () => {
    unsubscribe()
    store.getState().missedCalls.clear()
  }
}
