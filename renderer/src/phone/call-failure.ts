import type { CallSnapshot } from '../softphone/types'

/**
 * Why an outbound call ended without being answered, as the softphone reports it on the call
 * (`failure`), in the words of phone/messages.ts.
 */
export type CallFailureReason =
  'busy' | 'declined' | 'no_answer' | 'not_found' | 'unavailable' | 'network' | 'other'

interface WithFailure {
  readonly failure?: { readonly statusCode?: number; readonly reason: CallFailureReason }
}

/** The reason an ended outbound call was not answered, or undefined (answered, inbound, still on). */
export function callFailureOf(call: CallSnapshot | null): CallFailureReason | undefined {
  if (call === null || call.state !== 'ended' || call.direction !== 'outbound') {
    return undefined
  }
  return (call as CallSnapshot & WithFailure).failure?.reason
}
