import type { TransferOffer } from '../../../shared/live/protocol'
import { missingCaseError } from '../lib/missing-case'

/**
 * The fallback when a PBX stripped the klantcontactnummer from the SIP signalling: the
 * gateway's live transfer offer (shared/live/protocol.ts) says which nummer was announced for this
 * agent or its afdeling. An offer serves only the consult call of the agent who made it: a call
 * whose asserted caller (`P-Asserted-Identity`, which our SIP servers set for authenticated agents
 * only) is that agent. Never a guest's call, never another colleague's, and never on a display name
 * or a From, which anyone can write. (The customer's call that later replaces that consult call
 * keeps its klantcontact through the Replaces, transfer-receiver.ts.) Only offers from the minute
 * before the call rang count; of the caller's, the newest wins.
 *
 * The offer only names the nummer: opening it still goes through the transfer record.
 */
export const OFFER_WINDOW_MS = 60_000
/** The gateway's clock is not ours: an offer a little "after" the ring is skew, not a later offer. */
export const CLOCK_SKEW_MS = 10_000

export interface OfferQuery {
  readonly agentLogin: string
  /** The agent's afdeling id (the live protocol addresses afdelingen by id). */
  readonly afdeling: string | undefined
  /** Epoch ms the call rang in: the transfer was announced before the colleague dialled. */
  readonly ringAt: number
  /** Offers already used for an earlier call. */
  readonly used: ReadonlySet<string>
  /**
   * The login of the colleague the call is asserted to come from (the INVITE's asserted identity,
   * looked up in the directory); undefined for anyone else, and then no offer serves the call.
   */
  readonly assertedCaller: string | undefined
}

export function offerFor(offers: readonly TransferOffer[], query: OfferQuery): TransferOffer | undefined {
  const caller = query.assertedCaller
  if (caller === undefined || caller === query.agentLogin) {
    return undefined
  }
  return offers
    .filter((offer) => offer.from === caller && !query.used.has(offer.transferId))
    .filter((offer) => addressedTo(offer, query))
    .filter((offer) => isRecent(offer.offeredAt, query.ringAt))
    .sort((a, b) => Date.parse(b.offeredAt) - Date.parse(a.offeredAt))[0]
}

function addressedTo(offer: TransferOffer, { agentLogin, afdeling }: OfferQuery): boolean {
  const to = offer.to
  switch (to.kind) {
    case 'agent':
      return to.login === agentLogin
    case 'afdeling':
      return afdeling !== undefined && to.afdeling === afdeling
    default:
      throw missingCaseError(to)
  }
}

function isRecent(offeredAt: string, ringAt: number): boolean {
  const at = Date.parse(offeredAt)
  return Number.isFinite(at) && at >= ringAt - OFFER_WINDOW_MS && at <= ringAt + CLOCK_SKEW_MS
}
