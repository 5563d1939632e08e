import type { StoreApi } from 'zustand'
import type { GatewayApi } from '../api/gateway-client'
import { isGatewayError } from '../api/errors'
import { createLogger, type Logger } from '../log'
import type { StoreState } from '../store/types'

/**
 * When the caller's number is the digitaal adres (soort telefoonnummer) of a known
 * partij, the form offers that partij's name; the agent decides (the caller may be someone else on
 * the same line), so it is only ever offered, never filled in.
 */
export interface PartijSuggestionDeps {
  readonly store: Pick<StoreApi<StoreState>, 'getState'>
  readonly api: Pick<GatewayApi, 'partijenByTelefoonnummer'>
  readonly logger?: Logger
}

/** A number worth asking about: digits, optionally after one leading + (no SIP extension names). */
const PHONE_NUMBER = /^\+?[0-9]+$/

/** Looks the draft's caller up and offers the first match; failures only cost the suggestion. */
export async function suggestPartij(deps: PartijSuggestionDeps, draftId: string): Promise<void> {
  const log = deps.logger ?? defaultLog
  const number = deps.store.getState().klantcontact.drafts[draftId]?.callerNumber
  if (number === undefined || !PHONE_NUMBER.test(number)) {
    return
  }
  try {
    const { results } = await deps.api.partijenByTelefoonnummer(number)
    const first = results[0]
    if (first === undefined) {
      return
    }
    const draft = deps.store.getState().klantcontact.drafts[draftId]
    // The agent may have typed or accepted a name meanwhile; an offer then would only distract.
    if (draft !== undefined && draft.suggestion === undefined && draft.partijUuid === undefined) {
      deps.store.getState().klantcontact.setSuggestion(draftId, first)
    }
  } catch (error) {
    // Never the number or a name in the log: the draft id says enough to find the call.
    log.debug(
      { id: draftId, kind: isGatewayError(error) ? error.kind : 'unexpected' },
      'partij lookup failed',
    )
  }
}

const defaultLog = createLogger('klantcontact:partij')
