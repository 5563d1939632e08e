import { Invitation, Inviter, SessionState, type Session } from 'sip.js'
import { missingCaseError } from '../../lib/missing-case'

/**
 * Requests the softphone sends on a call (hold, DTMF, ending it), kept apart from the service so it
 * stays one concept per file.
 */

export interface ReinviteRetry {
  /** How many times to resend after a 491 or 500; 2 by default. */
  attempts: number
  /** Milliseconds to wait before a resend. */
  delayMs: () => number
}

/**
 * RFC 3261 §14.1: after 491 (glare) the owner of the Call-ID waits 2.1–4 s, the other side 0–2 s;
 * a 500 with Retry-After during an unfinished ACK (RFC 6337 §4.3) clears within a round trip. One
 * window, 0.5–2 s, covers both for the holds of a human agent.
 */
export const DEFAULT_REINVITE_RETRY: ReinviteRetry = {
  attempts: 2,
  delayMs: () => 500 + Math.random() * 1_500,
}

const RETRYABLE = new Set([491, 500])

/**
 * Sends a hold (`a=sendonly`) or resume (`a=sendrecv`) re-INVITE (RFC 6337 §5.3; what sip.js'
 * `Web.SessionManager.hold()` does). Resolves when a 2xx arrives; rejects on a final failure.
 *
 * `signal` is for a caller that cannot wait forever: sip.js leaves an INVITE client transaction
 * that got a provisional response in Proceeding with no timer at all (Timer B stops there, and a
 * UAC has no Timer C; invite-client-transaction.js), so a re-INVITE a proxy answered 100 Trying
 * and the far end never answered finally would keep this promise, and sip.js' "re-INVITE
 * pending" flag, forever. On abort the pending re-INVITE is cancelled (CANCEL, RFC 3261 §9.1; the
 * far end answers it 487) and no resend follows; the promise still settles with the re-INVITE's
 * own outcome, since a 2xx may cross the CANCEL and the hold then did happen.
 */
export async function sendHoldReinvite(
  session: Session,
  hold: boolean,
  retry: ReinviteRetry,
  signal?: AbortSignal,
): Promise<void> {
  session.sessionDescriptionHandlerOptionsReInvite = {
    hold,
  } as typeof session.sessionDescriptionHandlerOptionsReInvite
  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) {
      throw new Error('re-INVITE given up')
    }
    let cancel: (() => void) | undefined
    const status = await new Promise<number>((resolve, reject) => {
      session
        .invite({
          requestDelegate: {
            onAccept: () => resolve(200),
            onReject: (response) => resolve(response.message.statusCode ?? 0),
          },
        })
        .then((request) => {
          cancel = () => {
            try {
              request.cancel()
            } catch {
              // The transaction is already over: its outcome settles this promise.
            }
          }
          if (signal?.aborted) {
            cancel()
          } else {
            signal?.addEventListener('abort', cancel, { once: true })
          }
        })
        .catch(reject)
    }).finally(() => {
      if (cancel) {
        signal?.removeEventListener('abort', cancel)
      }
    })
    if (status >= 200 && status < 300) {
      return
    }
    if (!RETRYABLE.has(status) || attempt >= retry.attempts || signal?.aborted) {
      throw new Error(`re-INVITE rejected: ${status}`)
    }
    await new Promise((resolve) => setTimeout(resolve, retry.delayMs()))
  }
}

const DTMF = /^[0-9*#]$/

/** Throws a RangeError unless `tone` is exactly one of 0-9, * and #. */
export function assertDtmfTone(tone: string): void {
  if (!DTMF.test(tone)) {
    throw new RangeError('a DTMF tone is one of 0-9, * and #')
  }
}

/**
 * Sends one DTMF tone as SIP INFO `application/dtmf-relay` (as sip.js SimpleUser does), which
 * survives proxies that do not pass RFC 4733 events. Throws a RangeError for anything but one of
 * 0-9, * and #, before anything is sent.
 */
export async function sendDtmfInfo(session: Session, tone: string): Promise<void> {
  assertDtmfTone(tone)
  await session.info({
    requestOptions: {
      body: {
        contentDisposition: 'render',
        contentType: 'application/dtmf-relay',
        content: `Signal=${tone}\r\nDuration=100`,
      },
    },
  })
}

/**
 * Ends `session` in whatever phase it is: CANCEL while our INVITE rings (RFC 3261 §9), a reject
 * while theirs rings, BYE once established (§15). Resolves at once for a session already ending.
 */
export async function endSession(session: Session): Promise<void> {
  switch (session.state) {
    case SessionState.Initial:
    case SessionState.Establishing:
      if (session instanceof Inviter) {
        await session.cancel()
      } else if (session instanceof Invitation) {
        await session.reject()
      }
      return
    case SessionState.Established:
      await session.bye()
      return
    case SessionState.Terminating:
    case SessionState.Terminated:
      return
    default:
      throw missingCaseError(session.state)
  }
}
