import type { DirectoryView } from '../../../shared/gateway/api'
import { addressUser } from '../softphone/call/call-target'
import type { CallSnapshot } from '../softphone/types'

/**
 * Who is on the other end, as the strip names them: a colleague or an afdeling by its name from the
 * directory, anyone else by their number. An inbound call is a colleague's only by its asserted
 * caller (`P-Asserted-Identity`): a From or display name is whatever the caller wrote, so it is
 * shown as a number and never as a colleague's name.
 */
export interface CallParty {
  readonly kind: 'colleague' | 'afdeling' | 'number'
  readonly name: string
}

export function callParty(call: CallSnapshot, directory: DirectoryView | undefined): CallParty {
  const remote = call.direction === 'inbound' ? call.assertedCaller : call.remoteNumber
  if (remote !== undefined && directory !== undefined) {
    const colleague = directory.medewerkers.find((m) => m.extension === remote || m.login === remote)
    if (colleague) {
      return { kind: 'colleague', name: colleague.displayName }
    }
    const afdeling = directory.afdelingen.find(
      (a) => addressUser(a.groupAddress) === remote || a.groupAddress === remote,
    )
    if (afdeling) {
      return { kind: 'afdeling', name: afdeling.naam }
    }
  }
  return { kind: 'number', name: call.remoteNumber }
}
