import { afterEach, describe, expect, it, vi } from 'vitest'
import type { PartijLookupView } from '../../../shared/gateway/api'
import type { Klantcontactnummer } from '../../../shared/klantcontact/klantcontactnummer'
import { GatewayError } from '../../../renderer/src/api/errors'
import { suggestPartij } from '../../../renderer/src/klantcontact/partij-suggestion'
import { startScreenPop } from '../../../renderer/src/klantcontact/screen-pop'
import type { CallSnapshot } from '../../../renderer/src/softphone/types'
import type { AppStore } from '../../../renderer/src/store'
import { RING } from './fixtures'
import { AGENT, COLLEAGUE, offerOf, setDirectory, setOffers } from '../incoming-transfer/fixtures'
import { coordinate, feedPhone } from '../workspace/coordinated'
import { quietLogger, storeOver } from './store-fixtures'

const PARTIJ = { uuid: '5e0f8a51-59b5-4f1a-a9a1-6d1f64f4c0a1', naam: 'Jan de Vries' }
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

function lookup(answer: PartijLookupView | GatewayError = { results: [PARTIJ] }) {
  return {
    partijenByTelefoonnummer: vi.fn((_number: string) =>
      answer instanceof GatewayError ? Promise.reject(answer) : Promise.resolve(answer),
    ),
  }
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

/** The screen pop on the call events of a coordinator over `store`, as workspace/runtime.ts wires it. */
function popping(store: AppStore, api = lookup()): void {
  const { events } = coordinate(store, { agentLogin: AGENT, now: () => RING })
  stops.push(startScreenPop({ events, store, api, agentLogin: AGENT, logger: quietLogger }))
}

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
  it('opens a draft the moment an inbound call rings, and offers the known partij', async () => {
    const { store } = storeOver()
    const api = lookup()
    popping(store, api)
    ring(store)
    await settle()
    const { activeId, drafts } = store.getState().klantcontact
    expect(activeId).not.toBeNull()
    expect(drafts[activeId!]).toMatchObject({
      callId: 'call-1',
      callerNumber: '0612345678',
      plaatsgevondenOp: new Date(RING).toISOString(),
      suggestion: PARTIJ,
      naamKlant: '',
    })
  })

  it('takes the answer time as plaatsgevondenOp, and opens only one draft per call', async () => {
    const { store } = storeOver()
    popping(store, lookup({ results: [] }))
    ring(store)
    ring(store, { state: 'connecting' })
    ring(store, { state: 'active', answeredAt: RING + 6_000 })
    await settle()
    const drafts = Object.values(store.getState().klantcontact.drafts)
    expect(drafts).toHaveLength(1)
    expect(drafts[0]?.plaatsgevondenOp).toBe(new Date(RING + 6_000).toISOString())
  })

  it('opens nothing for an outbound call or a warm transfer carrying a klantcontactnummer', () => {
    const { store } = storeOver()
    popping(store)
    ring(store, { id: 'out', direction: 'outbound', state: 'connecting' })
    ring(store, { id: 'transfer', klantcontactnummer: '26000001' as Klantcontactnummer })
    expect(store.getState().klantcontact.drafts).toEqual({})
  })

  it('opens nothing for the customer who takes the place of a consult call (INVITE with Replaces)', () => {
    const { store } = storeOver()
    popping(store)
    ring(store, { id: 'replacing', state: 'active', replacedSipCallId: 'consult-sip-id' })
    expect(store.getState().klantcontact.drafts).toEqual({})
  })
})

describe('startScreenPop, when a live transfer offer names the nummer of a ringing call', () => {
  /** A colleague's consult call, its nummer stripped by a PBX: the screen pop makes a draft. */
  function popped(store: AppStore, api = lookup({ results: [] })): string {
    setDirectory(store)
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

  it('makes no draft when the offer is there as the call rings', () => {
    const { store } = storeOver()
    setDirectory(store)
    popping(store)
    offered(store)
    ring(store, { assertedCaller: COLLEAGUE })
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
    expect(Object.values(store.getState().klantcontact.drafts)[0]?.suggestion).toEqual(PARTIJ)
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
    setDirectory(store)
    popping(store)
    ring(store, { assertedCaller: COLLEAGUE })
    const popped = store.getState().klantcontact.activeId!
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
