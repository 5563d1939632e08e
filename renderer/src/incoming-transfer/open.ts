import type { StoreApi } from 'zustand'
import type { KlantcontactView } from '../../../shared/gateway/api'
import type { GatewayApi } from '../api/gateway-client'
import { createLogger, type Logger } from '../log'
import { missingCaseError } from '../lib/missing-case'
import type { StoreState } from '../store/types'
import { openedErrorOf } from './error-of'
import type { OpenRequest } from './state'

/**
 * Opening a klantcontact with the agent watching: "Klantcontact openen" (the manual path: the
 * nummer read out by phone) and "Opnieuw proberen" after a failure. The store shows loading, then
 * the klantcontact or why not; a transfer is opened through its transfer record
 * (`resolveTransfer`), never on the nummer alone, which anyone can type or put in a header.
 */
export interface OpenDeps {
  readonly store: Pick<StoreApi<StoreState>, 'getState'>
  readonly api: Pick<GatewayApi, 'klantcontactByNummer' | 'resolveTransfer'>
  readonly logger?: Logger
}

export async function openKlantcontact(deps: OpenDeps, request: OpenRequest): Promise<void> {
  const log = deps.logger ?? createLogger('opened')
  deps.store.getState().opened.begin(request)
  try {
    const view = await fetchView(deps.api, request)
    deps.store.getState().opened.loaded(request.nummer, view)
  } catch (error) {
    const failure = openedErrorOf(error)
    log.info({ source: request.source, kind: failure.kind }, 'klantcontact not opened')
    deps.store.getState().opened.loadFailed(request.nummer, failure)
  }
}

async function fetchView(api: OpenDeps['api'], { source, nummer }: OpenRequest): Promise<KlantcontactView> {
  switch (source) {
    case 'transfer':
      return (await api.resolveTransfer(nummer)).klantcontact
    case 'manual':
      return api.klantcontactByNummer(nummer)
    default:
      throw missingCaseError(source)
  }
}
