import { SessionState, type Inviter, type Session, type URI, type UserAgent } from 'sip.js'
import type { Klantcontactnummer } from '../../../../shared/klantcontact/klantcontactnummer'
import type { Logger } from '../../log'
import type { CallAudio } from '../media/call-audio'
import type { ReferGate } from './incoming-refer'
import { endSession } from '../call/session-requests'
import { newInviter } from '../sessions'
import type { SnapshotStore } from '../snapshot-store'
import { classifyCallFailure, failureOfResponse } from '../call/call-failure'
import type { CallFailure } from '../types'

export interface ConsultCallHost {
  readonly log: Logger
  readonly state: SnapshotStore
  readonly audio: CallAudio
  /** A consult call never follows a REFER: the colleague is passed the customer, not us. */
  readonly gate: ReferGate
  /** The customer's session, to hear again when the consult is over. */
  customer(): Session | undefined
}

export interface ConsultDial {
  uri: URI
  /** What the snapshot shows as the other party. */
  label: string
  klantcontactnummer: Klantcontactnummer | undefined
  /** The klantcontact headers (shared/sip/klantcontactnummer.ts), already checked. */
  extraHeaders: string[]
}

/**
 * How a consult call ended: `established` tells a colleague who hung up from one who never
 * answered; `status` is the final response to our INVITE when there was one (RFC 3261 §21).
 */
export type ConsultEnded = (end: { status: number | undefined; established: boolean }) => void

export interface ConsultEvents {
  /** The colleague answered (the consult is established). */
  answered(): void
  /** The consult is over, however; called once. */
  ended: ConsultEnded
}

/**
 * The agent's consult call to a colleague during a warm transfer (RFC 5589 §7): an outbound call
 * beside the customer's, published as the snapshot's `consult`. While it is up the agent hears the
 * colleague; when it ends, the customer again.
 */
export class ConsultCall {
  private current: Inviter | undefined
  /** Set when we end the consult before an answer: no failure of theirs to classify then. */
  private endedByUs: CallFailure | null | undefined

  constructor(private readonly host: ConsultCallHost) {}

  get session(): Inviter | undefined {
    return this.current
  }

  /**
   * Dials the colleague; `events.ended` is called once when the consult is over, however. Resolves
   * when the INVITE is sent; rejects (after `ended`) when it cannot be.
   */
  async dial(ua: UserAgent, dial: ConsultDial, events: ConsultEvents): Promise<void> {
    const { ended } = events
    const { state, audio, log } = this.host
    const inviter = newInviter(
      ua,
      dial.uri,
      {
        extraHeaders: dial.extraHeaders,
        sessionDescriptionHandlerOptions: audio.sessionDescriptionHandlerOptions(),
      },
      this.host.gate.refuseAll,
    )
    this.current = inviter
    this.endedByUs = undefined
    state.newCall(
      {
        id: crypto.randomUUID(),
        // Fixed when the Inviter builds its INVITE, before anything is sent.
        sipCallId: inviter.request.callId,
        direction: 'outbound',
        remoteNumber: dial.label,
        ...(dial.klantcontactnummer === undefined ? {} : { klantcontactnummer: dial.klantcontactnummer }),
      },
      'consult',
    )
    state.callEvent('dial', 'consult')
    let status: number | undefined
    let failure: CallFailure | undefined
    let established = false
    const end = (): void => this.ended(inviter, { status, established }, failure, ended)
    inviter.stateChange.addListener((sessionState) => {
      if (sessionState === SessionState.Established && inviter === this.current) {
        established = true
        state.callEvent('established', 'consult')
        // The agent hears the colleague now; the customer, on hold, is silent.
        audio.listenTo(inviter)
        audio.applyMute()
        events.answered()
      } else if (sessionState === SessionState.Terminated) {
        // sip.js moves a refused Inviter to Terminated before it calls the request delegate's
        // onReject (inviter.js), so the final status is known one microtask later.
        queueMicrotask(end)
      }
    })
    try {
      await inviter.invite({
        requestDelegate: {
          onReject: (response) => {
            status = response.message.statusCode
            failure = failureOfResponse(response.message)
          },
        },
      })
    } catch (error) {
      // Not sent (the socket is down): no session will terminate, so end the record here.
      log.warn({ error: String(error) }, 'consult INVITE not sent')
      failure = classifyCallFailure(undefined)
      end()
      void inviter.dispose().catch(() => undefined)
      throw error
    }
  }

  /**
   * Ends the consult in whatever phase (CANCEL while it rings, BYE once up). `failure` is what the
   * consult's record says when it was not answered (a ring time that ran out); without it, none.
   */
  async hangUp(failure?: CallFailure): Promise<void> {
    const consult = this.current
    if (consult) {
      this.endedByUs ??= failure ?? null
      await endSession(consult).catch((error: unknown) =>
        this.host.log.warn({ error: String(error) }, 'ending the consult failed'),
      )
    }
  }

  private ended(
    inviter: Inviter,
    end: Parameters<ConsultEnded>[0],
    failure: CallFailure | undefined,
    ended: ConsultEnded,
  ): void {
    if (inviter !== this.current) {
      return
    }
    this.current = undefined
    const byUs = this.endedByUs
    const recorded = byUs === undefined ? failure : (byUs ?? undefined)
    if (!end.established && recorded) {
      this.host.state.updateCall({ failure: recorded }, 'consult')
    }
    this.host.state.callEvent('end', 'consult')
    const customer = this.host.customer()
    if (end.established && customer?.state === SessionState.Established) {
      this.host.audio.listenTo(customer)
    }
    ended(end)
  }
}
