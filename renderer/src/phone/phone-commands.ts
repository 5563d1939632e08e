import { missingCaseError } from '../lib/missing-case'
import { isLive } from '../softphone/states'
import { isTransferInProgress } from '../softphone/transfer/transfer-states'
import type { SoftphoneSnapshot } from '../softphone/types'

/**
 * What "Ophangen" (the button in a call's row, or Alt+H) ends: during a consult only the consult
 * (the customer waits on hold and must never be cut off by a hang-up meant for the colleague),
 * otherwise the call. Hanging up the customer during a consult is asked first in the strip.
 */
export type HangUpTarget = 'consult' | 'call' | 'none'

export function hangUpTarget(phone: Pick<SoftphoneSnapshot, 'call' | 'consult' | 'transfer'>): HangUpTarget {
  const consultLive = phone.consult !== null && isLive(phone.consult.state)
  if (consultLive || (phone.transfer?.kind === 'warm' && isTransferInProgress(phone.transfer.state))) {
    return 'consult'
  }
  return phone.call !== null && isLive(phone.call.state) ? 'call' : 'none'
}

/** Alt+H and the strip: ends what {@link hangUpTarget} says, with the services of the workspace. */
export function hangUp(
  phone: Pick<SoftphoneSnapshot, 'call' | 'consult' | 'transfer'>,
  services: {
    readonly softphone: { hangup(): Promise<void> }
    readonly transfers: { cancel(): Promise<void> }
  },
): Promise<void> {
  const target = hangUpTarget(phone)
  switch (target) {
    case 'consult':
      return services.transfers.cancel()
    case 'call':
      return services.softphone.hangup()
    case 'none':
      return Promise.resolve()
    default:
      throw missingCaseError(target)
  }
}
