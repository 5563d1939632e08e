import {
  SessionState,
  type Core,
  type Inviter,
  type Referral,
  type SessionDelegate,
  type SessionDescriptionHandlerOptions,
} from 'sip.js'
import { embeddedHeaders } from '../../shared/sip/refer-headers'
import type { Logger } from './log'

/**
 * Following a REFER as a desk phone does (RFC 3515 §2.4.2, RFC 5589): accept it (202 Accepted) and
 * call the Refer-To target, with the headers a blind transfer embedded in the Refer-To
 * (shared/sip/refer-headers.ts); sip.js adds Replaces for an attended transfer (RFC 3891) and NOTIFYs
 * the referrer of the new call's progress (RFC 3515 §2.4.4).
 *
 * Refused instead: a REFER while the phone is busy (`busy`: 491 Request Pending while another
 * REFER is being followed), a Refer-To sip.js cannot parse (400 Bad Request, RFC 3261 §21.4.1:
 * sip.js checks only that there is one, and its `referTo` getter throws on the rest), and a
 * Refer-To that parses but is not a SIP URI, such as http: (603 Decline: we place SIP calls only).
 * Returns the new call, or undefined when refused.
 */
export interface FollowOptions {
  /** A final status to refuse with instead of following. */
  readonly busy: number | undefined
  readonly sessionDescriptionHandlerOptions: SessionDescriptionHandlerOptions
  /** The delegate the new call gets (so it follows a further REFER too). */
  readonly delegate: SessionDelegate
  readonly log: Logger
  /** The new call was refused; `reason` is for the page. */
  readonly onReject: (reason: string) => void
  readonly reasonOf: (response: Core.IncomingResponse) => string
}

export function followReferral(referral: Referral, options: FollowOptions): Inviter | undefined {
  const status = options.busy ?? refusalOf(referral)
  if (status !== undefined) {
    options.log.info('REFER refused', { status })
    void referral.reject({ statusCode: status }).catch(() => undefined)
    return undefined
  }
  const next = referral.makeInviter({
    extraHeaders: embeddedHeaders(referral.referTo),
    sessionDescriptionHandlerOptions: options.sessionDescriptionHandlerOptions,
    delegate: options.delegate,
  })
  options.log.info('following a REFER')
  referral
    .accept()
    .then(() =>
      next.invite({
        requestDelegate: { onReject: (response) => options.onReject(options.reasonOf(response)) },
      }),
    )
    .catch((error: unknown) => {
      options.log.warn('REFER not followed', { error: String(error) })
      endCall(next, options.log)
    })
  return next
}

/** Why a Refer-To cannot be followed, as a final status; undefined when it can. */
function refusalOf(referral: Referral): number | undefined {
  let scheme: string
  try {
    scheme = referral.referTo.uri.scheme.toLowerCase()
  } catch {
    return 400
  }
  return scheme === 'sip' || scheme === 'sips' ? undefined : 603
}

/** Ends a call in whatever phase it is: BYE once established, CANCEL while it rings. */
export function endCall(inviter: Inviter, log: Logger): void {
  const failed = (error: unknown): void => log.warn('ending a call failed', { error: String(error) })
  if (inviter.state === SessionState.Established) {
    void inviter.bye().catch(failed)
  } else if (inviter.state === SessionState.Initial || inviter.state === SessionState.Establishing) {
    void inviter.cancel().catch(failed)
  }
}
