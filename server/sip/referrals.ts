import type { NameAddr, SipRequest } from 'sip'
import {
  parseKlantcontactnummer,
  type Klantcontactnummer,
} from '../../shared/klantcontact/klantcontactnummer'
import { KLANTCONTACT_HEADER } from '../../shared/sip/klantcontactnummer'
import { parseUri } from './messages'

/**
 * Blind transfer of a guest (RFC 3515, RFC 5589 §6): an agent REFERs the customer to a colleague
 * with the klantcontactnummer embedded in the Refer-To, and the customer's phone calls that colleague.
 * What a guest's phone puts on that INVITE is never believed (its headers are stripped), so the
 * server remembers what the agent asked for when it forwards the REFER, and when the same guest
 * connection calls the same target within a minute it adds the nummer and `Referred-By` itself,
 * once. An `X-KCC-Klantcontact` a softphone receives is thereby always one an agent sent.
 */
export interface Referral {
  /** The user part of the Refer-To target on our domain (an agent or a group address). */
  target: string
  nummer?: Klantcontactnummer
  /** The referring agent. */
  agent: string
  at: number
}

export interface Referrals {
  /** An agent's REFER is being forwarded to a guest's connection. False if it names no target of ours. */
  remember(guestFlowId: string, refer: SipRequest, agent: string): boolean
  /** The referral a guest's INVITE follows, taken (it is used once); undefined if none applies. */
  take(guestFlowId: string, invite: SipRequest): Referral | undefined
  dropFlow(flowId: string): void
}

export const REFERRAL_TTL_MS = 60_000
const NUMMER_HEADER = KLANTCONTACT_HEADER.toLowerCase()

export function createReferrals(domain: string, now: () => number = Date.now): Referrals {
  const byFlow = new Map<string, Referral>()
  return {
    remember(guestFlowId, refer, agent) {
      const target = referTarget(refer, domain)
      if (!target) {
        return false
      }
      byFlow.set(guestFlowId, { ...target, agent, at: now() })
      return true
    },
    take(guestFlowId, invite) {
      const referral = byFlow.get(guestFlowId)
      if (!referral) {
        return undefined
      }
      if (now() - referral.at > REFERRAL_TTL_MS) {
        byFlow.delete(guestFlowId)
        return undefined
      }
      const uri = parseUri(invite.uri)
      if (!uri || uri.host.toLowerCase() !== domain || uri.user !== referral.target) {
        return undefined
      }
      byFlow.delete(guestFlowId)
      return referral
    },
    dropFlow(flowId) {
      byFlow.delete(flowId)
    },
  }
}

/** The Refer-To's user on our domain and the valid nummer embedded in it, if any. */
function referTarget(
  refer: SipRequest,
  domain: string,
): { target: string; nummer?: Klantcontactnummer } | undefined {
  const referTo = refer.headers['refer-to'] as NameAddr | undefined
  const uri = referTo ? parseUri(referTo.uri) : undefined
  if (!uri || !uri.user || uri.host.toLowerCase() !== domain) {
    return undefined
  }
  const embedded = Object.entries(uri.headers).find(([name]) => name.toLowerCase() === NUMMER_HEADER)?.[1]
  const nummer = parseKlantcontactnummer(embedded === undefined ? undefined : decode(embedded))
  return nummer ? { target: uri.user, nummer } : { target: uri.user }
}

function decode(value: string): string | undefined {
  try {
    return decodeURIComponent(value)
  } catch {
    return undefined
  }
}

/**
 * A Refer-To whose URI would put a line break or NUL into the INVITE that follows it (RFC 3261
 * §19.1.1 lets a URI carry headers, percent-encoded): `?Replaces=x%0D%0AX-KCC-Klantcontact%3A…`
 * is a header injection on any phone that decodes it. Refused from anyone, in and out of dialogs.
 */
export function referToInjects(refer: SipRequest): boolean {
  const referTo = refer.headers['refer-to'] as NameAddr | undefined
  const raw = referTo && typeof referTo.uri === 'string' ? referTo.uri : ''
  return /%0[0ad]|[\r\n\0]/i.test(raw)
}

/**
 * Puts what the referring agent sent on the guest's INVITE (after the guest's own headers were
 * stripped): the nummer, and `Referred-By` (RFC 3892) naming the agent instead of any the guest sent.
 */
export function vouchForReferral(invite: SipRequest, referral: Referral, domain: string): void {
  if (referral.nummer !== undefined) {
    invite.headers[NUMMER_HEADER] = referral.nummer
  }
  invite.headers['referred-by'] = `<sip:${referral.agent}@${domain}>`
}
