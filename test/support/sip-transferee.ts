import { Inviter, type NameAddrHeader, type Session } from 'sip.js'
import { embeddedHeaders } from '../../shared/sip/refer-headers'

/**
 * The customer's side of a transfer in our tests: a sip.js session that follows a REFER (RFC 3515)
 * the way our own caller page does (caller/src/referral.ts), copying the headers embedded in the
 * Refer-To URI onto the new INVITE (shared/sip/refer-headers.ts says why sip.js alone would not).
 */
export interface Transferee {
  /** Every INVITE the REFERs made, in order. */
  readonly referred: readonly Inviter[]
  /** The first INVITE a REFER made that was not asked for yet, waiting for it if need be. */
  nextReferred(timeoutMs?: number): Promise<Inviter>
}

export interface TransfereeOptions {
  /** Answer REFERs with this final status instead of following them (a transferee that refuses). */
  rejectWith?: number
  /**
   * Follow REFERs without ever sending a NOTIFY, as some PBXs do (RFC 3515 §2.4.4 says they must):
   * the new INVITE is not linked to the REFER, so sip.js does not report on it.
   */
  silent?: boolean
}

/**
 * Makes `session` follow REFERs: accept (202), then INVITE the Refer-To target with the embedded
 * headers copied. sip.js' inviter then NOTIFYs the referrer of each response (RFC 3515 §2.4.4).
 */
export function followReferrals(session: Session, options: TransfereeOptions = {}): Transferee {
  const referred: Inviter[] = []
  let taken = 0
  const waiting: Array<() => void> = []
  session.delegate = {
    ...session.delegate,
    onRefer: (referral) => {
      if (options.rejectWith !== undefined) {
        void referral.reject({ statusCode: options.rejectWith })
        return
      }
      const extraHeaders = embeddedHeaders(referral.referTo)
      const inviter = options.silent
        ? unlinkedInviter(session, referral.referTo, extraHeaders)
        : referral.makeInviter({ extraHeaders })
      referred.push(inviter)
      waiting.shift()?.()
      void referral.accept().then(() => inviter.invite())
    },
  }
  const nextReferred = async (timeoutMs = 5000): Promise<Inviter> => {
    while (taken >= referred.length) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no REFER followed')), timeoutMs)
        waiting.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
    return referred[taken++]!
  }
  return { referred, nextReferred }
}

/** An INVITE to the Refer-To target that sip.js does not tie to the REFER (so it sends no NOTIFY). */
function unlinkedInviter(session: Session, referTo: NameAddrHeader, extraHeaders: string[]): Inviter {
  const target = referTo.uri.clone()
  target.clearHeaders()
  return new Inviter(session.userAgent, target, { extraHeaders })
}
