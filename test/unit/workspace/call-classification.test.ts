import { describe, expect, it } from 'vitest'
import type { DirectoryView } from '../../../shared/gateway/api'
import type { TransferOffer } from '../../../shared/live/protocol'
import type { Klantcontactnummer } from '../../../shared/klantcontact/klantcontactnummer'
import type { CallSnapshot } from '../../../renderer/src/softphone/types'
import {
  classifyCall,
  isInternal,
  rangHere,
  type CallClassification,
  type ClassificationContext,
} from '../../../renderer/src/workspace/call-classification'

const AGENT = 'medewerker2'
const COLLEAGUE = 'medewerker1'
const NUMMER = '26000042' as Klantcontactnummer
const RING = Date.parse('2026-03-02T09:15:00.000Z')

const directory: DirectoryView = {
  afdelingen: [
    { id: 'vergunningen', naam: 'Vergunningen', groupAddress: 'sip:vergunningen@kcc.test', leden: [AGENT] },
  ],
  medewerkers: [COLLEAGUE, AGENT].map((login) => ({
    login,
    displayName: login,
    afdeling: 'kcc',
    extension: login,
    sipAddress: `sip:${login}@kcc.test`,
    state: 'beschikbaar',
  })),
}

const offer: TransferOffer = {
  transferId: 't-1',
  klantcontactnummer: NUMMER,
  from: COLLEAGUE,
  to: { kind: 'agent', login: AGENT },
  offeredAt: new Date(RING - 5_000).toISOString(),
}

const call = (changes: Partial<CallSnapshot> = {}): CallSnapshot => ({
  id: 'call-1',
  sipCallId: 'call-1@pc12.gemeente.example',
  state: 'ringing',
  direction: 'inbound',
  remoteNumber: '0612345678',
  startedAt: RING,
  muted: false,
  held: false,
  ...changes,
})

const context = (changes: Partial<ClassificationContext> = {}): ClassificationContext => ({
  agentLogin: AGENT,
  afdeling: 'vergunningen',
  directory,
  offers: [],
  usedOffers: new Set(),
  replaced: undefined,
  now: RING,
  ...changes,
})

describe('classifyCall', () => {
  it("a customer's call: inbound, from no colleague, whatever its From says", () => {
    expect(classifyCall(call(), context())).toEqual({ kind: 'customer' })
    expect(classifyCall(call({ remoteNumber: COLLEAGUE }), context())).toEqual({ kind: 'customer' })
    expect(classifyCall(call({ assertedCaller: 'onbekend' }), context())).toEqual({ kind: 'customer' })
  })

  it("a colleague's internal call: asserted to come from a medewerker or an afdeling's group address", () => {
    expect(classifyCall(call({ assertedCaller: COLLEAGUE }), context())).toEqual({ kind: 'colleague' })
    expect(classifyCall(call({ assertedCaller: 'vergunningen' }), context())).toEqual({ kind: 'colleague' })
    // Without the directory nobody is known to be a colleague yet.
    expect(classifyCall(call({ assertedCaller: COLLEAGUE }), context({ directory: undefined }))).toEqual({
      kind: 'customer',
    })
  })

  it('a transfer whose nummer came in the SIP signalling', () => {
    expect(classifyCall(call({ klantcontactnummer: NUMMER }), context({ offers: [offer] }))).toEqual({
      kind: 'transferred',
      nummer: NUMMER,
      source: 'header',
    })
  })

  it('a transfer whose nummer the live offer of the asserted colleague names, only while it rings', () => {
    const ringing = call({ assertedCaller: COLLEAGUE })
    expect(classifyCall(ringing, context({ offers: [offer] }))).toEqual({
      kind: 'transferred',
      nummer: NUMMER,
      source: 'offer',
      transferId: 't-1',
    })
    expect(classifyCall({ ...ringing, state: 'active' }, context({ offers: [offer] }))).toEqual({
      kind: 'colleague',
    })
    expect(classifyCall(ringing, context({ offers: [offer], usedOffers: new Set(['t-1']) }))).toEqual({
      kind: 'colleague',
    })
    // A guest's call never gets a pending offer's nummer.
    expect(classifyCall(call(), context({ offers: [offer] }))).toEqual({ kind: 'customer' })
  })

  it('a call replacing a transferred call (INVITE with Replaces) brings its nummer along', () => {
    const replacing = call({
      id: 'call-2',
      state: 'connecting',
      replacedSipCallId: 'call-1@pc12.gemeente.example',
    })
    const offered: CallClassification = {
      kind: 'transferred',
      nummer: NUMMER,
      source: 'offer',
      transferId: 't-1',
    }
    expect(classifyCall(replacing, context({ replaced: offered }))).toEqual({
      kind: 'transferred',
      nummer: NUMMER,
      source: 'replaces',
    })
    // The softphone carries a nummer from the signalling over itself.
    expect(classifyCall({ ...replacing, klantcontactnummer: NUMMER }, context())).toEqual({
      kind: 'transferred',
      nummer: NUMMER,
      source: 'replaces',
    })
  })

  it('a call replacing one that brought no nummer is just replacing', () => {
    const replacing = call({ id: 'call-2', state: 'connecting', replacedSipCallId: 'consult@pc12' })
    expect(classifyCall(replacing, context({ replaced: { kind: 'colleague' } }))).toEqual({
      kind: 'replacing',
      replaces: 'consult@pc12',
    })
  })

  it('a call the agent dialled is outbound, with or without a nummer', () => {
    expect(classifyCall(call({ direction: 'outbound', state: 'connecting' }), context())).toEqual({
      kind: 'outbound',
    })
    expect(
      classifyCall(
        call({ direction: 'outbound', klantcontactnummer: NUMMER, remoteNumber: COLLEAGUE }),
        context(),
      ),
    ).toEqual({ kind: 'outbound' })
  })
})

describe('rangHere', () => {
  it('is true for the calls that rang at this phone', () => {
    expect(rangHere({ kind: 'customer' })).toBe(true)
    expect(rangHere({ kind: 'colleague' })).toBe(true)
    expect(rangHere({ kind: 'transferred', nummer: NUMMER, source: 'header' })).toBe(true)
    expect(rangHere({ kind: 'transferred', nummer: NUMMER, source: 'replaces' })).toBe(false)
    expect(rangHere({ kind: 'replacing', replaces: 'x' })).toBe(false)
    expect(rangHere({ kind: 'outbound' })).toBe(false)
  })
})

describe('isInternal', () => {
  it('goes by the asserted caller inbound, and by the dialled target outbound', () => {
    expect(isInternal(call({ assertedCaller: COLLEAGUE }), directory)).toBe(true)
    expect(isInternal(call({ remoteNumber: COLLEAGUE }), directory)).toBe(false)
    expect(isInternal(call({ direction: 'outbound', remoteNumber: 'vergunningen' }), directory)).toBe(true)
    expect(isInternal(call({ direction: 'outbound' }), directory)).toBe(false)
    expect(isInternal(call({ assertedCaller: COLLEAGUE }), undefined)).toBe(false)
  })
})
