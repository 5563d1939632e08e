import { Inviter, type NameAddrHeader, type Session } from 'sip.js'

/**
 * The customer's side of a transfer in our tests: a sip.js session that follows a REFER (RFC 3515)
 * the way our own callers will, copying the headers embedded in the Refer-To URI onto the new INVITE.
 *
 * sip.js alone would follow the REFER too, but `Referral.makeInviter()` clears the URI's headers
 * and adds back only Replaces and Referred-By (telephony notes §6), so `X-KCC-Klantcontact` and
 * `User-to-User` of a blind transfer would be lost. Replaces (RFC 3891) and Referred-By (RFC 3892)
 * are left to sip.js, which adds them itself; `body` is not a header (RFC 3261 §19.1.1). The values
 * arrive percent-encoded (sip.js does not decode them) and are decoded here; a value that does not
 * decode, a name that is not a token, or a CR/LF (header injection) is dropped.
 */
const LEFT_TO_SIPJS = /^(replaces|referred-by|body)$/i
const TOKEN = /^[A-Za-z0-9.!%*_+`'~-]+$/

/** The header lines to put on the INVITE that follows a REFER with this Refer-To. */
export function embeddedHeaders(referTo: NameAddrHeader): string[] {
  return Object.entries(referTo.uri.headers)
    .filter(([name]) => !LEFT_TO_SIPJS.test(name) && TOKEN.test(name))
    .flatMap(([name, values]) =>
      values.flatMap((value) => {
        const decoded = decode(value)
        return decoded === undefined || /[\r\n]/.test(decoded) ? [] : [`${name}: ${decoded}`]
      }),
    )
}

function decode(value: string): string | undefined {
  try {
    return decodeURIComponent(value)
  } catch {
    return undefined
  }
}

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
