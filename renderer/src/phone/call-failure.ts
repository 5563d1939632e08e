import type { CallFailure, CallSnapshot } from '../softphone/types'

/**
 * Why an outbound call ended without being answered, as the softphone reports it on the call
 * (`failure`, softphone/call/call-failure.ts), in the words of phone/messages.ts.
 */
export type CallFailureReason = CallFailure['reason']

/** The reason an ended outbound call was not answered, or undefined (answered, inbound, still on). */
export function callFailureOf(call: CallSnapshot | null): CallFailureReason | undefined {
  if (call === null || call.state !== 'ended' || call.direction !== 'outbound') {
    return undefined
  }
  return call.failure?.reason
}
