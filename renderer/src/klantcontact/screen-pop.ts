import type { StoreApi } from 'zustand'
import type { GatewayApi } from '../api/gateway-client'
import { createLogger, type Logger } from '../log'
import type { StoreState } from '../store/types'
import { missingCaseError } from '../lib/missing-case'
import type { CallEventSource } from '../workspace/call-events'
import type { KlantcontactDraft } from './draft'
import { suggestPartij } from './partij-suggestion'

/**
 * The screen pop: the moment an inbound call rings, a new klantcontact opens and takes focus, with
 * plaatsgevondenOp the ring time, replaced by the answer time when the call is answered. It follows
 * the call coordinator's call events (workspace/call-events.ts), which say what each call is
 * (workspace/call-classification.ts): a customer's or a colleague's call gets a draft; a
 * transferred call does not (the colleague's klantcontact opens by its nummer,
 * incoming-transfer/transfer-receiver.ts), nor does the customer's call that replaced a consult
 * call (INVITE with Replaces, RFC 3891): it never rang, and the consult call had its own.
 */
export interface ScreenPopOptions {
  readonly events: CallEventSource
  readonly store: Pick<StoreApi<StoreState>, 'getState'>
  readonly api: Pick<GatewayApi, 'partijenByTelefoonnummer'>
  readonly agentLogin: string
  readonly logger?: Logger
  /** Epoch ms, for a call record without `startedAt`. */
  readonly now?: () => number
}

/** Starts following calls; returns the function that stops it. */
export function startScreenPop(options: ScreenPopOptions): () => void {
  const { store, agentLogin } = options
  const log = options.logger ?? createLogger('klantcontact:screen-pop')
  const now = options.now ?? Date.now
  /** Call id → the draft the screen pop made for it. */
  const opened = new Map<string, string>()

  return options.events.subscribe((event) => {
    const actions = store.getState().klantcontact
    switch (event.type) {
      case 'rang': {
        const { call, classification } = event
        if (
          (classification.kind !== 'customer' && classification.kind !== 'colleague') ||
          call.state === 'ended'
        ) {
          return
        }
        const id = actions.openForCall({
          agentLogin,
          callId: call.id,
          sipCallId: call.sipCallId,
          callerNumber: call.remoteNumber,
          at: call.startedAt ?? now(),
        })
        opened.set(call.id, id)
        log.debug({ id, callId: call.id }, 'screen pop')
        void suggestPartij({ store, api: options.api, logger: log }, id)
        return
      }
      case 'answered':
        if (opened.has(event.callId)) {
          actions.callAnswered(event.callId, event.answeredAt)
        }
        return
      case 'reclassified': {
        // The one call that has a draft and turns out to be a transfer: the live offer naming its
        // nummer (a PBX stripped it from the INVITE) came after the call began ringing, so the draft
        // was already made. The colleague's klantcontact opens instead (the transfer receiver), and
        // the draft goes, as long as the agent has typed nothing into it (then it is theirs).
        const draftId = opened.get(event.callId)
        const draft = draftId !== undefined ? actions.drafts[draftId] : undefined
        if (event.classification.kind === 'transferred' && draft !== undefined && isUntouched(draft)) {
          actions.dismiss(draft.id, { discardUnsaved: true })
          log.debug({ id: draft.id }, 'screen pop draft replaced by the transferred klantcontact')
        }
        return
      }
      case 'ended':
        opened.delete(event.callId)
        return
      case 'replaced':
        return
      default:
        throw missingCaseError(event)
    }
  })
}

function isUntouched(draft: KlantcontactDraft): boolean {
  return (
    draft.status === 'editing' &&
    draft.naamKlant.trim() === '' &&
    draft.onderwerp.trim() === '' &&
    draft.inhoud.trim() === '' &&
    draft.partijUuid === undefined
  )
}
