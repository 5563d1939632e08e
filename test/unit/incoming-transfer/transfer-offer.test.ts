import { describe, expect, it } from 'vitest'
import {
  CLOCK_SKEW_MS,
  OFFER_WINDOW_MS,
  offerFor,
} from '../../../renderer/src/incoming-transfer/transfer-offer'
import { AFDELING, AGENT, COLLEAGUE, RING, offerOf } from './fixtures'

const query = {
  agentLogin: AGENT,
  afdeling: AFDELING,
  ringAt: RING,
  used: new Set<string>(),
  assertedCaller: COLLEAGUE,
}
const at = (ms: number) => new Date(RING + ms).toISOString()

describe('offerFor', () => {
  it('takes offers from the minute before the ring, and a few seconds after it for clock skew', () => {
    const ids = (offers: ReturnType<typeof offerOf>[]) => offerFor(offers, query)?.transferId
    expect(ids([offerOf({ offeredAt: at(-OFFER_WINDOW_MS) })])).toBeDefined()
    expect(ids([offerOf({ offeredAt: at(-OFFER_WINDOW_MS - 1) })])).toBeUndefined()
    expect(ids([offerOf({ offeredAt: at(CLOCK_SKEW_MS) })])).toBeDefined()
    expect(ids([offerOf({ offeredAt: at(CLOCK_SKEW_MS + 1) })])).toBeUndefined()
    expect(ids([offerOf({ offeredAt: 'not a time' })])).toBeUndefined()
  })

  it('takes no afdeling offer while the afdeling is unknown', () => {
    const offer = offerOf({ to: { kind: 'afdeling', afdeling: AFDELING } })
    expect(offerFor([offer], { ...query, afdeling: undefined })).toBeUndefined()
    expect(offerFor([offer], query)).toBe(offer)
  })

  it('serves only a call asserted to come from the offering colleague', () => {
    const offer = offerOf({ to: { kind: 'afdeling', afdeling: AFDELING } })
    expect(offerFor([offer], query)).toBe(offer)
    expect(offerFor([offer], { ...query, assertedCaller: undefined })).toBeUndefined()
    expect(offerFor([offer], { ...query, assertedCaller: 'medewerker3' })).toBeUndefined()
    expect(offerFor([offerOf({ from: AGENT })], { ...query, assertedCaller: AGENT })).toBeUndefined()
  })
})
