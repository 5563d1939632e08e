import type { StateCreator } from 'zustand'
import { createLogger } from '../log'
import type { StoreState } from '../store/types'
import {
  isPreparing,
  nextTransferPhase,
  type TransferIntent,
  type TransferPhaseEvent,
  type TransferRefusal,
  type TransferredKlantcontact,
} from './state'

const log = createLogger('transfer')

/**
 * What the agent chose in the Doorverbinden dialog for one call: the target (a candidate key,
 * target.ts) and the manner. Kept outside the dialog, so a refusal or closing and opening the
 * dialog again does not lose it.
 */
export interface TransferChoice {
  readonly callId: string
  readonly key: string | undefined
  readonly kind: 'warm' | 'blind'
}

/**
 * The agent's current "Doorverbinden" as plain data (state.ts); transfer-service.ts drives it. A
 * step for another call or out of order changes nothing (logged at debug). Beside it: whether the
 * Doorverbinden dialog is open (the strip's button and Alt+V open it) and the choice made in it.
 */
export interface TransferActions {
  begin(
    intent: Pick<TransferIntent, 'callId' | 'kind' | 'target'> & {
      readonly saving: boolean
      readonly at?: number
    },
  ): void
  step(
    callId: string,
    event: TransferPhaseEvent,
    details?: {
      readonly klantcontact?: TransferredKlantcontact
      readonly transferId?: string
      readonly refusal?: TransferRefusal
      readonly detail?: string
    },
  ): boolean
  clear(): void
  /**
   * Annuleren before the softphone has the transfer (saving, announcing): the intent ends as
   * refused (`cancelled`), and the transfer service's next step for it throws
   * {@link TransferAbortedError}, which stops it before it dials. Returns whether there was one.
   */
  abort(callId: string): boolean
  /** Opens the Doorverbinden dialog (it shows only while there is a call to pass on or a transfer). */
  openDialog(): void
  closeDialog(): void
  /** Remembers the target and manner chosen for `callId`. */
  choose(choice: TransferChoice): void
}

/** Thrown by a step of a transfer the agent cancelled: the service stops there, before it dials. */
export class TransferAbortedError extends Error {
  constructor() {
    super('transfer cancelled by the agent')
    this.name = 'TransferAbortedError'
  }
}

export interface TransferSlice {
  readonly transfer: {
    readonly intent: TransferIntent | null
    readonly dialogOpen: boolean
    readonly choice: TransferChoice | null
  } & TransferActions
}

export const createTransferSlice: StateCreator<StoreState, [], [], TransferSlice> = (set, get) => {
  const patch = (
    change: Partial<Pick<TransferSlice['transfer'], 'intent' | 'dialogOpen' | 'choice'>>,
  ): void => set((state) => ({ transfer: { ...state.transfer, ...change } }))
  const write = (intent: TransferIntent | null): void => patch({ intent })
  const actions: TransferActions = {
    begin: ({ callId, kind, target, saving, at = Date.now() }) =>
      write({ callId, kind, target, phase: saving ? 'saving' : 'announcing', startedAt: at }),
    step: (callId, event, details = {}) => {
      const intent = get().transfer.intent
      if (intent?.aborted && intent.callId === callId && event !== 'refuse') {
        throw new TransferAbortedError()
      }
      const phase = intent && intent.callId === callId ? nextTransferPhase(intent.phase, event) : undefined
      if (!intent || phase === undefined) {
        log.debug({ from: intent?.phase ?? 'none', event }, 'transfer step ignored')
        return false
      }
      write({ ...intent, phase, ...details })
      return true
    },
    clear: () => write(null),
    abort: (callId) => {
      const intent = get().transfer.intent
      if (!intent || intent.callId !== callId || !isPreparing(intent.phase)) {
        return false
      }
      write({ ...intent, phase: 'refused', refusal: 'cancelled', aborted: true })
      return true
    },
    openDialog: () => patch({ dialogOpen: true }),
    closeDialog: () => patch({ dialogOpen: false }),
    choose: (choice) => patch({ choice }),
  }
  return { transfer: { intent: null, dialogOpen: false, choice: null, ...actions } }
}
