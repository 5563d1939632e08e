import { focusTarget } from '../lib/focus-targets'
import { createLogger } from '../log'
import { hangUp, hangUpTarget } from '../phone/phone-commands'
import type { Softphone } from '../softphone/softphone'
import { isTransferInProgress } from '../softphone/transfer/transfer-states'
import type { StoreState } from '../store/types'
import type { TransferService } from '../transfer/transfer-service'
import { offersTransfer } from '../transfer/view'
import type { Availability } from '../workspace/agent-state'
import type { ShortcutAction } from './shortcuts'
import { isTextEntry } from './text-entry'

const log = createLogger('keyboard')

/** What a shortcut acts on: the store's plain data and the services that change things. */
export interface ShortcutContext {
  readonly state: StoreState
  readonly softphone: Pick<Softphone, 'answer' | 'decline' | 'hangup' | 'hold' | 'resume' | 'mute'>
  readonly transfers: Pick<TransferService, 'cancel'>
  readonly agentLogin: string
  readonly choose: (availability: Availability) => void
  /** Runs the active form's save (save-registry.ts); false when there is none. */
  readonly save: () => boolean
  readonly toggleHelp: () => void
  /** The element with the focus when the key was pressed. */
  readonly focused: Element | null
}

/**
 * Runs `action` when it applies now, and says whether it did, so the key handler prevents the
 * browser's own meaning of the key only then. An action that does not apply (Opnemen with nothing
 * ringing) does nothing at all; the buttons it stands for are not on screen either.
 */
export function runShortcut(action: ShortcutAction, context: ShortcutContext): boolean {
  const { state, softphone } = context
  const { call, transfer } = state.workspace.phone
  const callState = call?.state
  const live = callState === 'active' || callState === 'on_hold'
  const transferring = transfer !== null && isTransferInProgress(transfer.state)
  switch (action) {
    case 'answer':
      return callState === 'ringing' && attempt(action, () => softphone.answer())
    case 'decline':
      return callState === 'ringing' && attempt(action, () => softphone.decline())
    case 'hangup': {
      // The strip's rule: during a warm transfer the hang-up ends the consult and the agent is back
      // with the waiting customer. A ringing call is declined with its own key, and a blind
      // transfer under way has no call of the agent's own to end.
      const target = hangUpTarget(state.workspace.phone)
      if (target === 'none' || (target === 'call' && (callState === 'ringing' || transferring))) {
        return false
      }
      return attempt(action, () => hangUp(state.workspace.phone, { softphone, transfers: context.transfers }))
    }
    case 'hold':
      if (!live || transferring) {
        return false
      }
      return attempt(action, () => (callState === 'on_hold' ? softphone.resume() : softphone.hold()))
    case 'mute':
      if (!live && callState !== 'connecting') {
        return false
      }
      softphone.mute(!call?.muted)
      return true
    case 'transfer':
      // As the phone strip offers its Doorverbinden button: not on a call with a colleague.
      if (transferring || state.transfer.dialogOpen || !offersTransfer(call, directoryOf(state))) {
        return false
      }
      state.transfer.openDialog()
      return true
    case 'save':
      return context.save()
    case 'status_beschikbaar':
      return chooseStatus(context, 'beschikbaar')
    case 'status_pauze':
      return chooseStatus(context, 'pauze')
    case 'status_nawerk':
      return chooseStatus(context, 'nawerk')
    case 'new_klantcontact':
      state.klantcontact.openManual(context.agentLogin)
      return true
    case 'afhandeling':
      // Only while a saved case offers it: the chosen afhandeling takes the focus, arrows choose.
      return focusTarget('afhandeling')
    case 'help':
      if (isTextEntry(context.focused)) {
        return false
      }
      context.toggleHelp()
      return true
    default: {
      const unknown: never = action
      throw new Error(`unknown shortcut action ${String(unknown)}`)
    }
  }
}

/** As the status control chooses: a pause by shortcut has no reason (the control can add one). */
function chooseStatus(context: ShortcutContext, availability: Availability): true {
  // Before the choice, which tells the gateway the reason there is.
  context.state.workspace.setPauseReason(undefined)
  context.choose(availability)
  return true
}

/** Starts the softphone's verb; a refusal (the call changed meanwhile) is logged, not thrown. */
function attempt(action: ShortcutAction, run: () => Promise<unknown>): true {
  run().catch((error: unknown) => log.warn({ action, error: String(error) }, 'shortcut action refused'))
  return true
}

function directoryOf(state: StoreState) {
  const directory = state.workspace.directory
  return directory.status === 'ready' ? directory.value : undefined
}
