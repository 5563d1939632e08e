import { afterEach, describe, expect, it, vi } from 'vitest'
import type { PartijLookupView } from '../../../shared/gateway/api'
import type { KlantbeeldView } from '../../../shared/gateway/klantbeeld'
import type { Klantcontactnummer } from '../../../shared/klantcontact/klantcontactnummer'
import { GatewayError } from '../../../renderer/src/api/errors'
import { suggestPartij } from '../../../renderer/src/klantcontact/partij-suggestion'
import { startScreenPop } from '../../../renderer/src/klantcontact/screen-pop'
import { startMissedCalls } from '../../../renderer/src/missed-calls/missed-call-recorder'
import type { CallSnapshot } from '../../../renderer/src/softphone/types'
import type { AppStore } from '../../../renderer/src/store'
import { RING } from './fixtures'
import { AGENT, COLLEAGUE, offerOf, setDirectory, setOffers } from '../incoming-transfer/fixtures'
import { coordinate, feedPhone } from '../workspace/coordinated'
import { quietLogger, storeOver } from './store-fixtures'

const PARTIJ = { uuid: '5e0f8a51-59b5-4f1a-a9a1-6d1f64f4c0a1', naam: 'Jan de Vries' }
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/** The gateway's answers: the partijen by number, and the caller's picture with the same partijen. */
function lookup(answer: PartijLookupView | GatewayError = { results: [PARTIJ] }) {
  return {
    partijenByTelefoonnummer: vi.fn((_number: string) =>
      answer instanceof GatewayError ? Promise.reject(answer) : Promise.resolve(answer),
    ),
    klantbeeld: vi.fn((_number: string) =>
      answer instanceof GatewayError ? Promise.reject(answer) : Promise.resolve(pictureOf(answer.results)),
    ),
  }
}

function pictureOf(partijen: PartijLookupView['results']): KlantbeeldView {
  return { partijen, klantcontacten: [], contactverzoeken: [] }
}

function ring(store: AppStore, call: Partial<CallSnapshot> = {}): void {
  const snapshot: CallSnapshot = {
    id: 'call-1',
    sipCallId: 'a84b4c76e66710@pc33.gemeente.example',
    state: 'ringing',
    direction: 'inbound',
    remoteNumber: '0612345678',
    startedAt: RING,
    muted: false,
    held: false,
    ...call,
  }
  feedPhone(store, { ...store.getState().workspace.phone, call: snapshot })
}

/**
 * The screen pop and the missed calls on the call events of a coordinator over `store`, as
 * workspace/runtime.ts wires them.
 */
function popping(store: AppStore, api: Pick<ReturnType<typeof lookup>, 'klantbeeld'> = lookup()): void {
  const { events } = coordinate(store, { agentLogin: AGENT, now: () => RING })
  stops.push(startScreenPop({ events, store, api, agentLogin: AGENT, logger: quietLogger }))
  stops.push(startMissedCalls({ events, store }))
}

const answer = (store: AppStore, at = RING + 6_000) => {
  ring(store, { state: 'connecting' })
  ring(store, { state: 'active', answeredAt: at })
}
const drafts = (store: AppStore) => Object.values(store.getState().klantcontact.drafts)
const openOnRing = (store: AppStore) => store.getState().settings.setSetting('openOnRing', true)

const stops: Array<() => void> = []
afterEach(() => {
  for (const stop of stops.splice(0)) {
    stop()
  }
})

describe('suggestPartij', () => {
  it('offers the first partij with the caller number, without filling the name', async () => {
    const { store } = storeOver()
    const id = store.getState().klantcontact.openForCall({
      agentLogin: AGENT,
      callId: 'c1',
      callerNumber: '+31612345678',
      at: RING,
    })
    const api = lookup({ results: [PARTIJ, { uuid: 'other', naam: 'Piet' }] })
    await suggestPartij({ store, api, logger: quietLogger }, id)
    expect(api.partijenByTelefoonnummer).toHaveBeenCalledWith('+31612345678')
    expect(store.getState().klantcontact.drafts[id]).toMatchObject({ suggestion: PARTIJ, naamKlant: '' })
  })

  it('does not look up what is not a phone number (an extension name, an anonymous caller)', async () => {
    const { store } = storeOver()
    const api = lookup()
    for (const callerNumber of ['medewerker2', 'anonymous', '']) {
      const id = store
        .getState()
        .klantcontact.openForCall({ agentLogin: AGENT, callId: callerNumber, callerNumber, at: RING })
      await suggestPartij({ store, api, logger: quietLogger }, id)
    }
    expect(api.partijenByTelefoonnummer).not.toHaveBeenCalled()
  })

  it('costs only the suggestion when the lookup fails', async () => {
    const { store } = storeOver()
    const id = store
      .getState()
      .klantcontact.openForCall({ agentLogin: AGENT, callId: 'c1', callerNumber: '0612345678', at: RING })
    const api = lookup(new GatewayError('unreachable', undefined, undefined, 'down'))
    await expect(suggestPartij({ store, api, logger: quietLogger }, id)).resolves.toBeUndefined()
    expect(store.getState().klantcontact.drafts[id]?.suggestion).toBeUndefined()
  })
})

describe('startScreenPop', () => {
  it('opens no draft while a call rings, and looks the caller up at ring', async () => {
    const { store } = storeOver()
    const api = lookup()
    popping(store, api)
    ring(store)
    await settle()
    expect(store.getState().klantcontact.drafts).toEqual({})
    expect(store.getState().klantcontact.activeId).toBeNull()
    expect(api.klantbeeld).toHaveBeenCalledWith('0612345678')
    expect(store.getState().ringing.callers['call-1']).toEqual({
      callId: 'call-1',
      lookup: 'known',
      partij: PARTIJ,
      picture: pictureOf([PARTIJ]),
    })
  })

  it('opens the draft at Opnemen with the ring time, focused, and offers the partij found at ring', async () => {
    const { store } = storeOver()
    const api = lookup()
    popping(store, api)
    ring(store)
    await settle()
    answer(store)
    await settle()
    const { activeId, focusRequest } = store.getState().klantcontact
    expect(drafts(store)).toHaveLength(1)
    expect(store.getState().klantcontact.drafts[activeId!]).toMatchObject({
      callId: 'call-1',
      sipCallId: 'a84b4c76e66710@pc33.gemeente.example',
      callerNumber: '0612345678',
      plaatsgevondenOp: new Date(RING).toISOString(),
      suggestion: PARTIJ,
      naamKlant: '',
    })
    expect(focusRequest).toMatchObject({ draftId: activeId, field: 'naamKlant' })
    // One audited read of the caller's picture per call: the draft takes the ring's result.
    expect(api.klantbeeld).toHaveBeenCalledTimes(1)
  })

  it('opens the draft the moment the agent presses Opnemen, before the answer is established', async () => {
    const { store } = storeOver()
    popping(store)
    ring(store)
    await settle()
    ring(store, { state: 'connecting' })
    const { activeId, focusRequest } = store.getState().klantcontact
    expect(drafts(store)).toHaveLength(1)
    expect(store.getState().klantcontact.drafts[activeId!]).toMatchObject({
      callId: 'call-1',
      plaatsgevondenOp: new Date(RING).toISOString(),
    })
    expect(focusRequest).toMatchObject({ draftId: activeId, field: 'naamKlant' })
    ring(store, { state: 'active', answeredAt: RING + 6_000 })
    expect(drafts(store)).toHaveLength(1)
  })

  it('discards the untouched draft of an Opnemen whose answer never came through', async () => {
    const { store } = storeOver()
    popping(store)
    ring(store)
    await settle()
    ring(store, { state: 'connecting' })
    expect(drafts(store)).toHaveLength(1)
    ring(store, { state: 'ended' })
    expect(drafts(store)).toEqual([])
  })

  it('offers the partij once the lookup still under way at Opnemen comes back', async () => {
    const { store } = storeOver()
    let resolve: (view: KlantbeeldView) => void = () => undefined
    const api = {
      klantbeeld: vi.fn(() => new Promise<KlantbeeldView>((done) => (resolve = done))),
    }
    popping(store, api)
    ring(store)
    answer(store)
    expect(store.getState().ringing.callers['call-1']?.lookup).toBe('looking')
    resolve(pictureOf([PARTIJ]))
    await settle()
    expect(drafts(store)[0]?.suggestion).toEqual(PARTIJ)
  })

  it('opens only one draft per call', async () => {
    const { store } = storeOver()
    popping(store, lookup({ results: [] }))
    ring(store)
    answer(store)
    ring(store, { state: 'on_hold', held: true, answeredAt: RING + 6_000 })
    ring(store, { state: 'ended', answeredAt: RING + 6_000 })
    await settle()
    expect(drafts(store)).toHaveLength(1)
    expect(store.getState().missedCalls.calls).toEqual([])
  })

  it('opens the draft at ring when the agent chose "open bij overgaan", and keeps the ring time', async () => {
    const { store } = storeOver()
    openOnRing(store)
    popping(store)
    ring(store)
    await settle()
    expect(drafts(store)).toHaveLength(1)
    expect(drafts(store)[0]).toMatchObject({ callId: 'call-1', suggestion: PARTIJ })
    answer(store)
    expect(drafts(store)).toHaveLength(1)
    expect(drafts(store)[0]?.plaatsgevondenOp).toBe(new Date(RING).toISOString())
  })

  it('carries on at ring with the draft being written for the same SIP Call-ID', () => {
    const { store } = storeOver()
    const earlier = store.getState().klantcontact.openForCall({
      agentLogin: AGENT,
      callId: 'earlier',
      sipCallId: 'a84b4c76e66710@pc33.gemeente.example',
      at: RING - 30_000,
    })
    store.getState().klantcontact.update(earlier, { onderwerp: 'Paspoort' })
    popping(store)
    ring(store)
    expect(drafts(store)).toHaveLength(1)
    expect(store.getState().klantcontact.drafts[earlier]).toMatchObject({
      callId: 'call-1',
      onderwerp: 'Paspoort',
    })
    expect(store.getState().klantcontact.activeId).toBe(earlier)
  })

  it('opens nothing for an outbound call or a warm transfer carrying a klantcontactnummer, answered or not', () => {
    const { store } = storeOver()
    popping(store)
    ring(store, { id: 'out', direction: 'outbound', state: 'connecting' })
    ring(store, { id: 'out', direction: 'outbound', state: 'active', answeredAt: RING + 1_000 })
    ring(store, { id: 'transfer', klantcontactnummer: '26000001' as Klantcontactnummer })
    ring(store, {
      id: 'transfer',
      klantcontactnummer: '26000001' as Klantcontactnummer,
      state: 'active',
      answeredAt: RING + 1_000,
    })
    expect(store.getState().klantcontact.drafts).toEqual({})
  })

  it('opens nothing for the customer who takes the place of a consult call (INVITE with Replaces)', () => {
    const { store } = storeOver()
    popping(store)
    ring(store, { id: 'replacing', state: 'active', replacedSipCallId: 'consult-sip-id', answeredAt: RING })
    expect(store.getState().klantcontact.drafts).toEqual({})
  })
})

describe('startScreenPop, when the call ends without being answered here', () => {
  it('ends quietly when a colleague answered it: no draft and no missed call', async () => {
    const { store } = storeOver()
    popping(store)
    ring(store)
    await settle()
    ring(store, { state: 'ended', answeredElsewhere: true })
    expect(store.getState().klantcontact.drafts).toEqual({})
    expect(store.getState().missedCalls.calls).toEqual([])
  })

  it('discards the untouched draft of "open bij overgaan" when a colleague answered it', async () => {
    const { store } = storeOver()
    openOnRing(store)
    popping(store)
    ring(store)
    await settle()
    expect(drafts(store)).toHaveLength(1)
    ring(store, { state: 'ended', answeredElsewhere: true })
    expect(store.getState().klantcontact.drafts).toEqual({})
    expect(store.getState().klantcontact.activeId).toBeNull()
    expect(store.getState().missedCalls.calls).toEqual([])
  })

  it('records a call the caller gave up on as missed, with the number, the partij and the ring time', async () => {
    const { store } = storeOver()
    popping(store)
    ring(store)
    await settle()
    ring(store, { state: 'ended' })
    expect(store.getState().klantcontact.drafts).toEqual({})
    expect(store.getState().missedCalls.calls).toEqual([
      {
        id: 'call-1',
        sipCallId: 'a84b4c76e66710@pc33.gemeente.example',
        number: '0612345678',
        naam: PARTIJ.naam,
        at: RING,
      },
    ])
  })

  it('records a missed call without a name when nobody is known by the number', async () => {
    const { store } = storeOver()
    popping(store, lookup({ results: [] }))
    ring(store)
    await settle()
    ring(store, { state: 'ended' })
    expect(store.getState().missedCalls.calls).toEqual([
      expect.not.objectContaining({ naam: expect.anything() as unknown }),
    ])
    expect(store.getState().missedCalls.calls[0]?.number).toBe('0612345678')
  })

  it('does not count a call the agent declined as missed', async () => {
    const { store } = storeOver()
    popping(store)
    ring(store)
    await settle()
    ring(store, { declined: true })
    ring(store, { state: 'ended', declined: true })
    expect(store.getState().missedCalls.calls).toEqual([])
    expect(store.getState().klantcontact.drafts).toEqual({})
  })

  it('leaves no orphan draft of a missed call with "open bij overgaan", but keeps one the agent typed in', async () => {
    const { store } = storeOver()
    openOnRing(store)
    popping(store)
    ring(store)
    await settle()
    ring(store, { state: 'ended' })
    expect(store.getState().klantcontact.drafts).toEqual({})
    expect(store.getState().missedCalls.calls).toHaveLength(1)

    ring(store, { id: 'call-2', sipCallId: 'second@pc33.gemeente.example' })
    const typed = store.getState().klantcontact.activeId!
    store.getState().klantcontact.update(typed, { onderwerp: 'Paspoort' })
    ring(store, { id: 'call-2', sipCallId: 'second@pc33.gemeente.example', state: 'ended' })
    expect(Object.keys(store.getState().klantcontact.drafts)).toEqual([typed])
    expect(store.getState().missedCalls.calls.map((c) => c.id)).toEqual(['call-2', 'call-1'])
  })

  it('forgets the missed calls and who rang once stopped (at logout)', async () => {
    const { store } = storeOver()
    popping(store)
    ring(store)
    await settle()
    ring(store, { state: 'ended' })
    expect(store.getState().missedCalls.calls).toHaveLength(1)
    for (const stop of stops.splice(0)) {
      stop()
    }
    expect(store.getState().missedCalls.calls).toEqual([])
    expect(store.getState().ringing.callers).toEqual({})
  })

  it('does not count a transferred call that rang out as missed', () => {
    const { store } = storeOver()
    popping(store)
    ring(store, { id: 'transfer', klantcontactnummer: '26000001' as Klantcontactnummer })
    ring(store, { id: 'transfer', klantcontactnummer: '26000001' as Klantcontactnummer, state: 'ended' })
    expect(store.getState().missedCalls.calls).toEqual([])
  })
})

describe('startScreenPop, when a live transfer offer names the nummer of a ringing call', () => {
  /** A colleague's consult call, its nummer stripped by a PBX: "open bij overgaan" makes a draft. */
  function popped(store: AppStore, api = lookup({ results: [] })): string {
    setDirectory(store)
    openOnRing(store)
    popping(store, api)
    ring(store, { assertedCaller: COLLEAGUE })
    const id = store.getState().klantcontact.activeId
    if (id === null) {
      throw new Error('no screen pop')
    }
    return id
  }

  /** The colleague's offer arriving while the call rings (the call is reclassified as transferred). */
  const offered = (store: AppStore) => setOffers(store, [offerOf()])

  it('makes no draft when the offer is there as the call rings, nor when it is answered', () => {
    const { store } = storeOver()
    setDirectory(store)
    openOnRing(store)
    popping(store)
    offered(store)
    ring(store, { assertedCaller: COLLEAGUE })
    ring(store, { assertedCaller: COLLEAGUE, state: 'active', answeredAt: RING + 2_000 })
    expect(store.getState().klantcontact.drafts).toEqual({})
  })

  it('makes no draft at Opnemen when the offer arrived while the call rang', () => {
    const { store } = storeOver()
    setDirectory(store)
    popping(store)
    ring(store, { assertedCaller: COLLEAGUE })
    offered(store)
    ring(store, { assertedCaller: COLLEAGUE, state: 'active', answeredAt: RING + 2_000 })
    expect(store.getState().klantcontact.drafts).toEqual({})
  })

  it('discards its untouched draft for that call when the offer arrives later', () => {
    const { store } = storeOver()
    popped(store)
    offered(store)
    expect(store.getState().klantcontact.drafts).toEqual({})
    expect(store.getState().klantcontact.activeId).toBeNull()
  })

  it('discards it also with a partij suggestion the agent did not accept', async () => {
    const { store } = storeOver()
    popped(store, lookup())
    await settle()
    expect(drafts(store)[0]?.suggestion).toEqual(PARTIJ)
    offered(store)
    expect(store.getState().klantcontact.drafts).toEqual({})
  })

  it.each([
    ['a naam klant', { naamKlant: 'Jan de Vries' }],
    ['an onderwerp', { onderwerp: 'Paspoort' }],
    ['an inhoud', { inhoud: 'Belt terug.' }],
  ] as const)('keeps the draft when the agent typed %s', (_what, patch) => {
    const { store } = storeOver()
    const id = popped(store)
    store.getState().klantcontact.update(id, patch)
    offered(store)
    expect(store.getState().klantcontact.drafts[id]).toMatchObject(patch)
  })

  it('keeps the draft when the agent accepted the partij suggestion', async () => {
    const { store } = storeOver()
    const id = popped(store, lookup())
    await settle()
    store.getState().klantcontact.acceptSuggestion(id)
    offered(store)
    expect(store.getState().klantcontact.drafts[id]).toMatchObject({ partijUuid: PARTIJ.uuid })
  })

  it('keeps a draft the agent already saved', () => {
    const { store } = storeOver()
    const id = popped(store)
    store.getState().klantcontact.update(id, { onderwerp: 'Paspoort' })
    store.getState().klantcontact.requestSave(id, RING)
    offered(store)
    expect(store.getState().klantcontact.drafts[id]?.status).toBe('queued')
  })

  it('keeps the draft once the call is answered: an offer no longer attaches to it', () => {
    const { store } = storeOver()
    const id = popped(store)
    ring(store, {
      remoteNumber: COLLEAGUE,
      assertedCaller: COLLEAGUE,
      state: 'active',
      answeredAt: RING + 2_000,
    })
    offered(store)
    expect(Object.keys(store.getState().klantcontact.drafts)).toEqual([id])
  })

  it('leaves alone a draft it did not make itself', () => {
    const { store } = storeOver()
    const popped = (() => {
      setDirectory(store)
      openOnRing(store)
      popping(store)
      ring(store, { assertedCaller: COLLEAGUE })
      return store.getState().klantcontact.activeId!
    })()
    store.getState().klantcontact.update(popped, { onderwerp: 'Paspoort' })
    const manual = store.getState().klantcontact.openManual(AGENT, RING)
    offered(store)
    expect(Object.keys(store.getState().klantcontact.drafts).sort()).toEqual([manual, popped].sort())
  })

  it('stops following the calls once stopped', () => {
    const { store } = storeOver()
    const id = popped(store)
    for (const stop of stops.splice(0)) {
      stop()
    }
    offered(store)
    expect(Object.keys(store.getState().klantcontact.drafts)).toEqual([id])
  })
})
