import type { StoreApi } from 'zustand'
import { isGatewayError } from '../api/errors'
import type { GatewayApi } from '../api/gateway-client'
import { createLogger, type Logger } from '../log'
import type { CallSnapshot } from '../softphone/types'
import type { StoreState } from '../store/types'
import { openedErrorOf } from './error-of'
import { offerFor } from './transfer-offer'

/**
 * The receiving side of a transfer (issue 5 §2–§3; C0534 §3 "overname van gesprek"). It follows the
 * softphone's call in the store (`workspace.phone.call`): when an inbound call carries a
 * klantcontactnummer (the softphone has checked it: 1 to 10 digits, shared/sip/klantcontactnummer.ts),
 * the klantcontact opens while the call still rings, resolved through the gateway's transfer record
 * and never on the header alone (reliability notes §3.3): a nummer no record addresses to this agent
 * or its afdeling (a forged header from an outside caller) gets 404 and opens nothing.
 *
 * - PBX stripped the header: a live transfer offer for this agent or its afdeling, made in the
 *   minute before the call rang by the colleague this call is asserted to come from, names the
 *   nummer instead (transfer-offer.ts); each offer serves one ringing call. A guest's call, or a
 *   call any other colleague makes, never gets a pending offer's klantcontact.
 * - Attended transfer completed: the customer's call replaces the consult call (INVITE with
 *   Replaces, RFC 3891) under a new id; the open klantcontact, matched by nummer (or by the replaced
 *   call), stays and goes with the customer's call.
 */
export interface TransferReceiverOptions {
  readonly store: Pick<StoreApi<StoreState>, 'getState' | 'subscribe'>
  readonly api: Pick<GatewayApi, 'resolveTransfer'>
  readonly agentLogin: string
  /** The agent's afdeling id; read from the session in the store when absent. */
  readonly afdeling?: string
  readonly logger?: Logger
  /** Epoch ms, for a call snapshot without `startedAt` (the offers' time window). */
  readonly now?: () => number
}

/** Starts following calls; returns the function that stops it. */
export function startTransferReceiver(options: TransferReceiverOptions): () => void {
  const { store, api, agentLogin } = options
  const log = options.logger ?? createLogger('opened:transfer')
  const now = options.now ?? Date.now
  /** Calls (snapshot ids) already dealt with: each opens at most once. */
  const handled = new Set<string>()
  /** Live offers that already served a call. */
  const usedOffers = new Set<string>()
  /** Nummers being resolved: a call replacing the consult call meanwhile must not ask again. */
  const pending = new Set<string>()
  /** The SIP Call-IDs whose klantcontact was opened, with its nummer (to follow a replacing call). */
  const openedFor = new Map<string, string>()
  let stopped = false

  const afdelingOf = (state: StoreState): string | undefined => {
    const session = state.workspace.session
    return options.afdeling ?? (session.status === 'active' ? session.agent.afdeling.id : undefined)
  }

  /**
   * The login of the colleague the call is asserted to come from: the softphone's `assertedCaller`
   * (an extension, shared/sip/asserted-identity.ts) looked up in the directory. Nothing else a call
   * says about its caller (display name, From) counts.
   */
  const assertedLogin = (state: StoreState, call: CallSnapshot): string | undefined => {
    const directory = state.workspace.directory
    if (call.assertedCaller === undefined || directory.status !== 'ready') {
      return undefined
    }
    return directory.value.medewerkers.find((m) => m.extension === call.assertedCaller)?.login
  }

  const offeredNummer = (state: StoreState, call: CallSnapshot): string | undefined => {
    if (call.state !== 'ringing') {
      // Only while it rings: an afdeling's offer must not attach itself to a call already going on.
      return undefined
    }
    const offer = offerFor(state.workspace.live.transfers, {
      agentLogin,
      afdeling: afdelingOf(state),
      ringAt: call.startedAt ?? now(),
      used: usedOffers,
      assertedCaller: assertedLogin(state, call),
    })
    if (offer !== undefined) {
      usedOffers.add(offer.transferId)
      log.info('klantcontactnummer taken from the live transfer offer', { callId: call.id })
    }
    return offer?.klantcontactnummer
  }

  /** The call the klantcontact should go with now: `call`, or the call that replaced it; else none. */
  const callNowFor = (call: CallSnapshot, nummer: string): CallSnapshot | undefined => {
    const latest = store.getState().workspace.phone.call
    const same =
      latest !== null &&
      (latest.id === call.id ||
        latest.replacedSipCallId === call.sipCallId ||
        latest.klantcontactnummer === nummer)
    return same ? latest : undefined
  }

  const resolve = async (call: CallSnapshot, nummer: string): Promise<void> => {
    pending.add(nummer)
    try {
      const { klantcontact } = await api.resolveTransfer(nummer)
      const latest = callNowFor(call, nummer)
      if (stopped || latest === undefined) {
        log.debug('transfer resolved after its call was gone', { callId: call.id })
        return
      }
      openedFor.set(call.sipCallId, nummer).set(latest.sipCallId, nummer)
      store.getState().opened.show({ source: 'transfer', nummer, callId: latest.id }, klantcontact)
      log.info('transferred klantcontact opened', { callId: latest.id })
    } catch (error) {
      if (stopped) {
        return
      }
      if (isGatewayError(error) && (error.status === 404 || error.status === 400)) {
        // No transfer record addresses this agent (the gateway audits it as a security event).
        log.warn('call carried a klantcontactnummer no transfer addresses to this agent; nothing opened', {
          callId: call.id,
        })
        return
      }
      const failure = openedErrorOf(error)
      log.warn('transferred klantcontact not opened', { callId: call.id, kind: failure.kind })
      const latest = callNowFor(call, nummer)
      if (latest !== undefined) {
        store.getState().opened.fail({ source: 'transfer', nummer, callId: latest.id }, failure)
      }
    } finally {
      pending.delete(nummer)
    }
  }

  const follow = (state: StoreState): void => {
    const call = state.workspace.phone.call
    if (
      call === null ||
      call.direction !== 'inbound' ||
      call.state === 'ended' ||
      call.state === 'idle' ||
      handled.has(call.id)
    ) {
      return
    }
    const carried = call.replacedSipCallId !== undefined ? openedFor.get(call.replacedSipCallId) : undefined
    const nummer = call.klantcontactnummer ?? carried ?? offeredNummer(state, call)
    if (nummer === undefined) {
      // An ordinary call, or an offer still on its way: looked at again when the offers change.
      return
    }
    handled.add(call.id)
    for (const offer of state.workspace.live.transfers) {
      if (offer.klantcontactnummer === nummer) {
        usedOffers.add(offer.transferId)
      }
    }
    const { opened } = state
    if (pending.has(nummer)) {
      return
    }
    if (opened.nummer === nummer && (opened.status === 'ready' || opened.status === 'loading')) {
      openedFor.set(call.sipCallId, nummer)
      opened.followCall(nummer, call.id)
      log.debug('open klantcontact follows the call', { callId: call.id })
      return
    }
    void resolve(call, nummer)
  }

  follow(store.getState())
  const unsubscribe = store.subscribe((state, previous) => {
    if (
      state.workspace.phone.call !== previous.workspace.phone.call ||
      state.workspace.live.transfers !== previous.workspace.live.transfers ||
      state.workspace.directory !== previous.workspace.directory
    ) {
      follow(state)
    }
  })
  return () => {
    stopped = true
    unsubscribe()
  }
}
