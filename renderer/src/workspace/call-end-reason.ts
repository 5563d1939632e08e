import type { CallEndReason } from '../../../shared/live/protocol'
import type { CallSnapshot, TransferSnapshot } from '../softphone/types'

/**
 * Why a call ended, for the live hub's counters: passed on to a colleague, talked, answered by a
 * colleague it also rang for, or never answered. Only an inbound call that was never answered is
 * `abandoned` (a caller who hung up while waiting); an outbound call that never connected (busy,
 * no answer, declined, unreachable) is `failed`: nobody waited for this afdeling.
 */
export function endReason(call: CallSnapshot, transfer: TransferSnapshot | null): CallEndReason {
  if (transfer?.state === 'completed') {
    return 'transferred'
  }
  if (call.answeredAt !== undefined) {
    return 'completed'
  }
  if (call.direction === 'outbound') {
    return 'failed'
  }
  return call.answeredElsewhere ? 'answered_elsewhere' : 'abandoned'
}
