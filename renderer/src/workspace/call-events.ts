import type { CallEndReason } from '../../../shared/live/protocol'
import type { CallSnapshot } from '../softphone/types'
import type { CallClassification } from './call-classification'

/**
 * What happens to the agent's calls, as the call coordinator (call-coordinator.ts) publishes it from
 * the softphone's snapshots, each event with the call's classification (call-classification.ts), so
 * no subscriber diffs snapshots or works out again what a call is. For one call, in this order:
 *
 * - `rang`: a new call, inbound ringing at this phone or outbound dialled;
 *   or `replaced`: a new call that took the place of an earlier one (INVITE with Replaces, RFC
 *   3891), already being answered; it never rang;
 * - `reclassified`: only while an inbound call rings, when what it is changes: the live transfer
 *   offer naming its klantcontactnummer arrived after the call began ringing;
 * - `answering`: only an inbound call: the agent pressed Opnemen; the answer is on its way (media
 *   and the 200 OK still to come), so what opens at Opnemen need not wait for the network;
 * - `answered`: the call was established;
 * - `ended`.
 *
 * `call` is the softphone's record as of the event: plain data, never a sip.js object.
 */
export type CallEvent =
  | {
      readonly type: 'rang'
      readonly callId: string
      readonly call: CallSnapshot
      readonly classification: CallClassification
      /** With a colleague or an afdeling's group address (call-classification.ts `isInternal`). */
      readonly internal: boolean
    }
  | {
      readonly type: 'replaced'
      readonly callId: string
      /** The call this one replaced (our consult call, on the receiving side of a warm transfer). */
      readonly replacedCallId: string
      readonly call: CallSnapshot
      readonly classification: CallClassification
      readonly replacedClassification: CallClassification
      readonly internal: boolean
    }
  | {
      readonly type: 'reclassified'
      readonly callId: string
      readonly call: CallSnapshot
      readonly classification: CallClassification
      readonly previous: CallClassification
    }
  | {
      readonly type: 'answering'
      readonly callId: string
      readonly call: CallSnapshot
      readonly classification: CallClassification
    }
  | {
      readonly type: 'answered'
      readonly callId: string
      readonly call: CallSnapshot
      readonly classification: CallClassification
      /** Epoch ms. */
      readonly answeredAt: number
    }
  | {
      readonly type: 'ended'
      readonly callId: string
      readonly call: CallSnapshot
      readonly classification: CallClassification
      /** Why, for the live hub's counters. */
      readonly reason: CallEndReason
      /** From the answer to the end; absent for a call never answered. */
      readonly handledMs?: number
    }

export type CallEventListener = (event: CallEvent) => void

/** The publisher: listeners run synchronously, in the order they subscribed. */
export class CallEvents {
  private readonly listeners = new Set<CallEventListener>()

  /** Calls `listener` with every event from now on; returns the unsubscribe function. */
  subscribe(listener: CallEventListener): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  publish(event: CallEvent): void {
    for (const listener of [...this.listeners]) {
      listener(event)
    }
  }
}

/** Subscribers need only this much of the publisher. */
export type CallEventSource = Pick<CallEvents, 'subscribe'>
