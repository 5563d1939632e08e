import type { CallState, RegistrationState } from './states'

/**
 * What the softphone shows the rest of the renderer: plain, serialisable data (conventions §7). No
 * sip.js object ever leaves the service.
 */
export type CallDirection = 'inbound' | 'outbound'

export interface CallSnapshot {
  readonly id: string
  readonly state: CallState
  readonly direction: CallDirection
  /** The other party's user part (a number or an extension). */
  readonly remoteNumber: string
  /** Only on a consult call that carried one (shared/sip/klantcontactnummer.ts). */
  readonly klantcontactnummer?: string
  /** Epoch ms when the call rang in or was dialled. */
  readonly startedAt?: number
  /** Epoch ms when the call was established. */
  readonly answeredAt?: number
  readonly muted: boolean
  readonly held: boolean
}

export interface SoftphoneSnapshot {
  readonly registration: RegistrationState
  readonly call: CallSnapshot | null
}

export type SoftphoneListener = (snapshot: SoftphoneSnapshot) => void
