import type { CallState, RegistrationState } from './states'

/**
 * What the softphone shows the rest of the renderer: plain, serialisable data (conventions §7). No
 * sip.js object ever leaves the service.
 */
export type CallDirection = 'inbound' | 'outbound'

export interface CallSnapshot {
  readonly id: string
  /**
   * The dialog's Call-ID (RFC 3261 §8.1.1.4): the same at both ends and at every proxy, so the app
   * publishes calls to the live hub keyed by it.
   */
  readonly sipCallId: string
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

/** A microphone or speaker as `enumerateDevices` lists it; `label` is empty until media permission. */
export interface Device {
  readonly id: string
  readonly label: string
}

export interface DeviceList {
  readonly microphones: Device[]
  readonly speakers: Device[]
}

/** The agent's choice of devices; an absent id means the system default. */
export interface DeviceChoice {
  readonly microphoneId?: string
  readonly speakerId?: string
}

export interface SoftphoneSnapshot {
  readonly registration: RegistrationState
  readonly call: CallSnapshot | null
  readonly devices: DeviceChoice
}

export type SoftphoneListener = (snapshot: SoftphoneSnapshot) => void
