import type { StoreApi } from 'zustand'
import type { PartijMatchView } from '../../../shared/gateway/api'
import type { GatewayApi } from '../api/gateway-client'
import { createLogger, type Logger } from '../log'
import type { StoreState } from '../store/types'
import { missingCaseError } from '../lib/missing-case'
import { lookUpCaller } from '../ringing/caller-lookup'
import type { CallSnapshot } from '../softphone/types'
import type { CallClassification } from '../workspace/call-classification'
import type { CallEventSource } from '../workspace/call-events'
import { isEditable, type KlantcontactDraft } from './draft'

/**
 * The screen pop belongs to the agent who answers. A group call rings several agents at once, so
 * a ringing call only shows who calls (ringing/RingingCall.tsx, with the number looked up among
 * the known partijen at ring) and the klantcontact opens at Opnemen, focused on Naam klant, with
 * plaatsgevondenOp the ring time. The agent who set "open bij overgaan" (settings.openOnRing) gets
 * it at ring instead; when such a call then ends unanswered here (a colleague took it, the caller
 * hung up, the agent declined), its draft goes as long as the agent typed nothing into it.
 *
 * It follows the call coordinator's call events (workspace/call-events.ts), which say what each
 * call is (workspace/call-classification.ts): a customer's or a colleague's call gets a draft; a
 * transferred call does not (the colleague's klantcontact opens by its nummer,
 * incoming-transfer/transfer-receiver.ts), nor does the customer's call that replaced a consult
 * call (INVITE with Replaces, RFC 3891): it never rang, and the consult call had its own. A draft
 * still being written for the same SIP Call-ID (the queue rang the caller again after a reload or
 * a missed ring) carries on from the ring: it is not a new draft.
 */
export interface ScreenPopOptions {
  readonly events: CallEventSource
  readonly store: Pick<StoreApi<StoreState>, 'getState'>
  readonly api: Pick<GatewayApi, 'klantbeeld'>
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
  /** Call id → the draft the screen pop made (or carried on) for it. */
  const opened = new Map<string, string>()
  /** Call id → its caller lookup, started at ring. */
  const lookups = new Map<string, Promise<PartijMatchView | undefined>>()

  const openDraft = (call: CallSnapshot): void => {
    const id = store.getState().klantcontact.openForCall({
      agentLogin,
      callId: call.id,
      sipCallId: call.sipCallId,
      callerNumber: call.remoteNumber,
      at: call.startedAt ?? now(),
    })
    opened.set(call.id, id)
    log.debug({ id, callId: call.id }, 'screen pop')
    const lookup = lookups.get(call.id)
    if (lookup !== undefined) {
      void lookup.then((match) => offer(id, match))
    }
  }

  /** The known partij's name, offered and never filled in: the caller may be someone else on the line. */
  const offer = (id: string, match: PartijMatchView | undefined): void => {
    const draft = store.getState().klantcontact.drafts[id]
    // The agent may have typed or accepted a name meanwhile; an offer then would only distract.
    if (match !== undefined && draft?.suggestion === undefined && draft?.partijUuid === undefined) {
      store.getState().klantcontact.setSuggestion(id, match)
    }
  }

  /** A draft still being written for this SIP Call-ID. */
  const resumable = (call: CallSnapshot): boolean =>
    call.sipCallId !== '' &&
    Object.values(store.getState().klantcontact.drafts).some(
      (draft) =>
        draft.agentLogin === agentLogin && draft.sipCallId === call.sipCallId && isEditable(draft.status),
    )

  const unsubscribe = options.events.subscribe((event) => {
    const actions = store.getState().klantcontact
    switch (event.type) {
      case 'rang': {
        const { call, classification } = event
        if (!popsUp(classification) || call.state === 'ended') {
          return
        }
        lookups.clear()
        lookups.set(
          call.id,
          lookUpCaller({ store, api: options.api, logger: log }, call.id, call.remoteNumber),
        )
        if (store.getState().settings.openOnRing || resumable(call)) {
          openDraft(call)
        }
        return
      }
      // The draft opens the moment the agent presses Opnemen, not after the network's answer: the
      // agent starts typing while the audio still connects. An answer that then fails ends the call
      // unanswered, and the 'ended' case below discards the untouched draft.
      case 'answering':
      case 'answered':
        if (popsUp(event.classification) && !opened.has(event.callId)) {
          openDraft(event.call)
        }
        return
      case 'reclassified': {
        // The one call that has a draft and turns out to be a transfer: the live offer naming its
        // nummer (a PBX stripped it from the INVITE) came after the call began ringing, so the draft
        // was already made. The colleague's klantcontact opens instead (the transfer receiver), and
        // the draft goes, as long as the agent has typed nothing into it (then it is theirs).
        const draft = draftOf(opened.get(event.callId))
        if (event.classification.kind === 'transferred' && draft !== undefined && isUntouched(draft)) {
          actions.dismiss(draft.id, { discardUnsaved: true })
          opened.delete(event.callId)
          log.debug({ id: draft.id }, 'screen pop draft replaced by the transferred klantcontact')
        }
        return
      }
      case 'ended': {
        // Rang here and ended without being answered here: no orphan draft of an untouched ring.
        const draft = draftOf(opened.get(event.callId))
        if (draft !== undefined && event.call.answeredAt === undefined && isUntouched(draft)) {
          actions.dismiss(draft.id, { discardUnsaved: true })
          log.debug({ id: draft.id }, 'screen pop draft of an unanswered call discarded')
        }
        opened.delete(event.callId)
        lookups.delete(event.callId)
        return
      }
      case 'replaced':
        return
      default:
        throw missingCaseError(event)
    }
  })
  return () => {
    unsubscribe()
    // Who called is nobody's business after logout.
    store.getState().ringing.clear()
  }

  function draftOf(id: string | undefined): KlantcontactDraft | undefined {
    return id === undefined ? undefined : store.getState().klantcontact.drafts[id]
  }
}

/** A customer's or a colleague's call gets a draft of its own. */
function popsUp(classification: CallClassification): boolean {
  return classification.kind === 'customer' || classification.kind === 'colleague'
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
