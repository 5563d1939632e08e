import { SessionState, UserAgent, type Inviter, type Referral, type Session } from 'sip.js'
import { replacesHeader, type ReferTarget } from '../../../../shared/sip/refer-target'
import type { Logger } from '../../log'
import type { CallAudio } from '../media/call-audio'
import type { ReferGate } from './incoming-refer'
import { endSession } from '../call/session-requests'
import { newInviter } from '../sessions'

export interface ReferredCallHost {
  readonly log: Logger
  readonly domain: string
  readonly audio: CallAudio
  readonly gate: ReferGate
}

export interface FollowedRefer {
  /** The call the REFER came on. */
  referred: Session
  referral: Referral
  /** Checked by incoming-refer.ts: a colleague or afdeling on our domain, at most a Replaces. */
  target: ReferTarget
  /** The colleague who asked (their asserted identity). */
  colleague: string
}

/**
 * Follows a REFER a colleague sent (incoming-refer.ts decided it may be): accepts it (202) and
 * calls the target. The INVITE is built from the checked parts only: the bare target, the Replaces
 * rewritten from its parsed fields, and `Referred-By` naming the asserting colleague (RFC 3892), not
 * what the REFER wrote there. sip.js reports the new call's progress to the colleague (NOTIFY, RFC
 * 3515 §2.4.4) through the link between the two sessions. Once the new call is answered or has
 * failed, the old one is ended if the colleague has not done so: no call stays up unseen.
 *
 * Returns the new session; the caller makes it the agent's call.
 */
export function followReferral(host: ReferredCallHost, followed: FollowedRefer): Inviter {
  const { referred, referral, target, colleague } = followed
  const uri = UserAgent.makeURI(`sip:${target.user}@${target.host}`)
  if (!uri) {
    throw new RangeError('a checked refer target makes a SIP URI')
  }
  const extraHeaders = [
    ...(target.replaces ? [replacesHeader(target.replaces)] : []),
    `Referred-By: <sip:${colleague}@${host.domain}>`,
  ]
  const inviter = newInviter(
    referred.userAgent,
    uri,
    { extraHeaders, sessionDescriptionHandlerOptions: host.audio.sessionDescriptionHandlerOptions() },
    host.gate.refuseAll,
  )
  inviter._referred = referred
  referred._referral = inviter
  const endReferred = (): void => {
    void endSession(referred).catch((error: unknown) =>
      host.log.warn({ error: String(error) }, 'ending the referred call failed'),
    )
  }
  inviter.stateChange.addListener((state) => {
    if (state === SessionState.Established || state === SessionState.Terminated) {
      endReferred()
    }
  })
  referral
    .accept()
    .then(() => inviter.invite())
    .catch((error: unknown) => {
      host.log.warn({ error: String(error) }, 'following the REFER failed')
      void endSession(inviter).catch(() => undefined)
      endReferred()
    })
  return inviter
}
