import type { DirectoryView } from '../../../shared/gateway/api'
import type { TransferOffer } from '../../../shared/live/protocol'
import {
  parseKlantcontactnummer,
  type Klantcontactnummer,
} from '../../../shared/klantcontact/klantcontactnummer'
import { missingCaseError } from '../lib/missing-case'
import { offerFor } from '../incoming-transfer/transfer-offer'
import { addressUser } from '../softphone/call/call-target'
import type { CallSnapshot } from '../softphone/types'

/**
 * What a call is to this agent, decided once, in one place, from the softphone's call record and
 * what the workspace knows (the directory, the live transfer offers); the call coordinator
 * publishes it with every call event (call-events.ts):
 *
 * - `customer`: an inbound call from anyone who is not a colleague (their From is theirs to write);
 * - `colleague`: an inbound call asserted to come from a colleague or an afdeling's group address
 *   (`P-Asserted-Identity`, shared/sip/asserted-identity.ts), carrying no klantcontactnummer;
 * - `transferred`: an inbound call that brings a colleague's klantcontact: its nummer came in the
 *   SIP signalling (`header`), from the gateway's live transfer offer when a PBX stripped the
 *   header (`offer`, incoming-transfer/transfer-offer.ts), or from the consult call this call
 *   replaced (`replaces`). The nummer still opens nothing but through the gateway's transfer record;
 * - `replacing`: an inbound call that took the place of one of ours (INVITE with Replaces, RFC
 *   3891) and brings no nummer; `replaces` is the replaced call's SIP Call-ID;
 * - `outbound`: a call the agent dialled.
 *
 * A supervisor's monitor call never gets here: the softphone answers it apart from the customer's
 * call (softphone/monitor/monitoring.ts) and publishes it as `monitor`, never as `call`.
 */
export type CallClassification =
  | { readonly kind: 'customer' }
  | { readonly kind: 'colleague' }
  | {
      readonly kind: 'transferred'
      readonly nummer: Klantcontactnummer
      readonly source: 'header' | 'replaces'
    }
  | {
      readonly kind: 'transferred'
      readonly nummer: Klantcontactnummer
      readonly source: 'offer'
      /** The offer that named the nummer: each offer serves one call. */
      readonly transferId: string
    }
  | { readonly kind: 'replacing'; readonly replaces: string }
  | { readonly kind: 'outbound' }

export interface ClassificationContext {
  readonly agentLogin: string
  /** The agent's afdeling id (offers may be addressed to it). */
  readonly afdeling: string | undefined
  /** The agent directory once loaded. */
  readonly directory: DirectoryView | undefined
  readonly offers: readonly TransferOffer[]
  /** Offers that already served a call. */
  readonly usedOffers: ReadonlySet<string>
  /** How the call this one replaces was classified, when this one replaces it. */
  readonly replaced: CallClassification | undefined
  /** Epoch ms, for a call record without `startedAt` (the offers' time window). */
  readonly now: number
}

export function classifyCall(call: CallSnapshot, context: ClassificationContext): CallClassification {
  if (call.direction === 'outbound') {
    return { kind: 'outbound' }
  }
  if (call.replacedSipCallId !== undefined) {
    // The customer's call never rang: the replaced consult call had its screen pop or its
    // transferred klantcontact, and the softphone carries a nummer from the signalling over.
    const nummer = call.klantcontactnummer ?? nummerOf(context.replaced)
    return nummer !== undefined
      ? { kind: 'transferred', nummer, source: 'replaces' }
      : { kind: 'replacing', replaces: call.replacedSipCallId }
  }
  if (call.klantcontactnummer !== undefined) {
    return { kind: 'transferred', nummer: call.klantcontactnummer, source: 'header' }
  }
  const offered = offeredFor(call, context)
  if (offered !== undefined) {
    return offered
  }
  return call.assertedCaller !== undefined && isColleague(call.assertedCaller, context.directory)
    ? { kind: 'colleague' }
    : { kind: 'customer' }
}

/** Whether the call rang at this phone: inbound, and not one that took the place of another. */
export function rangHere(classification: CallClassification): boolean {
  switch (classification.kind) {
    case 'customer':
    case 'colleague':
      return true
    case 'transferred':
      return classification.source !== 'replaces'
    case 'replacing':
    case 'outbound':
      return false
    default:
      throw missingCaseError(classification)
  }
}

/** The nummer a classification brings, if any. */
export function nummerOf(classification: CallClassification | undefined): Klantcontactnummer | undefined {
  return classification?.kind === 'transferred' ? classification.nummer : undefined
}

/**
 * Whether the other party is a colleague or an afdeling's group address (a consult, a call between
 * colleagues): such calls are not counted as customer calls on the supervisor's view. An inbound
 * call is a colleague's only by its asserted caller: its From is whatever the caller wrote.
 */
export function isInternal(call: CallSnapshot, directory: DirectoryView | undefined): boolean {
  const remote = call.direction === 'inbound' ? call.assertedCaller : call.remoteNumber
  return remote !== undefined && isColleague(remote, directory)
}

function isColleague(remote: string, directory: DirectoryView | undefined): boolean {
  return (
    directory !== undefined &&
    (directory.medewerkers.some((m) => m.extension === remote) ||
      directory.afdelingen.some((a) => addressUser(a.groupAddress) === remote))
  )
}

/**
 * The live transfer offer that names this call's nummer, when a PBX stripped it from the INVITE.
 * Only while the call rings: an afdeling's offer must not attach itself to a call already going on.
 * Only for the colleague the call is asserted to come from, looked up in the directory; nothing
 * else a call says about its caller (display name, From) counts.
 */
function offeredFor(call: CallSnapshot, context: ClassificationContext): CallClassification | undefined {
  if (call.state !== 'ringing') {
    return undefined
  }
  const caller =
    call.assertedCaller === undefined
      ? undefined
      : context.directory?.medewerkers.find((m) => m.extension === call.assertedCaller)?.login
  const offer = offerFor(context.offers, {
    agentLogin: context.agentLogin,
    afdeling: context.afdeling,
    ringAt: call.startedAt ?? context.now,
    used: context.usedOffers,
    assertedCaller: caller,
  })
  const nummer = parseKlantcontactnummer(offer?.klantcontactnummer)
  return offer !== undefined && nummer !== undefined
    ? { kind: 'transferred', nummer, source: 'offer', transferId: offer.transferId }
    : undefined
}
