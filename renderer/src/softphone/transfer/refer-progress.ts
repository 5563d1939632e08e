import type { Session, URI } from 'sip.js'
import type { Logger } from '../../log'
import { failureReasonForStatus, type TransferFailureReason } from './transfer-states'

/**
 * A REFER on the customer's call and its outcome (RFC 3515), reduced to one plain result so the
 * transfer logic never touches sip.js messages.
 */
export type ReferOutcome =
  /** The transfer is done: warm, the NOTIFY with a 2xx (`notifyOkAt`); blind, the REFER's 202. */
  | { readonly ok: true; readonly notifyOkAt?: number }
  | { readonly ok: false; readonly reason: TransferFailureReason; readonly status?: number }

export interface ReferWaits {
  /**
   * Blind: the REFER's 202 is the outcome. The customer's phone has taken the job of calling the
   * colleague over (RFC 3515 §2.4.2, RFC 5589 §6), and the agent is free; NOTIFYs after it are
   * answered and not waited for. Warm: only the final sipfrag counts.
   */
  doneOnAccept: boolean
}

export interface PendingRefer {
  /** Stops waiting: no outcome is reported after this. */
  stop(): void
}

const SIPFRAG_STATUS = /^SIP\/2\.0 ([1-6][0-9]{2})(?:[ \r\n]|$)/

/**
 * The status code of a `message/sipfrag` body's status line (RFC 3420, RFC 3515 §2.4.5), or
 * undefined for anything else.
 */
export function sipfragStatus(body: string | undefined): number | undefined {
  const match = SIPFRAG_STATUS.exec(body ?? '')
  return match?.[1] === undefined ? undefined : Number(match[1])
}

/**
 * Sends the REFER on `session` (established) and reports its outcome once:
 * - a final non-2xx to the REFER (sip.js turns a transaction timeout into a 408): failed;
 * - blind: the 202: succeeded;
 * - warm: a NOTIFY whose sipfrag is a final status: 2xx succeeded, otherwise failed with the
 *   reason for that status. The sip.js transferee sends one NOTIFY per response to its INVITE
 *   (100, 180, 200, …), each with `Subscription-State: terminated` (a FIXME in sip.js' inviter),
 *   so only the sipfrag's status line says which one is final.
 *
 * It sets no timer: how long to wait is the transfer's `referring` limit (transfer-states.ts), whose
 * owner calls `stop()`. sip.js routes every later NOTIFY on the dialog to the `onNotify` given here
 * (Session.onNotifyRequest) and drops them once the session is no longer established. Every NOTIFY
 * is answered 200 (RFC 6665 §4.1.3), whatever it says.
 */
export function referAndFollow(
  session: Session,
  referTo: URI | Session,
  waits: ReferWaits,
  now: () => number,
  log: Logger,
  onOutcome: (outcome: ReferOutcome) => void,
): PendingRefer {
  let done = false
  const stop = (): void => {
    done = true
  }
  const report = (outcome: ReferOutcome): void => {
    if (!done) {
      stop()
      onOutcome(outcome)
    }
  }
  session
    .refer(referTo, {
      requestDelegate: {
        onAccept: () => {
          if (waits.doneOnAccept) {
            report({ ok: true })
          }
        },
        onReject: (response) => {
          const status = response.message.statusCode
          report({ ok: false, reason: 'failed', ...(status ? { status } : {}) })
        },
      },
      onNotify: (notification) => {
        void notification
          .accept()
          .catch((error: unknown) => log.warn({ error: String(error) }, 'NOTIFY answer failed'))
        const event = notification.request.getHeader('Event') ?? ''
        const status = sipfragStatus(notification.request.body)
        if (!/^refer\b/i.test(event.trim()) || status === undefined) {
          log.warn({ event }, 'NOTIFY without a refer sipfrag ignored')
          return
        }
        if (status >= 300) {
          report({ ok: false, reason: failureReasonForStatus(status), status })
        } else if (status >= 200) {
          report({ ok: true, notifyOkAt: now() })
        }
      },
    })
    .catch((error: unknown) => {
      log.warn({ error: String(error) }, 'REFER not sent')
      report({ ok: false, reason: 'failed' })
    })
  return { stop }
}
