import type { TransferOffer } from '../../../shared/live/protocol'
import { missingCaseError } from '../softphone/missing-case'

/**
 * The fallback when a PBX stripped the klantcontactnummer from the SIP signalling (issue 5 §2): the
 * gateway's live transfer offer (shared/live/protocol.ts) says which nummer was announced for this
 * agent or its afdeling. Only offers from the minute before the call rang count (an offer to the
 * afdeling must not attach itself to an unrelated call later); the newest wins, and one the caller
 * sent (the consult call of an attended transfer comes from the colleague) goes before others.
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
  /** Whether the offer's sender is the party calling (a consult call from the colleague). */
  readonly fromCaller?: (offer: TransferOffer) => boolean
}

export function offerFor(offers: readonly TransferOffer[], query: OfferQuery): TransferOffer | undefined {
  const candidates = offers
    .filter((offer) => offer.from !== query.agentLogin && !query.used.has(offer.transferId))
    .filter((offer) => addressedTo(offer, query))
    .filter((offer) => isRecent(offer.offeredAt, query.ringAt))
    .sort((a, b) => Date.parse(b.offeredAt) - Date.parse(a.offeredAt))
  const fromCaller = query.fromCaller
  return (fromCaller && candidates.find((offer) => fromCaller(offer))) ?? candidates[0]
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
