import type { StoreApi } from 'zustand'
import { aanvullingRoom } from '../../../shared/klantcontact/aanvulling'
import { isGatewayError } from '../api/errors'
import type { GatewayApi } from '../api/gateway-client'
import { createLogger, type Logger } from '../log'
import type { StoreState } from '../store/types'

/**
 * "Aanvulling opslaan": the agent adds to the klantcontact they saved during this call. The
 * gateway appends it to inhoud (`POST /api/klantcontacten/{nummer}/aanvulling`, the rule of
 * shared/klantcontact/aanvulling.ts) and answers the updated klantcontact, whose inhoud the saved
 * view then shows. Checked here first, so an empty one or one that cannot fit is never sent. Safe
 * to press again after a failure: the gateway recognises text it already appended.
 */
export type AanvullingOutcome =
  | { readonly kind: 'saved' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'too_long' }
  | { readonly kind: 'no_nummer' }
  /** Refused, with the gateway's own Dutch reason when it gave one. */
  | { readonly kind: 'refused'; readonly detail?: string }
  | { readonly kind: 'unreachable' }
  | { readonly kind: 'failed' }

export interface AanvullenDeps {
  readonly store: Pick<StoreApi<StoreState>, 'getState'>
  readonly api: Pick<GatewayApi, 'aanvullen'>
  readonly logger?: Logger
}

export async function saveAanvulling(
  deps: AanvullenDeps,
  draftId: string,
  text: string,
): Promise<AanvullingOutcome> {
  const log = deps.logger ?? createLogger('klantcontact:aanvullen')
  const draft = deps.store.getState().klantcontact.drafts[draftId]
  if (draft?.status !== 'saved' || draft.nummer === undefined) {
    return { kind: 'no_nummer' }
  }
  if (text.trim() === '') {
    return { kind: 'empty' }
  }
  if (aanvullingRoom(draft.inhoud, text).remaining < 0) {
    return { kind: 'too_long' }
  }
  try {
    const view = await deps.api.aanvullen(draft.nummer, text)
    deps.store.getState().klantcontact.aanvuld(draftId, view)
    return { kind: 'saved' }
  } catch (error) {
    if (!isGatewayError(error)) {
      log.warn({ error: String(error) }, 'aanvulling not saved')
      return { kind: 'failed' }
    }
    log.warn({ kind: error.kind, status: error.status }, 'aanvulling not saved')
    switch (error.kind) {
      case 'unreachable':
        return { kind: 'unreachable' }
      case 'rejected': {
        const reasons = (error.problem?.invalidParams ?? []).map((p) => p.reason)
        const detail = reasons.length > 0 ? reasons.join(' ') : error.problem?.detail
        return detail !== undefined ? { kind: 'refused', detail } : { kind: 'refused' }
      }
      default:
        return { kind: 'failed' }
    }
  }
}
