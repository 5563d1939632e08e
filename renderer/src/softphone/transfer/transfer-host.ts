import type { Session, UserAgent } from 'sip.js'
import {
  assertKlantcontactnummer,
  type Klantcontactnummer,
} from '../../../../shared/klantcontact/klantcontactnummer'
import type { Logger } from '../../log'
import type { CallAudio } from '../media/call-audio'
import type { SnapshotStore } from '../snapshot-store'
import type { ReferGate } from './incoming-refer'

/** What the transfer needs of the Softphone: its store, audio, user agent and the customer's call. */
export interface TransferHost {
  readonly log: Logger
  readonly state: SnapshotStore
  readonly audio: CallAudio
  readonly domain: string
  readonly gate: ReferGate
  readonly now: () => number
  userAgent(): UserAgent | undefined
  /** The customer's session (the snapshot's `call`), if any. */
  customer(): Session | undefined
  /**
   * The hold (true) or resume (false) re-INVITE on the customer's call; rejects if refused. `signal`
   * cancels one that gets no final answer (session-requests.ts).
   */
  reinvite(hold: boolean, signal?: AbortSignal): Promise<void>
}

export interface TransferOptions {
  /** Passed on to the colleague: consult INVITE headers (warm) or embedded in the Refer-To (blind). */
  klantcontactnummer?: string
}

export /** The nummer to pass on, checked into the brand the call records carry; a RangeError for a bad one. */
function nummerOption(options: TransferOptions): Klantcontactnummer | undefined {
  const nummer = options.klantcontactnummer
  return nummer === undefined ? undefined : assertKlantcontactnummer(nummer)
}
