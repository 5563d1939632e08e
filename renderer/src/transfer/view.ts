import type { DirectoryView } from '../../../shared/gateway/api'
import { isTransferInProgress } from '../softphone/transfer/transfer-states'
import type { CallSnapshot, TransferSnapshot } from '../softphone/types'
import { isInternal } from '../workspace/call-classification'
import { isPreparing, type TransferIntent } from './state'

/**
 * What the Doorverbinden dialog and the phone strip show of a transfer, decided in one place from
 * the store's plain data: the customer's call, the agent's intent and the softphone's transfer.
 */
export interface TransferView {
  /** The agent's transfer of this call, when there is one (an earlier call's is not shown). */
  readonly intent: TransferIntent | null
  /** The softphone's transfer that intent started (an older one's end state is not ours). */
  readonly transfer: TransferSnapshot | null
  /** The call can be passed on and nothing is under way: the picker is shown. */
  readonly picking: boolean
  /** A warm transfer's consult is under way: the strip shows both calls. */
  readonly consulting: boolean
}

export function transferView(
  call: CallSnapshot | null,
  intent: TransferIntent | null,
  transfer: TransferSnapshot | null,
): TransferView {
  const ours = intent !== null && call !== null && intent.callId === call.id ? intent : null
  const handed =
    ours?.phase === 'handed' && transfer !== null && transfer.startedAt >= ours.startedAt ? transfer : null
  const established = call !== null && (call.state === 'active' || call.state === 'on_hold')
  const busy =
    ours !== null &&
    (isPreparing(ours.phase) || (ours.phase === 'handed' && isTransferInProgress(transfer?.state ?? null)))
  const consulting =
    call !== null &&
    call.state !== 'ended' &&
    transfer !== null &&
    transfer.kind === 'warm' &&
    isTransferInProgress(transfer.state)
  return { intent: ours, transfer: handed, picking: established && !busy, consulting }
}

/**
 * Whether the agent may pass this call on. Not a call with a colleague (a consult the colleague is
 * taking, or a call between colleagues): the klantcontact travels with the customer's call, which
 * reaches the colleague only once the transfer is completed (it then replaces the consult call).
 */
export function offersTransfer(call: CallSnapshot | null, directory: DirectoryView | undefined): boolean {
  if (call === null || (call.state !== 'active' && call.state !== 'on_hold')) {
    return false
  }
  if (
    call.direction === 'inbound' &&
    call.replacedSipCallId === undefined &&
    call.klantcontactnummer !== undefined
  ) {
    return false
  }
  return !isInternal(call, directory)
}
