import type { StoreApi } from 'zustand'
import { shareableCall } from '../../../shared/live/confidential'
import type { ClientCallInfo } from '../../../shared/live/protocol'
import type { LiveConnection } from '../live/live-connection'
import type { StoreState } from '../store/types'

/**
 * Tells the live hub what the current call is about (the supervisor sees each call's
 * klantcontactnummer and onderwerp): once the agent's klantcontact for the call is saved, or the
 * klantcontact a colleague transferred with it is open, the call is updated with its nummer,
 * onderwerp and vertrouwelijk. The hub drops the onderwerp of a vertrouwelijk klantcontact before
 * anything is stored or sent (server/gateway/live/state.ts), and so does this, as a second line,
 * by the same rule (shared/live/confidential.ts).
 */
export interface CallContextOptions {
  readonly store: Pick<StoreApi<StoreState>, 'getState' | 'subscribe'>
  readonly live: Pick<LiveConnection, 'callStarted'>
  readonly agentLogin: string
}

interface Context {
  readonly klantcontactnummer: string
  readonly onderwerp: string | undefined
  readonly vertrouwelijk: boolean
}

/** Starts following the current call; returns the function that stops it. */
export function startCallContext(options: CallContextOptions): () => void {
  const { store, live, agentLogin } = options
  let told: string | undefined

  const follow = (state: StoreState): void => {
    const call = state.workspace.phone.call
    if (call === null || call.state === 'ended' || call.state === 'idle') {
      return
    }
    const context = contextOf(state, call.id, agentLogin)
    if (context === undefined) {
      return
    }
    const key = JSON.stringify([call.id, context])
    if (key === told) {
      return
    }
    told = key
    const info: ClientCallInfo = {
      callId: call.id,
      direction: call.direction,
      callerNumber: call.remoteNumber,
      klantcontactnummer: context.klantcontactnummer,
      vertrouwelijk: context.vertrouwelijk,
      ...(context.onderwerp !== undefined ? { onderwerp: context.onderwerp } : {}),
    }
    live.callStarted(shareableCall(info))
  }

  follow(store.getState())
  return store.subscribe((state, previous) => {
    if (
      state.workspace.phone.call !== previous.workspace.phone.call ||
      state.klantcontact.drafts !== previous.klantcontact.drafts ||
      state.opened !== previous.opened
    ) {
      follow(state)
    }
  })
}

function contextOf(state: StoreState, callId: string, agentLogin: string): Context | undefined {
  const draft = Object.values(state.klantcontact.drafts).find(
    (d) => d.callId === callId && d.agentLogin === agentLogin && d.status === 'saved',
  )
  if (draft?.nummer !== undefined) {
    return {
      klantcontactnummer: draft.nummer,
      onderwerp: draft.onderwerp,
      vertrouwelijk: draft.vertrouwelijk,
    }
  }
  const { opened } = state
  const view = opened.view
  if (opened.status === 'ready' && opened.callId === callId && view?.nummer) {
    return {
      klantcontactnummer: view.nummer,
      onderwerp: view.onderwerp ?? undefined,
      vertrouwelijk: view.vertrouwelijk || view.afgeschermd,
    }
  }
  return undefined
}
