import type { StoreApi } from 'zustand'
import type { Klantcontactnummer } from '../../../shared/klantcontact/klantcontactnummer'
import { isGatewayError } from '../api/errors'
import type { GatewayApi } from '../api/gateway-client'
import { createLogger, type Logger } from '../log'
import type { StoreState } from '../store/types'
import { nummerOf } from '../workspace/call-classification'
import type { CallEventSource } from '../workspace/call-events'
import { missingCaseError } from '../lib/missing-case'
import { openedErrorOf } from './error-of'

/**
 * The receiving side of a transfer ("overname van gesprek"). It follows the call coordinator's call
 * events (workspace/call-events.ts): when a call is classified as transferred
 * (workspace/call-classification.ts: its klantcontactnummer came in the SIP signalling, from the
 * gateway's live transfer offer, or from the consult call it replaced), the klantcontact opens
 * while the call still rings, resolved through the gateway's transfer record and never on the
 * nummer alone, since anyone can put a header in an INVITE: a nummer no record addresses to this
 * agent or its afdeling (a forged header from an outside caller) gets 404 and opens nothing.
 *
 * Attended transfer completed: the customer's call replaces the consult call (INVITE with
 * Replaces, RFC 3891) under a new id; the open klantcontact, matched by nummer, stays and goes with
 * the customer's call.
 *
 * A transferred call that ends without this agent answering it (declined, rung out, cancelled by
 * the colleague, or answered by another member of the afdeling) takes its klantcontact off the
 * screen: there is no call to go with it, and it was never this agent's to answer.
 */
export interface TransferReceiverOptions {
  readonly events: CallEventSource
  readonly store: Pick<StoreApi<StoreState>, 'getState'>
  readonly api: Pick<GatewayApi, 'resolveTransfer'>
  readonly logger?: Logger
}

/** The latest call the events told of (ended or not): where a resolved klantcontact goes. */
interface Latest {
  readonly callId: string
  readonly replacedCallId?: string
  readonly nummer: Klantcontactnummer | undefined
}

/** Starts following calls; returns the function that stops it. */
export function startTransferReceiver(options: TransferReceiverOptions): () => void {
  const { store, api } = options
  const log = options.logger ?? createLogger('incoming-transfer:receiver')
  /** Nummers being resolved: a call replacing the consult call meanwhile must not ask again. */
  const pending = new Set<string>()
  let latest: Latest | undefined
  let stopped = false
  /** Calls that ended before this agent answered: a klantcontact resolved for one of them is not shown. */
  const unanswered = new Set<string>()

  /** The call the klantcontact should go with now: `callId`, or the call that replaced it; else none. */
  const callNowFor = (callId: string, nummer: Klantcontactnummer): string | undefined =>
    latest !== undefined &&
    (latest.callId === callId || latest.replacedCallId === callId || latest.nummer === nummer)
      ? latest.callId
      : undefined

  const resolve = async (callId: string, nummer: Klantcontactnummer): Promise<void> => {
    pending.add(nummer)
    try {
      const { klantcontact } = await api.resolveTransfer(nummer)
      const now = callNowFor(callId, nummer)
      if (stopped || now === undefined || unanswered.has(now)) {
        log.debug({ callId }, 'transfer resolved after its call was gone')
        return
      }
      store.getState().opened.show({ source: 'transfer', nummer, callId: now }, klantcontact)
      log.info({ callId: now }, 'transferred klantcontact opened')
    } catch (error) {
      if (stopped) {
        return
      }
      if (isGatewayError(error) && (error.status === 404 || error.status === 400)) {
        // No transfer record addresses this agent (the gateway audits it as a security event).
        log.warn(
          { callId },
          'call carried a klantcontactnummer no transfer addresses to this agent; nothing opened',
        )
        return
      }
      const failure = openedErrorOf(error)
      log.warn({ callId, kind: failure.kind }, 'transferred klantcontact not opened')
      const now = callNowFor(callId, nummer)
      if (now !== undefined && !unanswered.has(now)) {
        store.getState().opened.fail({ source: 'transfer', nummer, callId: now }, failure)
      }
    } finally {
      pending.delete(nummer)
    }
  }

  const receive = (callId: string, nummer: Klantcontactnummer): void => {
    if (pending.has(nummer)) {
      return
    }
    const { opened } = store.getState()
    if (opened.nummer === nummer && (opened.status === 'ready' || opened.status === 'loading')) {
      opened.followCall(nummer, callId)
      log.debug({ callId }, 'open klantcontact follows the call')
      return
    }
    void resolve(callId, nummer)
  }

  const unsubscribe = options.events.subscribe((event) => {
    switch (event.type) {
      case 'rang':
      case 'replaced':
      case 'reclassified': {
        const nummer = nummerOf(event.classification)
        latest = {
          callId: event.callId,
          ...(event.type === 'replaced' ? { replacedCallId: event.replacedCallId } : {}),
          nummer,
        }
        if (nummer !== undefined && event.call.state !== 'ended') {
          receive(event.callId, nummer)
        }
        return
      }
      case 'answering':
      case 'answered':
        return
      case 'ended': {
        if (event.call.answeredAt !== undefined || event.handledMs !== undefined) {
          return
        }
        unanswered.add(event.callId)
        const { opened } = store.getState()
        if (opened.source === 'transfer' && opened.callId === event.callId && opened.status !== 'idle') {
          opened.close()
          log.info({ callId: event.callId }, 'transferred call ended unanswered; its klantcontact closed')
        }
        return
      }
      default:
        throw missingCaseError(event)
    }
  })
  return () => {
    stopped = true
    unsubscribe()
  }
}
