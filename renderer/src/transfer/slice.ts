import type { StateCreator } from 'zustand'
import { createLogger } from '../log'
import type { StoreState } from '../store/types'
import {
  nextTransferPhase,
  type TransferIntent,
  type TransferPhaseEvent,
  type TransferRefusal,
  type TransferredKlantcontact,
} from './state'

const log = createLogger('transfer')

/**
 * The agent's current "Doorverbinden" as plain data (state.ts); transfer-service.ts drives it. A
 * step for another call or out of order changes nothing (logged at debug).
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
  /** Shows the Doorverbinden dialog (its button, or the shortcut). */
  openDialog(): void
  closeDialog(): void
}

export interface TransferSlice {
  readonly transfer: {
    readonly intent: TransferIntent | null
    /** Whether the Doorverbinden dialog is shown. */
    readonly dialogOpen: boolean
  } & TransferActions
}

export const createTransferSlice: StateCreator<StoreState, [], [], TransferSlice> = (set, get) => {
  const write = (intent: TransferIntent | null): void =>
    set((state) => ({ transfer: { ...state.transfer, intent } }))
  const actions: TransferActions = {
    begin: ({ callId, kind, target, saving, at = Date.now() }) =>
      write({ callId, kind, target, phase: saving ? 'saving' : 'announcing', startedAt: at }),
    step: (callId, event, details = {}) => {
      const intent = get().transfer.intent
      const phase = intent && intent.callId === callId ? nextTransferPhase(intent.phase, event) : undefined
      if (!intent || phase === undefined) {
        log.debug({ from: intent?.phase ?? 'none', event }, 'transfer step ignored')
        return false
      }
      write({ ...intent, phase, ...details })
      return true
    },
    clear: () => write(null),
    openDialog: () => set((state) => ({ transfer: { ...state.transfer, dialogOpen: true } })),
    closeDialog: () => set((state) => ({ transfer: { ...state.transfer, dialogOpen: false } })),
  }
  return { transfer: { intent: null, dialogOpen: false, ...actions } }
}
