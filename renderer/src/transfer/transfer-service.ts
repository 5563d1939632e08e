import type { StoreApi } from 'zustand'
import type { TransferCloseInput } from '../../../shared/gateway/api'
import { isGatewayError } from '../api/errors'
import type { GatewayApi } from '../api/gateway-client'
import { createLogger, type Logger } from '../log'
import type { Softphone } from '../softphone/softphone'
import { missingCaseError } from '../lib/missing-case'
import { isTransferInProgress } from '../softphone/transfer/transfer-states'
import type { TransferSnapshot } from '../softphone/types'
import type { StoreState } from '../store/types'
import { klantcontactOfCall, saveDraftFirst } from './call-klantcontact'
import { isPreparing, type TransferIntent, type TransferRefusal, type TransferredKlantcontact } from './state'
import type { TransferTarget } from './target'

/**
 * "Doorverbinden" ("overname van gesprek"): save the klantcontact if need be, have the gateway
 * record the transfer for the colleague or afdeling, then let the softphone consult (warm, the
 * default) or REFER (blind) with the klantcontactnummer in the SIP signalling. The softphone takes
 * it from there (snapshot `transfer` and `consult`); this service only holds the steps before it,
 * in the store's `transfer.intent`.
 *
 * The nummer put into SIP headers is the one the gateway's transfer record returned, which the
 * register assigned: digits only, checked again by the softphone (shared/sip/klantcontactnummer.ts).
 * Nothing the agent typed reaches a header.
 */
export interface TransferServiceOptions {
  readonly store: Pick<StoreApi<StoreState>, 'getState' | 'subscribe'>
  readonly api: Pick<GatewayApi, 'announceTransfer' | 'closeTransfer'>
  readonly softphone: Pick<Softphone, 'startConsult' | 'blindTransfer' | 'completeTransfer' | 'cancelConsult'>
  readonly agentLogin: string
  /** Fetches the directory again, with every colleague's current state (GET /api/directory). */
  readonly refreshDirectory?: () => void
  /** How long a transfer waits for the klantcontact to be saved first (the outbox keeps trying). */
  readonly saveTimeoutMs?: number
  readonly logger?: Logger
}

export const DEFAULT_SAVE_TIMEOUT_MS = 8_000

export class TransferService {
  private readonly log: Logger

  constructor(private readonly options: TransferServiceOptions) {
    this.log = options.logger ?? createLogger('transfer')
  }

  /**
   * Starts a transfer of the customer's current call to `target`. Resolves when the colleague's
   * phone is being called (warm), or when the blind transfer has its outcome; never rejects: what
   * went wrong is in the store (`transfer.intent.refusal`, or the softphone's `transfer.reason`).
   * The agent may cancel before the softphone has it (the intent's abort, whose next step throws):
   * it stops there, and if the softphone had just been asked, the softphone's transfer is cancelled.
   */
  async start(target: TransferTarget, kind: 'warm' | 'blind'): Promise<void> {
    try {
      await this.run(target, kind)
    } catch (error) {
      if (!isAborted(error)) {
        throw error
      }
      this.log.info('transfer cancelled by the agent before the softphone had it')
    }
  }

  private async run(target: TransferTarget, kind: 'warm' | 'blind'): Promise<void> {
    const { store, agentLogin } = this.options
    const state = store.getState()
    const call = state.workspace.phone.call
    if (!call || (call.state !== 'active' && call.state !== 'on_hold')) {
      this.log.warn('transfer without an established call ignored')
      return
    }
    const intent = state.transfer.intent
    if (
      (intent && intent.callId === call.id && isPreparing(intent.phase)) ||
      isTransferInProgress(state.workspace.phone.transfer?.state ?? null)
    ) {
      this.log.debug('transfer already under way')
      return
    }
    const found = klantcontactOfCall(state, call.id, agentLogin)
    state.transfer.begin({ callId: call.id, kind, target, saving: found.kind === 'draft' })
    const step = store.getState().transfer.step

    let klantcontact: TransferredKlantcontact | undefined
    switch (found.kind) {
      case 'none':
        break
      case 'ready':
        klantcontact = found.klantcontact
        break
      case 'draft': {
        const saved = await saveDraftFirst(
          store,
          found.draftId,
          this.options.saveTimeoutMs ?? DEFAULT_SAVE_TIMEOUT_MS,
        )
        if (!saved.ok) {
          this.log.info({ reason: saved.reason }, 'transfer stopped: klantcontact not saved')
          step(call.id, 'refuse', {
            refusal: saved.reason === 'invalid' ? 'klantcontact_invalid' : 'klantcontact_not_saved',
          })
          return
        }
        klantcontact = saved.klantcontact
        step(call.id, 'saved', klantcontact ? { klantcontact } : {})
        break
      }
      default: {
        const unreachable: never = found
        throw new Error(`unknown klantcontact ${String(unreachable)}`)
      }
    }

    let nummer: string | undefined
    let transferId: string | undefined
    if (klantcontact) {
      try {
        const record = await this.options.api.announceTransfer(
          { klantcontactUuid: klantcontact.uuid },
          { type: target.type, id: target.id },
        )
        nummer = record.nummer
        transferId = record.id
      } catch (error) {
        this.log.warn({ error: String(error) }, 'transfer record refused')
        const detail = isGatewayError(error) ? (error.problem?.detail ?? undefined) : undefined
        step(call.id, 'refuse', {
          refusal: announceRefusal(error),
          ...(detail !== undefined ? { detail } : {}),
        })
        return
      }
    }
    // Without a klantcontact there is nothing to announce: on to dialling.
    step(call.id, 'announced', {
      ...(klantcontact ? { klantcontact } : {}),
      ...(transferId !== undefined ? { transferId } : {}),
    })

    const options = nummer !== undefined ? { klantcontactnummer: nummer } : {}
    const { softphone } = this.options
    const started =
      kind === 'warm'
        ? softphone.startConsult(target.address, options)
        : softphone.blindTransfer(target.address, options)
    started.catch(() => undefined)
    // The softphone's transfer exists from the call on, each of its steps with a way out
    // (softphone/transfer/transfer-states.ts): hand it over now, not once the customer is on hold and
    // the consult INVITE is out, which may take up to the hold's limit, so that the agent can cancel
    // it meanwhile. A blind transfer is handed at once, as its outcome is all there is to wait for.
    const took = this.softphoneHasIt()
    if (took || kind === 'blind') {
      this.handOver(call.id)
    }
    try {
      await started
      this.handOver(call.id)
    } catch (error) {
      this.log.warn({ error: String(error) }, 'transfer not started by the softphone')
      // Once the softphone took it, its transfer says how it ended (failed, back with the customer);
      // refused before it began (a bad target, no call), the intent says so.
      if (!took) {
        step(call.id, 'refuse', { refusal: 'dial_failed' })
      }
    }
  }

  /** Whether the softphone has a transfer under way (none was when this one started). */
  private softphoneHasIt(): boolean {
    return isTransferInProgress(this.options.store.getState().workspace.phone.transfer?.state ?? null)
  }

  /**
   * The intent is the softphone's now. If the agent cancelled it just before (the step throws), the
   * softphone's transfer is cancelled too, so nobody is called for a transfer the agent gave up.
   */
  private handOver(callId: string): void {
    const { store, softphone } = this.options
    const intent = store.getState().transfer.intent
    if (intent?.callId !== callId || (intent.phase !== 'dialling' && intent.phase !== 'refused')) {
      return
    }
    try {
      store.getState().transfer.step(callId, 'handed')
    } catch (error) {
      if (!isAborted(error)) {
        throw error
      }
      if (this.softphoneHasIt()) {
        softphone.cancelConsult().catch((cancelError: unknown) => {
          this.log.warn({ error: String(cancelError) }, 'cancelling the softphone transfer failed')
        })
      }
    }
  }

  /**
   * Reports how each announced transfer ended (POST /api/transfers/:id/close), once, so the
   * gateway closes its live offer: a supervisor sees transfers in flight, not every one ever made,
   * and the colleague's app no longer matches a call against it. Returns the function that stops.
   */
  follow(): () => void {
    const { store, api } = this.options
    const reported = new Set<string>()
    return store.subscribe((state) => {
      const intent = state.transfer.intent
      if (intent?.transferId === undefined || reported.has(intent.transferId)) {
        return
      }
      const outcome = outcomeOf(intent, state.workspace.phone.transfer)
      if (outcome === undefined) {
        return
      }
      reported.add(intent.transferId)
      api.closeTransfer(intent.transferId, outcome).catch((error: unknown) => {
        // The offer then closes as expired with its record; nothing for the agent to do.
        this.log.warn({ error: String(error) }, 'transfer outcome not reported')
      })
    })
  }

  /** "Doorverbinden voltooien": REFER with Replaces. The outcome is in the softphone's snapshot. */
  async complete(): Promise<void> {
    try {
      await this.options.softphone.completeTransfer()
    } catch (error) {
      this.log.warn({ error: String(error) }, 'completing the transfer refused')
      throw error
    }
  }

  /** "Annuleren": hang up the consult, back to the customer. */
  cancel(): Promise<void> {
    return this.options.softphone.cancelConsult()
  }

  /**
   * The picker's colleagues with their state now. The live hub streams an agent only its own state
   * (a colleague's calls are none of its business, server/gateway/live/filter.ts), so the panel asks
   * the directory, whose states come from the same hub, while it is open.
   */
  refreshTargets(): void {
    this.options.refreshDirectory?.()
  }

  /** Closes what the panel shows about the last transfer. */
  dismiss(): void {
    this.options.store.getState().transfer.clear()
  }
}

/**
 * Whether `error` is the intent's "cancelled by the agent" (transfer/slice.ts), which a step of a
 * cancelled intent throws. By name, so the service does not depend on the slice's class.
 */
function isAborted(error: unknown): boolean {
  return error instanceof Error && error.name === 'TransferAbortedError'
}

/** Why the transfer record was not made, as the panel words it. */
function announceRefusal(error: unknown): TransferRefusal {
  if (!isGatewayError(error)) {
    return 'announce_failed'
  }
  if (error.kind === 'unreachable') {
    return 'unreachable'
  }
  return error.retryable ? 'announce_failed' : 'announce_refused'
}

/** The outcome to report for an announced transfer, once it has one. */
function outcomeOf(intent: TransferIntent, transfer: TransferSnapshot | null): TransferOutcome | undefined {
  switch (intent.phase) {
    case 'refused':
      // Announced, then not dialled (the softphone refused).
      return 'cancelled'
    case 'saving':
    case 'announcing':
    case 'dialling':
      return undefined
    case 'handed':
      // Only the softphone's transfer this intent started; an older one's end state is not ours.
      if (transfer === null || transfer.startedAt < intent.startedAt) {
        return undefined
      }
      switch (transfer.state) {
        case 'completed':
          return 'accepted'
        case 'failed':
          return transfer.reason === 'customer_hung_up' ? 'cancelled' : 'declined'
        case 'cancelled':
          return 'cancelled'
        case 'consulting':
        case 'completing':
          return undefined
        default:
          throw missingCaseError(transfer.state)
      }
    default:
      throw missingCaseError(intent.phase)
  }
}

type TransferOutcome = TransferCloseInput['outcome']
