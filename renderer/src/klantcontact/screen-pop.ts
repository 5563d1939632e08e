import type { StoreApi } from 'zustand'
import type { GatewayApi } from '../api/gateway-client'
import { createLogger, type Logger } from '../log'
import type { CallSnapshot } from '../softphone/types'
import type { StoreState } from '../store/types'
import type { KlantcontactDraft } from './draft'
import { suggestPartij } from './partij-suggestion'

/**
 * The screen pop (issue 4 §5): the moment an inbound call rings, a new klantcontact opens and takes
 * focus, with plaatsgevondenOp the ring time, replaced by the answer time when the call is answered.
 * It follows the softphone's snapshot in the store (`workspace.phone.call`).
 *
 * A consult call that carries a klantcontactnummer is a warm transfer: the colleague's klantcontact
 * opens by its nummer elsewhere, so no new one is made for it. When a PBX stripped the nummer, the
 * transfer receiver (incoming-transfer/transfer-receiver.ts) still opens the colleague's klantcontact from the
 * gateway's live offer, after the screen pop already made a draft: that draft goes again, as long as
 * the agent has typed nothing into it (then it is theirs and stays).
 */
export interface ScreenPopOptions {
  readonly store: Pick<StoreApi<StoreState>, 'getState' | 'subscribe'>
  readonly api: Pick<GatewayApi, 'partijenByTelefoonnummer'>
  readonly agentLogin: string
  readonly logger?: Logger
  /** Epoch ms, for a call snapshot without `startedAt`. */
  readonly now?: () => number
}

/** Starts following calls; returns the function that stops it. */
export function startScreenPop(options: ScreenPopOptions): () => void {
  const { store, agentLogin } = options
  const log = options.logger ?? createLogger('klantcontact:screen-pop')
  const now = options.now ?? Date.now
  /** Call id → the draft the screen pop made for it. */
  const opened = new Map<string, string>()
  const answered = new Set<string>()

  const follow = (call: CallSnapshot | null): void => {
    if (
      call === null ||
      call.direction !== 'inbound' ||
      call.klantcontactnummer !== undefined ||
      // The customer arriving by an attended transfer (INVITE with Replaces, RFC 3891) takes the
      // place of a consult call that already had its screen pop or its transferred klantcontact;
      // it never rang, and a second, empty klantcontact would only be in the way.
      call.replacedSipCallId !== undefined
    ) {
      return
    }
    const actions = store.getState().klantcontact
    if (!opened.has(call.id) && call.state !== 'ended' && call.state !== 'idle') {
      const id = actions.openForCall({
        agentLogin,
        callId: call.id,
        callerNumber: call.remoteNumber,
        at: call.startedAt ?? now(),
      })
      opened.set(call.id, id)
      log.debug('screen pop', { id, callId: call.id })
      void suggestPartij({ store, api: options.api, logger: log }, id)
    }
    if (call.answeredAt !== undefined && !answered.has(call.id)) {
      answered.add(call.id)
      actions.callAnswered(call.id, call.answeredAt)
    }
  }

  /** A transferred klantcontact opened for a call we made a draft for: the untouched draft goes. */
  const yieldToTransfer = (state: StoreState): void => {
    const { opened: shown } = state
    const draftId = shown.callId !== undefined ? opened.get(shown.callId) : undefined
    if (shown.source !== 'transfer' || shown.status !== 'ready' || draftId === undefined) {
      return
    }
    const draft = state.klantcontact.drafts[draftId]
    if (draft !== undefined && isUntouched(draft)) {
      state.klantcontact.dismiss(draftId, { discardUnsaved: true })
      log.debug('screen pop draft replaced by the transferred klantcontact', { id: draftId })
    }
  }

  follow(store.getState().workspace.phone.call)
  return store.subscribe((state, previous) => {
    if (state.workspace.phone.call !== previous.workspace.phone.call) {
      follow(state.workspace.phone.call)
    }
    if (state.opened !== previous.opened) {
      yieldToTransfer(state)
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
