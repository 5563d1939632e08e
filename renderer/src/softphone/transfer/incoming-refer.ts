import type { Referral } from 'sip.js'
import { ASSERTED_IDENTITY_HEADER, assertedIdentityOf } from '../../../../shared/sip/asserted-identity'
import { parseReferTo, type ReferTarget } from '../../../../shared/sip/refer-target'
import type { Logger } from '../../log'
import type { ReferHandler } from '../sessions'
import type { SnapshotStore } from '../snapshot-store'
import type { SoftphoneSecurityEvent } from '../types'

/**
 * Incoming REFERs (RFC 3515) on an agent's phone. Agents send REFER; customers receive it. The one
 * REFER an agent's phone follows is a colleague passing it on: it arrives on the customer's call
 * (the phone's one visible call, with no transfer of its own under way), that call's other party is
 * a colleague we know for certain (the INVITE's asserted identity, or the colleague we dialled),
 * the REFER's own `P-Asserted-Identity` names that same colleague (our SIP servers assert it for
 * agents only, shared/sip/asserted-identity.ts), and its Refer-To is a colleague or an afdeling in
 * the directory, with at most a well-formed Replaces (shared/sip/refer-target.ts). Every other REFER
 * gets 403 (RFC 3515 §2.4.2 lets the recipient refuse), a warning without personal data, and a
 * security event for the gateway's audit log.
 */
export type ReferRefusal =
  /** No asserted identity, or one that is not the colleague this call is with. */
  | 'not-from-colleague'
  /** On a consult or monitor call, or while the phone transfers a call of its own. */
  | 'not-followable'
  /** A Refer-To we cannot read strictly, outside our domain, or not in the directory. */
  | 'target-not-allowed'

export type ReferDecision =
  | { readonly follow: true; readonly target: ReferTarget; readonly colleague: string }
  | { readonly follow: false; readonly reason: ReferRefusal }

/** What the phone knows of the agent directory (`GET /api/directory`), by SIP user part. */
export interface ReferDirectory {
  /** Whether `user` is a colleague's extension. */
  isColleague(user: string): boolean
  /** Whether `user` is a colleague's extension or an afdeling's group address. */
  isTarget(user: string): boolean
}

export interface ReferFacts {
  /** The REFER's `P-Asserted-Identity` values. */
  readonly asserted: readonly string[]
  /** The REFER's `Refer-To` value, as received. */
  readonly referTo: string | undefined
  /** The colleague the call is with, as far as we know for certain; undefined for anyone else. */
  readonly peer: string | undefined
  /** The REFER came on the customer's call and the phone is not transferring one itself. */
  readonly followable: boolean
}

export interface ReferPlace {
  readonly domain: string
  /** The phone's own extension: a REFER to ourselves is not a transfer. */
  readonly extension: string
  readonly directory: ReferDirectory | undefined
}

/** Whether to follow a REFER, and where to. Pure. */
export function decideRefer(facts: ReferFacts, place: ReferPlace): ReferDecision {
  const sender = assertedIdentityOf(facts.asserted, place.domain)
  const directory = place.directory
  if (
    sender === undefined ||
    facts.peer === undefined ||
    sender !== facts.peer ||
    directory === undefined ||
    !directory.isColleague(sender)
  ) {
    return { follow: false, reason: 'not-from-colleague' }
  }
  if (!facts.followable) {
    return { follow: false, reason: 'not-followable' }
  }
  const target = facts.referTo === undefined ? undefined : parseReferTo(facts.referTo)
  if (
    target === undefined ||
    target.host !== place.domain.toLowerCase() ||
    target.user === place.extension ||
    !directory.isTarget(target.user)
  ) {
    return { follow: false, reason: 'target-not-allowed' }
  }
  return { follow: true, target, colleague: sender }
}

/** How the customer's call takes part: who it is with, and how it follows. */
export interface CustomerReferPolicy {
  peer(): string | undefined
  followable(): boolean
  follow(referral: Referral, target: ReferTarget, colleague: string): void
}

export interface ReferGateHost {
  readonly log: Logger
  readonly state: SnapshotStore
  readonly place: () => ReferPlace
  report(event: SoftphoneSecurityEvent): void
}

/** Makes the REFER handlers the softphone's sessions get (sessions.ts). */
export class ReferGate {
  constructor(private readonly host: ReferGateHost) {}

  /** For a session whose REFERs are never followed: consult and monitor calls, a ringing call. */
  readonly refuseAll: ReferHandler = (referral) => this.refuse(referral, 'not-followable')

  /** For the customer's call: followed when {@link decideRefer} says so, else refused. */
  forCustomer(policy: CustomerReferPolicy): ReferHandler {
    return (referral) => {
      const request = referral.request
      const decision = decideRefer(
        {
          asserted: request.getHeaders(ASSERTED_IDENTITY_HEADER),
          referTo: request.getHeader('refer-to'),
          peer: policy.peer(),
          followable: policy.followable(),
        },
        this.host.place(),
      )
      if (decision.follow) {
        this.host.log.info('following a colleague’s REFER')
        policy.follow(referral, decision.target, decision.colleague)
      } else {
        this.refuse(referral, decision.reason)
      }
    }
  }

  private refuse(referral: Referral, reason: ReferRefusal): void {
    const { log, state } = this.host
    void referral.reject({ statusCode: 403 }).catch(() => undefined)
    // The snapshot's id of the call it came on (a uuid of ours), never the caller or the Refer-To.
    const sipCallId = referral.request.callId
    const snapshot = state.get()
    const callId = [snapshot.call, snapshot.consult, snapshot.monitor].find(
      (record) => record?.sipCallId === sipCallId,
    )?.id
    log.warn({ reason, ...(callId ? { callId } : {}) }, 'REFER refused')
    this.host.report({ kind: 'refer-refused', ...(callId ? { callId } : {}) })
  }
}
