import type { SecurityEventInput } from '../../../shared/gateway/security-events'
import type { MonitorMode } from '../../../shared/live/protocol'
import type { Klantcontactnummer } from '../../../shared/klantcontact/klantcontactnummer'
import type { MonitorCallState } from './monitor/monitor-states'
import type { CallState, RegistrationState } from './states'
import type { TransferFailureReason, TransferState, TransferStep } from './transfer/transfer-states'

export type { CallState, RegistrationState } from './states'

/**
 * What the softphone shows the rest of the renderer: plain, serialisable data, so the store and
 * the UI never hold a sip.js object (nor anything that keeps a session alive).
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
  /**
   * The other party's user part (a number or an extension), as the From (inbound) or the dialled
   * target (outbound) says: for display only, anyone can put anything in a From.
   */
  readonly remoteNumber: string
  /**
   * Only on an inbound call from a colleague: the extension in the INVITE's `P-Asserted-Identity`,
   * which our SIP servers set for authenticated agents only (shared/sip/asserted-identity.ts). The
   * one field to decide on who called.
   */
  readonly assertedCaller?: string
  /**
   * Only on a consult call that carried one (shared/sip/klantcontactnummer.ts), and on the call that
   * replaced such a consult at the end of a warm transfer (it inherits the nummer).
   */
  readonly klantcontactnummer?: Klantcontactnummer
  /**
   * Set on a call that took over from an earlier call of ours by an INVITE with Replaces (RFC 3891):
   * the customer, transferred to us, replacing the consult call. The replaced call's `sipCallId`.
   */
  readonly replacedSipCallId?: string
  /** Epoch ms when the call rang in or was dialled. */
  readonly startedAt?: number
  /** Epoch ms when the call was established. */
  readonly answeredAt?: number
  /**
   * Set on a ringing inbound call the proxy cancelled because a colleague answered it (a group
   * call forked to several agents; RFC 3326 `Reason: SIP;cause=200`).
   */
  readonly answeredElsewhere?: boolean
  /** Set on a ringing inbound call the agent declined (Weigeren): not a missed call. */
  readonly declined?: boolean
  /**
   * Only on an inbound call: the user part of the INVITE's To, the address the caller dialled (our
   * extension, or an afdeling's group address when the call came through the afdeling or its queue).
   */
  readonly calledAddress?: string
  /**
   * Only on an outbound call (a call the agent dialled, or a consult) that ended before it was
   * answered: why, classified once from the final response (call/call-failure.ts). Absent when the
   * agent hung up themselves before an answer.
   */
  readonly failure?: CallFailure
  readonly muted: boolean
  readonly held: boolean
}

/**
 * Why an outbound call was not answered, for the agent: `busy` (486, 600), `declined` (603),
 * `no_answer` (408, 480), `not_found` (404, 484, 604), `unavailable` (500, 502, 503), `network`
 * (no response, a transport error, or the INVITE could not be sent), `other` (any other final
 * status). The SIP status is kept for the log and for support, never to be shown as is.
 */
export type CallFailureReason =
  'busy' | 'declined' | 'no_answer' | 'not_found' | 'unavailable' | 'network' | 'other'

export interface CallFailure {
  /** The final response's status; absent for `network` when nothing came back. */
  readonly statusCode?: number
  readonly reason: CallFailureReason
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

export type TransferKind = 'warm' | 'blind'

/**
 * The agent passing the customer on to a colleague ("overname van gesprek"). Warm (attended): the
 * customer waits on hold while the agent consults the colleague, then a REFER with Replaces (RFC
 * 3515, RFC 3891, RFC 5589 §7) joins them. Blind: a REFER to the colleague at once (RFC 5589 §6),
 * done for the agent as soon as the customer's phone accepts it (202).
 * States and transitions: transfer-states.ts.
 */
export interface TransferSnapshot {
  readonly kind: TransferKind
  readonly state: TransferState
  /** The colleague: their extension, group address or the user part of the `sip:` URI dialled. */
  readonly target: string
  /** The nummer passed on with the transfer (consult INVITE headers, or the blind Refer-To). */
  readonly klantcontactnummer?: Klantcontactnummer
  /**
   * While the transfer is under way (`consulting`, `completing`): which step it is in
   * (transfer-states.ts, TRANSFER_STEPS), each with its own way out and time limit. Absent once
   * it ended.
   */
  readonly step?: TransferStep
  /** Only in `failed`: why the agent is back with the customer. */
  readonly reason?: TransferFailureReason
  /** Epoch ms the transfer started (consult dialled, or blind REFER sent). */
  readonly startedAt: number
  /** Epoch ms the REFER was sent. */
  readonly referSentAt?: number
  /**
   * Warm only: epoch ms the transferee reported the new call answered (the NOTIFY with a 2xx
   * sipfrag, RFC 3515 §2.4.5). A blind transfer completes on the REFER's 202 and has none.
   */
  readonly notifyOkAt?: number
  /** Epoch ms the transfer reached completed, failed or cancelled. */
  readonly endedAt?: number
}

/**
 * A supervisor's monitoring session as this phone takes part in it (docs/supervisor.md):
 * `monitored` on the agent's phone, which sends both legs of the customer's call to the supervisor;
 * `monitoring` on the supervisor's phone, which answered that monitor call.
 */
export interface MonitorSnapshot {
  /** The gateway's session id (the `X-KCC-Monitor` header). */
  readonly id: string
  readonly role: 'monitored' | 'monitoring'
  readonly mode: MonitorMode
  readonly state: MonitorCallState
  /** The monitor call's Call-ID. */
  readonly sipCallId: string
}

export interface SoftphoneSnapshot {
  readonly registration: RegistrationState
  /**
   * The customer's call. During a warm transfer it stays the customer's (on hold while the agent
   * consults); on the colleague's side the customer's call replaces the consult call here.
   */
  readonly call: CallSnapshot | null
  /** The agent's consult call to a colleague during a warm transfer; kept once ended, like `call`. */
  readonly consult: CallSnapshot | null
  /** The current or last transfer of this customer's call; null until one starts. */
  readonly transfer: TransferSnapshot | null
  /** The current or last monitor call; null until one starts. */
  readonly monitor: MonitorSnapshot | null
  readonly devices: DeviceChoice
}

/** Something the phone refused that the gateway's audit log should hear of. */
export type SoftphoneSecurityEvent = SecurityEventInput

export type SoftphoneListener = (snapshot: SoftphoneSnapshot) => void
