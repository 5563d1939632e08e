import type { AgentBridge } from '../../../shared/bridge'
import type { LiveConnection } from '../live/live-connection'
import type { Logger } from '../log'
import { rangHere } from './call-classification'
import { missingCaseError } from '../lib/missing-case'
import type { CallEventSource } from './call-events'

/**
 * What the live hub hears of the agent's calls, from the call events: each call once as it starts
 * (by its record id, unique per forked leg), and once as it ends, with why and how long it was
 * handled, and once as it is answered (the hub stamps that moment). Calls with a colleague are marked internal: they are not counted as customer calls on
 * the supervisor's view. The nummer told is the one the signalling carried; a nummer from a live
 * offer reaches the hub through call-context.ts once its klantcontact is open. Returns the
 * unsubscribe.
 */
export function reportCallsToLive(
  events: CallEventSource,
  live: Pick<LiveConnection, 'callStarted' | 'callEnded'>,
): () => void {
  return events.subscribe((event) => {
    switch (event.type) {
      case 'rang':
      case 'replaced': {
        const { call } = event
        live.callStarted({
          callId: event.callId,
          direction: call.direction,
          callerNumber: call.remoteNumber,
          ...(call.klantcontactnummer ? { klantcontactnummer: call.klantcontactnummer } : {}),
          ...(event.internal ? { internal: true } : {}),
          // A call that replaced our consult never rang: the agent is already talking.
          ...(call.answeredAt !== undefined ? { answered: true } : {}),
        })
        return
      }
      case 'ended':
        live.callEnded(event.callId, event.reason, event.handledMs)
        return
      case 'answered':
        // The hub stamps the answer time with the gateway's clock: every screen counts from it.
        live.callStarted({
          callId: event.callId,
          direction: event.call.direction,
          callerNumber: event.call.remoteNumber,
          answered: true,
        })
        return
      case 'answering':
      case 'reclassified':
        return
      default:
        throw missingCaseError(event)
    }
  })
}

/**
 * Asks the desktop shell to bring the window forward (an OS notification) when an inbound call
 * rings. A call that replaced our consult call never rang: the agent is already talking. Returns
 * the unsubscribe.
 */
export function noticeIncomingCalls(events: CallEventSource, bridge: AgentBridge, log: Logger): () => void {
  return events.subscribe((event) => {
    if (event.type !== 'rang' || !rangHere(event.classification) || !bridge.calls) {
      return
    }
    const { call } = event
    void bridge.calls
      .notifyIncoming({
        callerNumber: call.remoteNumber,
        ...(call.klantcontactnummer ? { klantcontactnummer: call.klantcontactnummer } : {}),
      })
      .catch((error: unknown) => log.warn({ error: String(error) }, 'notification failed'))
  })
}
