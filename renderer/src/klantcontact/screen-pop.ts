import type { StoreApi } from 'zustand'
import type { GatewayApi } from '../api/gateway-client'
import { createLogger, type Logger } from '../log'
import type { CallSnapshot } from '../softphone/types'
import type { StoreState } from '../store/types'
import { suggestPartij } from './partij-suggestion'

/**
 * The screen pop (issue 4 §5): the moment an inbound call rings, a new klantcontact opens and takes
 * focus, with plaatsgevondenOp the ring time, replaced by the answer time when the call is answered.
 * It follows the softphone's snapshot in the store (`workspace.phone.call`).
 *
 * A consult call that carries a klantcontactnummer is a warm transfer: the colleague's klantcontact
 * opens by its nummer elsewhere, so no new one is made for it.
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
  const opened = new Set<string>()
  const answered = new Set<string>()

  const follow = (call: CallSnapshot | null): void => {
    if (call === null || call.direction !== 'inbound' || call.klantcontactnummer !== undefined) {
      return
    }
    const actions = store.getState().klantcontact
    if (!opened.has(call.id) && call.state !== 'ended' && call.state !== 'idle') {
      opened.add(call.id)
      const id = actions.openForCall({
        agentLogin,
        callId: call.id,
        callerNumber: call.remoteNumber,
        at: call.startedAt ?? now(),
      })
      log.debug('screen pop', { id, callId: call.id })
      void suggestPartij({ store, api: options.api, logger: log }, id)
    }
    if (call.answeredAt !== undefined && !answered.has(call.id)) {
      answered.add(call.id)
      actions.callAnswered(call.id, call.answeredAt)
    }
  }

  follow(store.getState().workspace.phone.call)
  return store.subscribe((state, previous) => {
    if (state.workspace.phone.call !== previous.workspace.phone.call) {
      follow(state.workspace.phone.call)
    }
  })
}
