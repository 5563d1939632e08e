import type { CallSnapshot } from '../softphone/types'

/**
 * A ringing call before anyone answered: the number, a known partij and the waiting time, without a
 * draft (the draft opens at Opnemen). (Placeholder.)
 */
export function RingingCall(_props: { readonly call: CallSnapshot }) {
  return null
}
