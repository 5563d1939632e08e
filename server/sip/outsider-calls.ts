import type { SipRequest, SipResponse } from 'sip'
import { hasToTag, isRequest } from './messages'
import type { Flow } from './ws-transport'

/**
 * The calls of connections that never authenticated (guests: the demo caller page). Such a
 * connection is closed after a while (ws-transport.ts), but not while its call rings or lasts. The
 * proxy keeps no dialog state, so this watches the connection's own messages: its initial INVITE
 * starts a call, a 2xx to it makes the call last, a failure or a BYE either way ends it.
 */
export interface OutsiderCalls {
  observe(flow: Flow, message: SipRequest | SipResponse, direction: 'in' | 'out'): void
  inCall(flow: Flow): boolean
  forget(flow: Flow): void
}

/** More calls than a caller page ever has at once; beyond it an outsider gains nothing by flooding. */
const MAX_CALLS_PER_CONNECTION = 8

export function createOutsiderCalls(): OutsiderCalls {
  const calls = new Map<string, Map<string, 'ringing' | 'established'>>()

  return {
    observe(flow, message, direction) {
      if (flow.authenticated.size > 0) {
        return
      }
      const callId = message.headers['call-id']
      const ofFlow = calls.get(flow.id)
      if (isRequest(message)) {
        if (message.method === 'BYE') {
          ofFlow?.delete(callId)
        } else if (message.method === 'INVITE' && direction === 'in' && !hasToTag(message)) {
          const entry = ofFlow ?? new Map<string, 'ringing' | 'established'>()
          if (!entry.has(callId) && entry.size < MAX_CALLS_PER_CONNECTION) {
            entry.set(callId, 'ringing')
            calls.set(flow.id, entry)
          }
        }
        return
      }
      if (direction !== 'out' || message.headers.cseq.method !== 'INVITE' || !ofFlow?.has(callId)) {
        return
      }
      if (message.status >= 200 && message.status < 300) {
        ofFlow.set(callId, 'established')
      } else if (message.status >= 300 && ofFlow.get(callId) === 'ringing') {
        ofFlow.delete(callId) // a failed re-INVITE leaves an established call as it is
      }
    },

    inCall(flow) {
      return (calls.get(flow.id)?.size ?? 0) > 0
    },

    forget(flow) {
      calls.delete(flow.id)
    },
  }
}
