import type { StoreApi } from 'zustand'
import { missingCaseError } from '../lib/missing-case'
import type { StoreState } from '../store/types'
import type { TransferredKlantcontact } from './state'

/**
 * The klantcontact that goes with the customer's call: the agent's own draft from the screen pop
 * (saved or not), or the klantcontact a colleague transferred with this call (the opened one, when
 * the agent passes the customer on again). None for a call nobody registered.
 */
export type CallKlantcontact =
  | { readonly kind: 'none' }
  | { readonly kind: 'ready'; readonly klantcontact: TransferredKlantcontact }
  | { readonly kind: 'draft'; readonly draftId: string }

export function klantcontactOfCall(state: StoreState, callId: string, agentLogin: string): CallKlantcontact {
  const draft = Object.values(state.klantcontact.drafts).find(
    (d) => d.callId === callId && d.agentLogin === agentLogin,
  )
  if (draft?.status === 'saved' && draft.nummer === undefined) {
    // Registered, but the register gave it no nummer (the OAS allows that): nothing to pass on.
    return { kind: 'none' }
  }
  if (draft) {
    return draft.status === 'saved' && draft.uuid !== undefined && draft.nummer !== undefined
      ? {
          kind: 'ready',
          klantcontact: { uuid: draft.uuid, nummer: draft.nummer, onderwerp: draft.onderwerp },
        }
      : { kind: 'draft', draftId: draft.id }
  }
  const { opened } = state
  if (opened.status === 'ready' && opened.callId === callId && opened.view?.nummer) {
    const { uuid, nummer, onderwerp } = opened.view
    return { kind: 'ready', klantcontact: { uuid, nummer, onderwerp } }
  }
  return { kind: 'none' }
}

/** Saved: with the klantcontact to pass on, or without one when the register gave it no nummer. */
export type SaveOutcome =
  | { readonly ok: true; readonly klantcontact: TransferredKlantcontact | undefined }
  | { readonly ok: false; readonly reason: 'invalid' | 'rejected' | 'timeout' | 'gone' }

/**
 * "If the klantcontact is not saved yet, Doorverbinden saves it first": Opslaan as the
 * agent would press it (invalid fields get their errors and focus), then waits for the outbox. The
 * outbox keeps retrying after `timeoutMs`; the transfer does not wait that long with the customer
 * on the line, and the draft is never lost either way.
 */
export function saveDraftFirst(
  store: Pick<StoreApi<StoreState>, 'getState' | 'subscribe'>,
  draftId: string,
  timeoutMs: number,
): Promise<SaveOutcome> {
  const draft = store.getState().klantcontact.drafts[draftId]
  if (draft?.status === 'editing' || draft?.status === 'rejected') {
    if (!store.getState().klantcontact.requestSave(draftId)) {
      return Promise.resolve({ ok: false, reason: 'invalid' })
    }
  }
  return new Promise((resolve) => {
    let settled = false
    const settle = (outcome: SaveOutcome | undefined): void => {
      if (outcome === undefined || settled) {
        return
      }
      settled = true
      clearTimeout(timer)
      unsubscribe()
      resolve(outcome)
    }
    const check = (state: StoreState): SaveOutcome | undefined => {
      const current = state.klantcontact.drafts[draftId]
      if (current === undefined) {
        return { ok: false, reason: 'gone' }
      }
      switch (current.status) {
        case 'saved':
          return {
            ok: true,
            klantcontact:
              current.uuid !== undefined && current.nummer !== undefined
                ? { uuid: current.uuid, nummer: current.nummer, onderwerp: current.onderwerp }
                : undefined,
          }
        case 'rejected':
        case 'editing':
          return { ok: false, reason: 'rejected' }
        case 'queued':
        case 'sending':
        case 'waiting':
          return undefined
        default:
          throw missingCaseError(current.status)
      }
    }
    const timer = setTimeout(() => settle({ ok: false, reason: 'timeout' }), timeoutMs)
    const unsubscribe = store.subscribe((state) => settle(check(state)))
    settle(check(store.getState()))
  })
}
